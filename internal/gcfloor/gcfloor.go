// Package gcfloor lets a batch run's heap grow to a floor before the Go
// collector paces itself the usual way.
//
// The collector's default (GOGC=100) starts a cycle when the heap has grown
// by its live size since the last one. A report over a few thousand articles
// keeps 25–50 MB live while it allocates about a gigabyte of short-lived
// records (tokens, per-sentence scratch), so it collects forty times, and
// marking was a tenth of its CPU. Yet the machine it runs on has
// hundreds of megabytes to spare. With a floor the heap may grow to the
// floor before a collection (to at most five times what is live); once
// twice the live heap exceeds the floor, the pacing is the default's again.
// So a small run collects a handful of times, and a large run peaks about
// where it did without the floor: the floor is a constant, it does not
// scale with the corpus.
//
// It is the trade of memory for CPU the Go GC guide describes, done by
// adjusting GOGC after each cycle (the idea of bytedance/gopkg's gctuner;
// not a dependency for sixty lines). The memory limit is not used: a heap
// whose live part outgrows a limit makes the collector run back to back,
// where a raised GOGC only ever delays collections.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// DefaultFloor is the heap a run may grow to before it collects: 128 MiB.
// A 2,000-article report then collects 14 times instead of 40 and takes 8%
// less CPU (6 interleaved pairs with GOGC=100: 7.34 against 7.99 CPU-s on
// average, less in every pair; in a first round 192 and 256 MiB gained no
// more than 128). Peak RSS: 1,000 articles 128 → 169 MB, 2,000 143 → 180,
// 10,000 194 → 200 (its live heap outgrows the floor).
const DefaultFloor = 128 << 20

// Floor holds the collector's pacing for one process; Stop gives it back.
type Floor struct {
	floor uint64
	prev  int // GOGC before Start

	mu      sync.Mutex
	stopped bool
	pct     int // the GOGC set last
	paced   int // collections the hook has run after
	sample  []metrics.Sample
}

// Start raises GOGC so that the heap may grow to floor bytes, and keeps it
// adjusted after every collection until Stop. It does nothing, and returns
// nil, when the user has set GOGC or GOMEMLIMIT: their choice wins.
func Start(floor uint64) *Floor {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" || floor == 0 {
		return nil
	}
	f := &Floor{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	f.pct = f.percent()
	f.prev = debug.SetGCPercent(f.pct)
	f.watch()
	return f
}

// Stop restores the GOGC in force before Start. A nil Floor is a no-op.
func (f *Floor) Stop() {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopped = true
	debug.SetGCPercent(f.prev)
}

// maxPercent bounds the GOGC set: the heap may grow to at most five times
// its live size. The hook that lowers GOGC as the live heap grows runs on
// the runtime's cleanup goroutine, which a busy process may not schedule
// for a while — on one core, 2.4 s after a collection, in which time a
// GOGC set for a 4 MB live heap let a 23 MB one grow to 292 MB. With the
// bound a late hook costs at most 2.5 times the default's memory.
const maxPercent = 400

// percent returns the GOGC whose heap goal is the floor for today's live
// heap — live·(1 + GOGC/100) = floor — within [100, maxPercent].
func (f *Floor) percent() int {
	metrics.Read(f.sample)
	live := uint64(4 << 20) // the runtime's minimum heap, before the first cycle
	if s := f.sample[0]; s.Value.Kind() == metrics.KindUint64 && s.Value.Uint64() > live {
		live = s.Value.Uint64()
	}
	if 2*live >= f.floor {
		return 100
	}
	return int(min((f.floor-live)*100/live, maxPercent))
}

// sentinel is an object dropped at once, so the next collection finds it
// unreachable and runs its cleanup: a hook that runs once per cycle.
type sentinel struct{ _ *int }

// watch arranges for the next collection to re-pace the heap and watch again.
func (f *Floor) watch() {
	s := &sentinel{}
	runtime.AddCleanup(s, func(f *Floor) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.stopped {
			return
		}
		f.pct = f.percent()
		f.paced++
		debug.SetGCPercent(f.pct)
		f.watch()
	}, f)
}
