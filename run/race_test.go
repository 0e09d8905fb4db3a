//go:build race

package run

// raceEnabled: the race detector slows analysis tenfold; long tests skip.
const raceEnabled = true
