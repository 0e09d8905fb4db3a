package gcfloor

import (
	"runtime"
	"runtime/debug"
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

// waitPct waits for the hook of the collection just run to set GOGC to a
// value ok accepts, and returns it.
func waitPct(t *testing.T, f *Floor, ok func(int) bool) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		f.mu.Lock()
		p := f.pct
		f.mu.Unlock()
		if ok(p) {
			return p
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC stayed %d", p)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestPacesToTheFloor follows the live heap across collections: a small
// one gets a GOGC that puts the goal at the floor, a live heap of more than
// half the floor the default 100, and Stop gives back the GOGC before.
func TestPacesToTheFloor(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)

	const floor = 96 << 20
	f := Start(floor)
	if f == nil {
		t.Fatal("Start returned nil with neither GOGC nor GOMEMLIMIT set")
	}
	small := waitPct(t, f, func(p int) bool { return p > 300 })
	t.Logf("small live heap: GOGC %d", small)

	big := make([]byte, 60<<20) // live, more than half the floor
	for i := range big {
		big[i] = byte(i)
	}
	waitPct(t, f, func(p int) bool { return p == 100 })
	runtime.KeepAlive(big)
	big = nil

	waitPct(t, f, func(p int) bool { return p > 300 })
	f.Stop()
	if got := debug.SetGCPercent(before); got != 77 {
		t.Errorf("after Stop GOGC = %d, want the 77 set before Start", got)
	}
}

// TestFewerCollections allocates the same garbage with and without a floor
// and counts collections: with the default pacing a heap of a few MB live
// collects every few MB; with a floor, every floor's worth.
func TestFewerCollections(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	churn := func() uint32 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		n := m.NumGC
		var keep [][]byte
		for i := range 512 { // 512 MiB of garbage, 1 MiB at a time, 8 MiB live
			b := make([]byte, 1<<20)
			b[0] = byte(i)
			keep = append(keep, b)
			if len(keep) == 8 {
				keep = keep[:0]
			}
		}
		runtime.ReadMemStats(&m)
		return m.NumGC - n
	}
	plain := churn()
	f := Start(128 << 20)
	floored := churn()
	f.Stop()
	t.Logf("collections: %d with the default pacing, %d with a 128 MiB floor", plain, floored)
	if floored*4 > plain {
		t.Errorf("a 128 MiB floor collected %d times, the default %d: want at most a quarter", floored, plain)
	}
}
