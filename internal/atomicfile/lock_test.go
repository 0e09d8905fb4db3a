package atomicfile

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// A second run finds the directory locked and says by whom; it gets the
// lock once the first lets go, and waiting ends with its context.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	first, err := TryLock(dir, "report")
	if err != nil {
		t.Fatal(err)
	}
	_, err = TryLock(dir, "report")
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "framing report (pid") {
		t.Fatalf("second lock: %v; want busy, naming the holder", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	var told string
	if _, err := WaitLock(ctx, dir, "report", func(m string) { told = m }); err == nil || !strings.Contains(told, "waiting") {
		t.Fatalf("waiting on a held lock: err %v, message %q", err, told)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		first.Unlock()
	}()
	second, err := WaitLock(context.Background(), dir, "report", nil)
	if err != nil {
		t.Fatalf("waiting for a released lock: %v", err)
	}
	second.Unlock()
}
