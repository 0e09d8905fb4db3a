package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain fails the package if a test left a result cache in the package
// directory: every test that runs a report must pass --no-cache or --cache
// with a temporary directory, or the source tree fills with cache entries.
func TestMain(m *testing.M) {
	if args := os.Getenv(helperArgs); args != "" {
		os.Exit(helperProcess(args))
	}
	_, before := os.Stat(".framing-cache")
	code := m.Run()
	if _, after := os.Stat(".framing-cache"); after == nil && before != nil {
		fmt.Fprintln(os.Stderr, "a test wrote .framing-cache into cmd/framing: pass --no-cache or --cache t.TempDir()")
		os.RemoveAll(".framing-cache")
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}
