package run

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/pipeline"
)

// copyCorpus copies the shipped corpus into a new directory, its files
// dated an hour ago (older than racyWindow, so a snapshot trusts their
// stat).
func copyCorpus(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(shippedCorpus, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(shippedCorpus, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == "synth" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		if !strings.HasSuffix(path, ".md") && !strings.HasSuffix(path, ".yaml") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(target, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

const pti = "pti-final-call-islamabad-2024"

// cloneArticle writes a copy of an article of the event under name, with
// a new id (or the id given) and, when outlet is not "", another outlet.
func cloneArticle(t *testing.T, dir, event, from, name, id string, outlet ...string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, event, from))
	if err != nil {
		t.Fatal(err)
	}
	if id == "" {
		id = strings.TrimSuffix(name, ".md")
	}
	data = regexp.MustCompile(`(?m)^id: .*$`).ReplaceAll(data, []byte(`id: "`+id+`"`))
	if len(outlet) > 0 {
		data = regexp.MustCompile(`(?m)^outlet: .*$`).ReplaceAll(data, []byte(`outlet: "`+outlet[0]+`"`))
	}
	if err := os.WriteFile(filepath.Join(dir, event, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A run from the snapshot gives the bytes a run over the whole corpus
// gives: after nothing changed, after adding articles before, between and
// after the others (copies, so their sentences tie with the originals'
// for the most loaded ones and their actors and speakers were seen
// first elsewhere), after adding a duplicate id. What the snapshot cannot
// take (an edit, a deletion, an added file taking a later file's id,
// record files touched, a damaged snapshot) runs from the article cache,
// and still gives the same bytes.
func TestSnapshotRunIsTheWholeRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the shipped corpus about twenty times")
	}
	const wiki = "wikipedia-final-call-protest-pti-islamabad-november-2024.md"
	const wsws = "world-socialist-web-site-pakistani-army-opens-fire-in-brazen-us-backed-massacre-of.md"
	for _, tt := range []struct {
		name     string
		change   func(t *testing.T, corpus, out, cache string)
		fromSnap bool // the second run used the snapshot
	}{
		{"nothing changed", func(*testing.T, string, string, string) {}, true},
		{"articles added", func(t *testing.T, dir, _, _ string) {
			cloneArticle(t, dir, pti, wsws, "0-first-copy.md", "")    // before both
			cloneArticle(t, dir, pti, wiki, "wj-between-copy.md", "") // between
			cloneArticle(t, dir, pti, wiki, "zz-last-copy.md", "")    // after both
			// Another outlet's words under Wikipedia's name, before
			// Wikipedia's own: its sentences go first in the bootstrap.
			cloneArticle(t, dir, pti, wsws, "00-wsws-as-wikipedia.md", "", "Wikipedia")
			cloneArticle(t, dir, "zimmerman-verdict-2013", firstArticle(t, dir, "zimmerman-verdict-2013"), "aaa.md", "")
		}, true},
		{"a later duplicate id", func(t *testing.T, dir, _, _ string) {
			cloneArticle(t, dir, pti, wiki, "zz-duplicate.md", "wikipedia-final-call-protest-2024")
		}, true},
		{"an earlier duplicate id", func(t *testing.T, dir, _, _ string) {
			cloneArticle(t, dir, pti, wiki, "0-duplicate.md", "wikipedia-final-call-protest-2024")
		}, false},
		{"an article touched, not changed", func(t *testing.T, dir, _, _ string) {
			now := time.Now().Add(-time.Minute)
			os.Chtimes(filepath.Join(dir, pti, wiki), now, now)
		}, true},
		{"an article edited", func(t *testing.T, dir, _, _ string) {
			path := filepath.Join(dir, pti, wiki)
			data, _ := os.ReadFile(path)
			os.WriteFile(path, append(data, []byte("\nThe massacre was propaganda.\n")...), 0o644)
		}, false},
		{"an article deleted", func(t *testing.T, dir, _, _ string) {
			os.Remove(filepath.Join(dir, pti, wsws))
		}, false},
		{"hits.jsonl replaced", func(t *testing.T, _, out, _ string) {
			data, _ := os.ReadFile(filepath.Join(out, "hits.jsonl"))
			os.WriteFile(filepath.Join(out, "hits.jsonl"), data, 0o644)
		}, false},
		{"quotes.jsonl damaged, same size, same time", func(t *testing.T, _, out, _ string) {
			// A byte flipped in place, the file's time put back: only its
			// checksum can tell, and the splice must not launder it.
			path := filepath.Join(out, "quotes.jsonl")
			st, _ := os.Stat(path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			b := make([]byte, 1)
			f.ReadAt(b, 10)
			b[0] ^= 0x20
			f.WriteAt(b, 10)
			f.Close()
			os.Chtimes(path, st.ModTime(), st.ModTime())
		}, false},
		{"the snapshot damaged", func(t *testing.T, _, _, cache string) {
			paths, _ := filepath.Glob(filepath.Join(cache, "snapshots", "*.bin"))
			if len(paths) != 1 {
				t.Fatalf("%d snapshots, want 1", len(paths))
			}
			data, _ := os.ReadFile(paths[0])
			data[len(data)/2] ^= 1
			os.WriteFile(paths[0], data, 0o644)
		}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, out, cache := copyCorpus(t), t.TempDir(), t.TempDir()
			cfg := Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: dir}}, Stats: aggregate.StatsOptions{Resamples: 50}, InlineMax: -1, CacheDir: cache}
			first, info := writeReport(t, cfg, out)
			if info.Snapshot == nil || info.Unchanged != 0 {
				t.Fatalf("first run: snapshot %v, %d unchanged; want a snapshot to save and 0", info.Snapshot, info.Unchanged)
			}
			tt.change(t, dir, out, cache)
			got, info := writeReport(t, cfg, out)
			if used := info.Unchanged > 0; used != tt.fromSnap {
				t.Errorf("the second run used the snapshot: %v, want %v (%d unchanged, %d analysed)", used, tt.fromSnap, info.Unchanged, info.CacheMisses)
			}
			if damaged := strings.Contains(tt.name, "damaged, same size"); damaged != (info.SnapshotRefused != "") {
				t.Errorf("the run says the snapshot was refused: %q", info.SnapshotRefused)
			}
			// The reference: every article from the article cache, written
			// elsewhere (another snapshot key); the cache gives the bytes of
			// a run without it (TestCachedReportIsTheSameReport).
			want, winfo := writeReport(t, cfg, t.TempDir())
			if winfo.Unchanged != 0 {
				t.Fatal("the reference run used a snapshot")
			}
			for name, b := range want {
				if !bytes.Equal(b, got[name]) {
					t.Errorf("%s differs from the whole run's", name)
				}
			}
			if tt.name == "nothing changed" && !bytes.Equal(first["report.json"], got["report.json"]) {
				t.Error("report.json changed though the corpus did not")
			}
			if len(got) != 10 { // 3 reports, 3 CSV exports, 4 record files
				t.Errorf("wrote %d files, want 10", len(got))
			}
		})
	}
}

func firstArticle(t *testing.T, dir, event string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, event, "*.md"))
	if len(matches) == 0 {
		t.Fatalf("no article in %s", event)
	}
	return filepath.Base(matches[0])
}
