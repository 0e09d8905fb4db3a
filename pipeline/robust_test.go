package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
)

// --ner=auto follows the amount of text, not the number of
// articles: one huge article turns it off, many small ones leave it on.
func TestNERAutoDecidesByText(t *testing.T) {
	write := func(dir string, n, size int) {
		for i := 0; i < n; i++ {
			p := filepath.Join(dir, "e", strings.Repeat("a", 3)+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676))+".md")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	one, many := t.TempDir(), t.TempDir()
	write(one, 1, 3<<20)    // one 3 MiB article
	write(many, 400, 1<<10) // 400 articles of 1 KiB: over the old 300-article cut
	for _, tt := range []struct {
		dir  string
		want bool
	}{{one, false}, {many, true}} {
		got, err := ResolveNER("auto", tt.dir, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s: auto gives %v (%v), want %v", tt.dir, got, err, tt.want)
		}
	}
}

// A stage that panics on one article drops that article with an error that
// names the file and the stage; the item travels on, empty, so the runner
// still counts it and the rest of the corpus is analysed.
func TestIsolateTurnsAPanicIntoAProblem(t *testing.T) {
	it := &item{path: "corpus/ev/a.md", doc: &Doc{}, result: &ArticleResult{}}
	isolate(StageVoice, it, func(*item) { panic("index out of range [-1]") })
	if it.doc != nil || it.result != nil {
		t.Error("the failed article's document and result are kept")
	}
	if len(it.probs) != 1 {
		t.Fatalf("%d problems, want 1", len(it.probs))
	}
	p := it.probs[0]
	for _, want := range []string{"internal error", StageVoice, "index out of range"} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("problem %q does not say %q", p.Message, want)
		}
	}
	if p.Check != CheckStage {
		t.Errorf("problem check %q, want %q", p.Check, CheckStage)
	}
	if p.Path != it.path || p.Severity != corpus.Error {
		t.Errorf("problem %+v: want an error on %s", p, it.path)
	}
	ok := &item{path: "b.md"}
	isolate(StageVoice, ok, func(it *item) { it.result = &ArticleResult{} })
	if ok.result == nil || len(ok.probs) != 0 {
		t.Errorf("a stage that does not panic is changed by isolate: %+v", ok)
	}
}
