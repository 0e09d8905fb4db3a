package run

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/framing/framing/internal/atomicfile"
)

// A report set is published whole: the run writes every file of it into a
// fresh directory beside --out, and only then switches --out to it, so a
// reader of --out (a browser on report.html, a script on hits.jsonl, a CI
// job on report.json) sees the previous complete set or the new complete
// set, never a mix, and a run that fails or is killed changes nothing
// there. The paths users open stay the same.
//
// The sets live in a hidden sibling of --out, "<parent>/.<name>.sets/",
// with the lock that makes one run at a time. How --out is switched:
//
//   - Linux, macOS (and Windows with symlinks allowed): --out is a symbolic
//     link to the current set, replaced in one rename: atomic.
//   - Where no symbolic link can be made (Windows without the privilege):
//     --out is a directory, and the switch is two renames (the old set out,
//     the new one in), with an instant where --out does not exist — a reader
//     then finds nothing, never a mix.
//
// An --out that is still a plain directory from an earlier framing is
// moved into the sets once, if it holds nothing but framing's files; if it
// holds anything else, the run refuses rather than move or lose it.
type reportSet struct {
	given   string // --out as given, for the paths a run prints
	out     string // --out, absolute: the path users open
	sets    string // where the sets live
	dir     string // the set being written
	symlink bool   // --out is a symbolic link (else swapped by renames)
	lock    *atomicfile.Lock
}

// setsDir is where --out's sets live.
func setsDir(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".sets")
}

// openReportSet takes the lock of --out's sets (waiting for another run),
// moves an old plain --out directory into them, and makes the directory
// this run writes into.
func openReportSet(ctx context.Context, out string, say func(string)) (*reportSet, error) {
	return openReportSetWith(ctx, out, say, canSymlink)
}

// openReportSetWith is openReportSet with the test of whether symbolic
// links can be made given: the tests try the renames on any system.
func openReportSetWith(ctx context.Context, out string, say func(string), linkable func(dir string) bool) (*reportSet, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("report directory %s: %w", out, err)
	}
	s := &reportSet{given: out, out: abs, sets: setsDir(abs)}
	if err := os.MkdirAll(s.sets, 0o755); err != nil {
		return nil, fmt.Errorf("report directory %s: %w", out, err)
	}
	if say == nil {
		say = func(string) {}
	}
	if s.lock, err = atomicfile.WaitLock(ctx, s.sets, "report", say); err != nil {
		return nil, err
	}
	s.symlink = linkable(s.sets)
	if err := s.adopt(); err != nil {
		s.lock.Unlock()
		return nil, err
	}
	if s.dir, err = os.MkdirTemp(s.sets, "set-"); err != nil {
		s.lock.Unlock()
		return nil, fmt.Errorf("report directory %s: %w", out, err)
	}
	// MkdirTemp makes it private; a report is for reading.
	os.Chmod(s.dir, 0o755)
	return s, nil
}

// canSymlink reports whether a symbolic link can be made in dir.
func canSymlink(dir string) bool {
	probe := filepath.Join(dir, ".symlink-probe-"+strconv.Itoa(os.Getpid()))
	os.Remove(probe)
	if err := os.Symlink(".", probe); err != nil {
		return false
	}
	os.Remove(probe)
	return true
}

// frameworkFile matches what framing writes into a report directory.
var frameworkFile = regexp.MustCompile(`^(report\.(json|md|html)|(hits|quotes|mentions|agency)\.jsonl|(outlets|articles|hits)\.csv|hits\.parquet|charts|\.framing\.lock|\..+\.tmp-[0-9]+)$`)

// adopt moves a plain --out directory (an earlier framing's report set)
// into the sets and, with symbolic links, points --out at it at once.
func (s *reportSet) adopt() error {
	fi, err := os.Lstat(s.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("report directory %s: %w", s.out, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil
	case !fi.IsDir():
		return fmt.Errorf("report directory %s: a file, not a directory: give --out a directory", s.out)
	case !s.symlink:
		return nil // swapped by renames: a plain directory is the normal state
	}
	entries, err := os.ReadDir(s.out)
	if err != nil {
		return fmt.Errorf("report directory %s: %w", s.out, err)
	}
	var foreign []string
	for _, e := range entries {
		if !frameworkFile.MatchString(e.Name()) {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("report directory %s holds files framing did not write (%s): framing publishes a report set by switching the whole directory, and will not move or remove them; move them, or give --out another directory",
			s.out, strings.Join(foreign[:min(len(foreign), 5)], ", "))
	}
	legacy := filepath.Join(s.sets, "set-adopted-"+strconv.FormatInt(time.Now().UnixNano(), 36))
	if err := os.Rename(s.out, legacy); err != nil {
		return fmt.Errorf("report directory %s: %w", s.out, err)
	}
	return s.point(legacy)
}

// point makes --out the symbolic link to set, in one rename.
func (s *reportSet) point(set string) error {
	target, err := filepath.Rel(filepath.Dir(s.out), set)
	if err != nil {
		target = set
	}
	tmp := filepath.Join(filepath.Dir(s.out), "."+filepath.Base(s.out)+".link.tmp-"+strconv.Itoa(os.Getpid()))
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return fmt.Errorf("report directory %s: %w", s.out, err)
	}
	if err := os.Rename(tmp, s.out); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report directory %s: %w", s.out, err)
	}
	syncDir(filepath.Dir(s.out))
	return nil
}

// publish switches --out to the set just written, then removes the sets no
// reader can reach any more (the previous one, and those of killed runs).
func (s *reportSet) publish() error {
	syncDir(s.dir)
	if s.symlink {
		if err := s.point(s.dir); err != nil {
			return err
		}
	} else {
		if _, err := os.Lstat(s.out); err == nil {
			old := filepath.Join(s.sets, "set-old-"+strconv.FormatInt(time.Now().UnixNano(), 36))
			if err := os.Rename(s.out, old); err != nil {
				return fmt.Errorf("report directory %s: %w", s.out, err)
			}
		}
		if err := os.Rename(s.dir, s.out); err != nil {
			return fmt.Errorf("report directory %s: %w", s.out, err)
		}
		syncDir(filepath.Dir(s.out))
	}
	s.removeUnreachable()
	return nil
}

// current is the set --out points to ("" when none).
func (s *reportSet) current() string {
	target, err := os.Readlink(s.out)
	if err != nil {
		return ""
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(s.out), target)
	}
	return filepath.Clean(target)
}

// removeUnreachable removes every set but the current one and the one being
// written: the previous set once switched away from, and what runs killed
// before their switch left. A reader still holding a file of an old set
// open keeps reading it (the file goes when it closes it).
func (s *reportSet) removeUnreachable() {
	keep := []string{filepath.Clean(s.dir), s.current()}
	entries, _ := os.ReadDir(s.sets)
	for _, e := range entries {
		p := filepath.Join(s.sets, e.Name())
		if e.IsDir() && strings.HasPrefix(e.Name(), "set-") && !slices.Contains(keep, p) {
			os.RemoveAll(p)
		}
	}
}

// abandon removes the set of a run that failed: --out is as it was.
func (s *reportSet) abandon() {
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// close releases the lock.
func (s *reportSet) close() { s.lock.Unlock() }

// path is where a file written into the new set will be read from once it
// is published: under --out.
func (s *reportSet) path(p string) string {
	if rel, err := filepath.Rel(s.dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.Join(s.given, rel)
	}
	return p
}

// syncDir makes a rename in dir durable (no-op where directories cannot be
// synced).
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
