//go:build !unix

package atomicfile

import "os"

// Without flock (Windows, Plan 9) the lock is only the file: it does not
// keep two runs apart. framing's supported platforms are Unix.
func flock(*os.File) error { return nil }

func funlock(*os.File) {}
