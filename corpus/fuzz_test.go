package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds the front-matter parser arbitrary files. Seeds are the
// shipped articles and the hostile inputs. Whatever comes in: no panic, and a
// parsed article's body is the file's text after the front matter, byte for
// byte.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("pti-final-call-islamabad-2024/*.md")
	more, _ := filepath.Glob("*/*.md")
	for _, p := range append(files, more...) {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	dir := f.TempDir()
	if err := WriteHostileCorpus(dir); err == nil {
		hostile, _ := filepath.Glob(filepath.Join(dir, "ev", "*.md"))
		for _, p := range hostile {
			if b, err := os.ReadFile(p); err == nil && len(b) < 1<<20 {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, probs := Parse("fuzz.md", data, 1<<20)
		for _, p := range probs {
			if p.Path != "fuzz.md" || p.Line < 0 || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if a == nil {
			return
		}
		if !bytes.HasSuffix(data, []byte(a.Body)) || strings.TrimSpace(a.Body) == "" {
			t.Fatalf("body %q is not the end of the file", a.Body)
		}
		if a.ID == "" || a.Outlet == "" || a.Event == "" || a.Title == "" || a.BodyLine < 3 {
			t.Fatalf("article accepted with missing fields: %+v", a)
		}
	})
}
