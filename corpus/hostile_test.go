package corpus

import (
	"path/filepath"
	"strings"
	"testing"
)

// hostileCorpus writes one event folder holding every kind of bad input the
// loader must survive, beside good articles. It is shared with the pipeline
// and CLI tests through WriteHostileCorpus.
func TestHostileCorpusLoads(t *testing.T) {
	dir := t.TempDir()
	if err := WriteHostileCorpus(dir); err != nil {
		t.Fatal(err)
	}
	arts, probs, err := Load(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "crlf,dup,good,unknown-field" {
		t.Errorf("loaded %s", got)
	}
	want := map[string]string{ // file -> its problem
		"binary.md":        ":3: error: NUL byte at offset 8: this looks like a binary file, not text",
		"dup-b.md":         `:2: error: duplicate id "dup": ` + filepath.Join(dir, "ev", "dup-a.md") + " already uses it",
		"empty.md":         ": error: empty file (0 bytes)",
		"huge.md":          ": error: file is 50.0 MiB, over the 4.0 MiB limit for one article (raise it with --max-article-bytes)",
		"invalid-utf8.md":  ":7: error: invalid UTF-8 at offset",
		"never-closes.md":  ":1: error: front matter opened on line 1 never closes",
		"nul.md":           ":7: error: NUL byte at offset",
		"tabs.md":          ":4: error: front matter: found a tab character that violates indentation",
		"unknown-field.md": `:6: warning: unknown front-matter field "mood"`,
		"utf16.md":         ":1: error: file is UTF-16 (byte order mark fffe); framing reads UTF-8: convert it, e.g. with `framing add`",
	}
	got := map[string]string{}
	for _, p := range probs {
		got[filepath.Base(p.Path)] = p.Error()
	}
	for file, w := range want {
		if !strings.Contains(got[file], filepath.Join(dir, "ev", file)+w) {
			t.Errorf("%s: problem %q, want it to contain %q", file, got[file], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with problems, want %d: %v", len(got), len(want), got)
	}
}
