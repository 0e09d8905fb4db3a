package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the file in a locked directory that holds the lock.
const LockName = ".framing.lock"

// Lock is an advisory lock on a directory that framing writes a set of
// files into (a report directory, the cache, a corpus being added to), so
// two runs never write into one at once (two reports into one
// --out mixed their record files). It is an flock on LockName in the
// directory: the kernel drops it when the process ends, however it ends, so
// a crashed run never leaves a stale lock behind. The file names the holder
// (its pid, command and start time) for the message a waiting run prints.
type Lock struct {
	f *os.File
}

// ErrBusy is what TryLock returns when another process holds the lock.
var ErrBusy = errors.New("locked by another framing run")

// TryLock takes the lock on dir (creating dir) without waiting. When
// another process holds it, it returns ErrBusy, wrapped with who holds it.
func TryLock(dir, what string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if err := flock(f); err != nil {
		f.Close()
		if errors.Is(err, ErrBusy) {
			holder, _ := os.ReadFile(path)
			h := strings.TrimSpace(string(holder))
			if h == "" {
				h = "another framing run"
			}
			return nil, fmt.Errorf("%s is in use by %s: %w", dir, h, ErrBusy)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	// Say who holds it. Truncating is safe: only the holder writes.
	f.Truncate(0)
	fmt.Fprintf(f, "framing %s (pid %d, since %s)\n", what, os.Getpid(), time.Now().Format(time.RFC3339))
	return &Lock{f: f}, nil
}

// WaitLock takes the lock on dir, waiting for another run to finish: it
// tells waiting (once) who holds it, then tries again every poll interval
// until it gets the lock or ctx ends.
func WaitLock(ctx context.Context, dir, what string, waiting func(msg string)) (*Lock, error) {
	told := false
	for {
		l, err := TryLock(dir, what)
		if !errors.Is(err, ErrBusy) {
			return l, err
		}
		if !told && waiting != nil {
			waiting(strings.TrimSuffix(err.Error(), ": "+ErrBusy.Error()) + "; waiting for it to finish")
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w (%w)", err, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Unlock releases the lock. The lock file stays: removing it while another
// process waits on it would let two runs hold two different files.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	l.f.Truncate(0)
	funlock(l.f)
	l.f.Close()
	l.f = nil
}
