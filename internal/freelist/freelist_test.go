package freelist

import (
	"runtime"
	"sync"
	"testing"
)

// What a List holds survives collections (what sync.Pool does not promise),
// comes back last in first out, and is bounded by Max.
func TestListKeepsItsItems(t *testing.T) {
	var l List[int]
	if l.Get() != nil {
		t.Fatal("an empty list gave an item")
	}
	a, b := new(int), new(int)
	l.Put(a)
	l.Put(b)
	runtime.GC()
	runtime.GC()
	if got := l.Get(); got != b {
		t.Error("the last item put did not come back first after two collections")
	}
	if got := l.Get(); got != a {
		t.Error("the first item put did not come back after two collections")
	}
	for range 2 * Max {
		l.Put(new(int))
	}
	n := 0
	for l.Get() != nil {
		n++
	}
	if n != Max {
		t.Errorf("kept %d idle items, want Max = %d", n, Max)
	}
}

// Concurrent Gets never hand one item to two goroutines at once.
func TestListConcurrent(t *testing.T) {
	var l List[int]
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				x := l.Get()
				if x == nil {
					x = new(int)
				}
				*x = g*1000 + i
				runtime.Gosched()
				if *x != g*1000+i {
					t.Errorf("item shared between goroutines")
					return
				}
				l.Put(x)
			}
		}()
	}
	wg.Wait()
}

// Drain leaves the list empty.
func TestDrain(t *testing.T) {
	var l List[int]
	l.Put(new(int))
	l.Put(new(int))
	l.Drain()
	if l.Get() != nil {
		t.Error("an item survived Drain")
	}
}
