package gcfloor

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// These tests change the process's GC pacing: none of them is parallel.

func TestUserSettingWins(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "100")
			if f := Start(64 << 20); f != nil {
				f.Stop()
				t.Fatalf("Start with %s set paced the collector itself", env)
			}
		})
	}
}

// unpaced clears GOGC and GOMEMLIMIT from the environment and sets GOGC to
// gogc for the test, giving back the process's pacing after it.
func unpaced(t *testing.T, gogc int) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(gogc)
	t.Cleanup(func() { debug.SetGCPercent(before) })
}

// collectAndPace runs a collection and waits for the hook to run after it.
func collectAndPace(t *testing.T, f *Floor) {
	t.Helper()
	f.mu.Lock()
	n := f.paced
	f.mu.Unlock()
	runtime.GC()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		f.mu.Lock()
		done := f.paced > n
		f.mu.Unlock()
		if done {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the hook did not run after a collection")
		}
	}
}

// TestPacesToTheFloor follows the live heap across collections: a small
// one gets a GOGC that puts the goal at the floor (within the bound), a live
// heap of more than half the floor the default 100, and Stop gives back the
// GOGC before.
func TestPacesToTheFloor(t *testing.T) {
	unpaced(t, 77)

	const floor = 96 << 20
	f := Start(floor)
	if f == nil {
		t.Fatal("Start returned nil with neither GOGC nor GOMEMLIMIT set")
	}
	pct := func() int {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.pct
	}
	// A live heap of a few MB would need GOGC 2,000 to reach the floor:
	// it gets the bound.
	collectAndPace(t, f)
	if p := pct(); p != maxPercent {
		t.Errorf("small live heap: GOGC %d, want %d", p, maxPercent)
	}

	big := make([]byte, 60<<20) // live, more than half the floor
	for i := range big {
		big[i] = byte(i)
	}
	collectAndPace(t, f)
	if p := pct(); p != 100 {
		t.Errorf("60 MiB live, floor 96 MiB: GOGC %d, want 100", p)
	}
	runtime.KeepAlive(big)
	big = nil

	collectAndPace(t, f)
	if p := pct(); p != maxPercent {
		t.Errorf("the 60 MiB dropped: GOGC %d, want %d", p, maxPercent)
	}
	f.Stop()
	if got := debug.SetGCPercent(77); got != 77 {
		t.Errorf("after Stop GOGC = %d, want the 77 set before Start", got)
	}
}

// TestHeapGoal holds live heaps of several sizes and reads the collector's
// goal after the hook has run: five times a small live heap (the bound),
// the floor for a middling one, twice a large one (the default pacing).
func TestHeapGoal(t *testing.T) {
	unpaced(t, 100)

	const floor = 128 << 20
	for _, tc := range []struct {
		live int // MiB held
		want func(live float64) float64
	}{
		{8, func(l float64) float64 { return 5 * l }},
		{40, func(float64) float64 { return floor }},
		{90, func(l float64) float64 { return 2 * l }},
	} {
		held := make([]byte, tc.live<<20)
		for i := range held {
			held[i] = 1
		}
		f := Start(floor)
		collectAndPace(t, f) // the hook sees the held heap live
		collectAndPace(t, f) // and this cycle's goal has its GOGC
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}
		metrics.Read(s)
		f.Stop()
		runtime.KeepAlive(held)
		live, goal := float64(s[0].Value.Uint64()), float64(s[1].Value.Uint64())
		want := tc.want(live)
		t.Logf("%d MiB held: live %.1f MiB, goal %.1f MiB, want %.1f", tc.live, live/(1<<20), goal/(1<<20), want/(1<<20))
		if goal < 0.9*want || goal > 1.1*want {
			t.Errorf("%d MiB held: heap goal %.1f MiB, want %.1f MiB", tc.live, goal/(1<<20), want/(1<<20))
		}
	}
}
