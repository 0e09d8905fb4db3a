package synth

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
)

// files reads every file under dir, by its path in it.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A generated corpus is what was asked for (articles, outlets, events),
// loads without a problem, is made of the source's paragraphs, and is the
// same, byte for byte, for the same options; another seed gives another.
func TestGenerate(t *testing.T) {
	opt := Options{Source: "../../corpus", Articles: 40, Outlets: 5, Events: 3, Seed: 7}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	st, err := Generate(context.Background(), a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 40 || st.Outlets != 5 || st.Events != 3 {
		t.Errorf("stats %+v, want 40 articles, 5 outlets, 3 events", st)
	}
	arts, probs, err := corpus.Load(a, 0)
	if err != nil || len(probs) > 0 {
		t.Fatalf("generated corpus: %v %v", err, probs)
	}
	outlets, events := map[string]bool{}, map[string]bool{}
	for _, art := range arts {
		outlets[art.Outlet], events[art.Event] = true, true
	}
	if len(arts) != 40 || len(outlets) != 5 || len(events) != 3 {
		t.Errorf("%d articles, %d outlets, %d events", len(arts), len(outlets), len(events))
	}
	src, _, err := corpus.Load("../../corpus", 0)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, s := range src {
		all.WriteString(s.Title + "\n" + s.Body)
	}
	for _, p := range strings.Split(arts[0].Body, "\n\n") {
		// The headline is a source title, as a heading.
		if p = strings.TrimPrefix(strings.TrimSpace(p), "# "); p != "" && !strings.Contains(all.String(), p) {
			t.Errorf("paragraph not from the source: %.60q", p)
		}
	}
	if _, err := Generate(context.Background(), b, opt); err != nil {
		t.Fatal(err)
	}
	fa, fb := files(t, a), files(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
	opt.Seed = 8
	if _, err := Generate(context.Background(), c, opt); err != nil {
		t.Fatal(err)
	}
	same := 0
	for name, data := range files(t, c) {
		if bytes.Equal(data, fa[name]) {
			same++
		}
	}
	if same == len(fa) {
		t.Error("another seed gave the same corpus")
	}
	// It never writes over anything.
	if _, err := Generate(context.Background(), a, opt); err == nil {
		t.Error("generated into a directory that is not empty")
	}
}

// From real news: the first articles are the source's as they are; past
// them, paragraphs are the source's with words drawn from a growing
// vocabulary, so no paragraph repeats and the vocabulary keeps growing;
// every file is an article framing reads.
func TestGenerateFromNews(t *testing.T) {
	src := filepath.Join(t.TempDir(), "news.jsonl")
	body := func(k int) string {
		return fmt.Sprintf("Headline %d\nPolice officers confronted protesters near the parliament building on Tuesday evening.\nOfficials described the situation as tense but under control, according to several witnesses.", k)
	}
	var lines []string
	for k := 0; k < 3; k++ {
		lines = append(lines, fmt.Sprintf(`{"article_id": "a%d", "outlet": "outlet-%d", "topic": "topic-%d", "text": %q}`, k, k, k%2, body(k)))
	}
	os.WriteFile(src, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	dst := filepath.Join(t.TempDir(), "c")
	st, err := Generate(context.Background(), dst, Options{News: src, Articles: 60, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 60 || st.Outlets != 3 || st.Events != 2 {
		t.Errorf("stats %+v", st)
	}
	arts, probs, err := corpus.Load(dst, 0)
	if err != nil || len(arts) != 60 {
		t.Fatalf("%d articles, %v %v", len(arts), probs, err)
	}
	if st.Paragraphs < 60 {
		t.Errorf("%d distinct paragraphs in 60 articles of 2: paragraphs repeat", st.Paragraphs)
	}
	if st.Words < 40 {
		t.Errorf("%d distinct words: the vocabulary does not grow", st.Words)
	}
	// The same seed, the same files.
	again := filepath.Join(t.TempDir(), "c")
	if _, err := Generate(context.Background(), again, Options{News: src, Articles: 60, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dst, "topic-1", "a0000058.md"))
	b, _ := os.ReadFile(filepath.Join(again, "topic-1", "a0000058.md"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the same seed gave different files")
	}
}
