package run

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
)

// writeReport builds the report of cfg and writes it into dir, returning
// every file's bytes by name (charts aside).
func writeReport(t *testing.T, cfg Config, dir string) (map[string][]byte, RunInfo) {
	t.Helper()
	// The CSV exports too: they must be as deterministic as the reports.
	return writeReportWith(t, cfg, dir, render.RenderOptions{Formats: []string{"json", "md", "html", "csv"}})
}

// writeReportWith is writeReport with render options (their Texts are the
// corpus's).
func writeReportWith(t *testing.T, cfg Config, dir string, opt render.RenderOptions) (map[string][]byte, RunInfo) {
	t.Helper()
	cfg.RecordDir = dir
	rep, info, err := BuildRun(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	opt.Texts = corpus.TextReader(cfg.Corpus, 0)
	if _, err := render.WriteAll(dir, rep, opt); err != nil {
		t.Fatal(err)
	}
	if info.Snapshot != nil {
		if err := info.Snapshot.Save(rep); err != nil {
			t.Fatal(err)
		}
	}
	out := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = b
		}
	}
	return out, info
}

// A report built from the cache is the report built from the articles, byte
// for byte, whether the records are inlined in report.json or streamed to
// JSON Lines files: the cache stores results in another encoding (gob, and
// the records pre-encoded), and this is what keeps it honest.
func TestCachedReportIsTheSameReport(t *testing.T) {
	for _, tt := range []struct {
		name      string
		inlineMax int
		files     []string
	}{
		{"inline", 0, []string{"report.json", "report.md", "report.html", "outlets.csv", "articles.csv", "hits.csv"}},
		{"streamed", -1, []string{"report.json", "report.md", "report.html", "outlets.csv", "articles.csv", "hits.csv", "hits.jsonl", "quotes.jsonl", "mentions.jsonl", "agency.jsonl"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			cfg := Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}}, Stats: aggregate.StatsOptions{Resamples: 100}, InlineMax: tt.inlineMax}
			fresh, _ := writeReport(t, cfg, t.TempDir())
			cfg.CacheDir = cache
			cold, _ := writeReport(t, cfg, t.TempDir())
			warm, info := writeReport(t, cfg, t.TempDir())
			files, _, err := corpus.List(shippedCorpus)
			if err != nil {
				t.Fatal(err)
			}
			if info.CacheHits != int64(len(files)) || info.CacheMisses != 0 {
				t.Fatalf("the second cached run read %d entries and analysed %d articles, want %d and 0", info.CacheHits, info.CacheMisses, len(files))
			}
			for _, f := range tt.files {
				if fresh[f] == nil {
					t.Fatalf("no %s written", f)
				}
				if !bytes.Equal(fresh[f], cold[f]) || !bytes.Equal(fresh[f], warm[f]) {
					t.Errorf("%s differs between an uncached, a cache-filling and a cached run", f)
				}
			}
			if len(fresh) != len(tt.files) {
				t.Errorf("wrote %d files, want %v", len(fresh), tt.files)
			}
		})
	}
}

// A run that streams its records renders report.md and report.html from the
// records' index, reading only the lines it shows at their offsets; a run
// that inlines them reads the hits in memory. Both must render the same
// bytes, or the index is wrong.
func TestIndexedDigestRendersLikeInlineRecords(t *testing.T) {
	// All the shipped articles shown, and 3: then the digest steps over the
	// index of the others, by their counts. In 120 generated articles it
	// also steps over articles none of whose hits it shows.
	generated := generated(t, 120)
	for _, c := range []struct {
		corpus string
		max    int
	}{{shippedCorpus, 0}, {shippedCorpus, 3}, {generated, 3}} {
		max := c.max
		opt := render.RenderOptions{MaxArticles: max}
		cfg := Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: c.corpus}}, Stats: aggregate.StatsOptions{Resamples: 50}}
		inline, _ := writeReportWith(t, cfg, t.TempDir(), opt)
		cfg.InlineMax = -1
		streamed, _ := writeReportWith(t, cfg, t.TempDir(), opt)
		if len(streamed["hits.jsonl"]) == 0 || len(inline["hits.jsonl"]) != 0 {
			t.Fatal("want one run inlining its records and one streaming them")
		}
		for _, f := range []string{"report.md", "report.html"} {
			if !bytes.Equal(inline[f], streamed[f]) {
				t.Errorf("%s, articles shown %d: %s rendered from the records' index differs from %s rendered from inline records", c.corpus, max, f, f)
			}
			if !bytes.Contains(streamed[f], []byte("massacre")) {
				t.Errorf("%s, articles shown %d: %s shows no hit of \"massacre\"", c.corpus, max, f)
			}
		}
	}
}
