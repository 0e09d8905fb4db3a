package run

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSet(t *testing.T, s *reportSet, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, "report.json"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readOut(t *testing.T, out string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Both ways of switching a report set: a symbolic link replaced in one
// rename, and, where no link can be made, two directory renames. Either
// way --out holds the last set published, a failed set leaves it as it
// was, and no other set is kept.
func TestReportSetSwitch(t *testing.T) {
	for _, symlink := range []bool{true, false} {
		name := "renames"
		if symlink {
			name = "symlink"
		}
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			for round, content := range []string{"first", "second"} {
				s, err := openReportSetWith(context.Background(), out, nil, func(string) bool { return symlink })
				if err != nil {
					t.Fatal(err)
				}
				writeSet(t, s, content)
				if err := s.publish(); err != nil {
					t.Fatal(err)
				}
				s.close()
				if got := readOut(t, out); got != content {
					t.Errorf("round %d: --out holds %q", round, got)
				}
				fi, _ := os.Lstat(out)
				if isLink := fi.Mode()&os.ModeSymlink != 0; isLink != symlink {
					t.Errorf("--out is a link: %v", isLink)
				}
			}
			// A failed run: its set goes, --out is untouched.
			s, err := openReportSetWith(context.Background(), out, nil, func(string) bool { return symlink })
			if err != nil {
				t.Fatal(err)
			}
			writeSet(t, s, "failed")
			s.abandon()
			s.close()
			if got := readOut(t, out); got != "second" {
				t.Errorf("after a failed run --out holds %q", got)
			}
			entries, _ := os.ReadDir(setsDir(out))
			var sets []string
			for _, e := range entries {
				if e.IsDir() {
					sets = append(sets, e.Name())
				}
			}
			if want := map[bool]int{true: 1, false: 0}[symlink]; len(sets) != want {
				t.Errorf("sets kept: %v, want %d", sets, want)
			}
		})
	}
}

// An --out that is a plain directory of framing's files (an earlier
// framing's) is taken over; one holding anything else is refused, and
// nothing in it is moved.
func TestReportSetAdoptsOnlyFramingsFiles(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "out")
	os.MkdirAll(filepath.Join(out, "charts"), 0o755)
	os.WriteFile(filepath.Join(out, "report.json"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(out, ".framing.lock"), nil, 0o644)
	s, err := openReportSet(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readOut(t, out); got != "old" {
		t.Errorf("after adoption --out holds %q", got)
	}
	s.abandon()
	s.close()

	mine := filepath.Join(base, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "report.json"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("the user's"), 0o644)
	if _, err := openReportSet(context.Background(), mine, nil); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("a directory with the user's file: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(mine, "notes.txt")); err != nil || string(b) != "the user's" {
		t.Error("the user's file was moved")
	}
}
