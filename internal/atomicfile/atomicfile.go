// Package atomicfile writes files so that a reader, a crash or a Ctrl-C never
// sees half of one: the data goes to a temporary file in the same directory,
// is synced to disk, and is renamed over the target in one step. Until the
// rename, the old file is untouched; after it, the new one is complete.
//
// Every file framing writes (articles, reports, cache entries, converted
// lexicons) goes through here.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// ErrExists is returned by Create when the target already exists.
var ErrExists = fs.ErrExist

// Write replaces path with what write produces. If write fails, path is left
// as it was and the temporary file is removed.
func Write(path string, perm os.FileMode, write func(io.Writer) error) error {
	return commit(path, perm, write, os.Rename)
}

// WriteFile is Write for a byte slice.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Create writes path only if it does not exist yet, and never replaces a file
// that appears meanwhile: the final step is a hard link, which fails if the
// name is taken, where a rename would silently overwrite. On file systems
// without hard links it falls back to an exclusive create of the target.
func Create(path string, data []byte, perm os.FileMode) error {
	err := commit(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, func(tmp, dst string) error {
		if err := os.Link(tmp, dst); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %w", dst, ErrExists)
			}
			return createExclusive(dst, data, perm)
		}
		return nil
	})
	return err
}

func createExclusive(path string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

// Pending is a file being written: its data goes to a temporary file in the
// target's directory, renamed into place by Commit. It lets a caller write
// several files at once and put them in place in an order of its choosing.
type Pending struct {
	path string
	perm os.FileMode
	tmp  *os.File
}

// Begin starts writing path.
func Begin(path string, perm os.FileMode) (*Pending, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &Pending{path: path, perm: perm, tmp: tmp}, nil
}

// Write writes to the temporary file.
func (p *Pending) Write(b []byte) (int, error) { return p.tmp.Write(b) }

// Commit syncs the temporary file and renames it over the target.
func (p *Pending) Commit() error {
	return commitSync(p.path, p.perm, nil, os.Rename, true, p.tmp)
}

// Abort removes the temporary file; the target is untouched. It may follow
// a Commit, and then does nothing.
func (p *Pending) Abort() {
	if p.tmp != nil {
		p.tmp.Close()
		os.Remove(p.tmp.Name())
	}
}

// WriteFileNoSync is WriteFile without the fsyncs, for files that are only a
// cache of work that can be redone and that carry a checksum: a crash may
// leave such a file empty or torn, never half-replaced, and the reader
// detects and discards it. Syncing costs more than the write itself: with it,
// caching 10,000 articles took 10 s more than analysing them.
func WriteFileNoSync(path string, data []byte, perm os.FileMode) error {
	return commitSync(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, os.Rename, false, nil)
}

// WriteNoSync is WriteFileNoSync for a file written as a stream.
func WriteNoSync(path string, perm os.FileMode, write func(io.Writer) error) error {
	return commitSync(path, perm, write, os.Rename, false, nil)
}

func commit(path string, perm os.FileMode, write func(io.Writer) error, place func(tmp, dst string) error) (err error) {
	return commitSync(path, perm, write, place, true, nil)
}

// commitSync writes path through a temporary file: tmp when given (already
// written), else a new one filled by write.
func commitSync(path string, perm os.FileMode, write func(io.Writer) error, place func(tmp, dst string) error, sync bool, tmp *os.File) (err error) {
	dir := filepath.Dir(path)
	if tmp == nil {
		if tmp, err = os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*"); err != nil {
			return err
		}
		if err := write(tmp); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
	}
	name := tmp.Name()
	defer func() {
		// After a successful rename the temporary name is gone; after a link
		// it must go. Either way, removing it is right.
		os.Remove(name)
	}()
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if sync {
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := place(name, path); err != nil {
		return err
	}
	if sync {
		syncDir(dir)
	}
	return nil
}

// syncDir makes the rename durable. Some systems cannot sync a directory;
// the file itself is already on disk, so that failure is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// leftover matches the temporary files this package names
// (".NAME.tmp-DIGITS", os.CreateTemp's random part being digits).
var leftover = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// IsLeftover reports whether a file name is one of this package's
// temporary files.
func IsLeftover(name string) bool { return leftover.MatchString(name) }

// SweepLeftovers removes the temporary files a killed writer left in dir
// (not below it). The caller must hold the lock under which every writer
// of dir works, so that none of them is a file being written now: that is
// what proves they are leftovers. It returns how many it removed.
func SweepLeftovers(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, nil
		}
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && IsLeftover(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
				n++
			}
		}
	}
	return n, nil
}
