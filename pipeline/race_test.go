//go:build race

package pipeline

// raceEnabled: the race detector slows analysis tenfold; long tests skip.
const raceEnabled = true
