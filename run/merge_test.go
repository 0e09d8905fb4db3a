package run

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

// mergePartials reads encoded partial aggregates and merges them, in an
// order shuffled by seed.
func mergePartials(t *testing.T, a *pipeline.Analyzer, so aggregate.StatsOptions, parts [][]byte, seed uint64) *aggregate.Aggregator {
	t.Helper()
	rand.New(rand.NewPCG(seed, seed)).Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	var g *aggregate.Aggregator
	for _, p := range parts {
		x, err := aggregate.ReadPartial(a, so, bytes.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		if g == nil {
			g = x
		} else if err := g.Merge(x); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// reportBytes renders a report as report.json and report.md.
func reportBytes(t *testing.T, g *aggregate.Aggregator) []byte {
	t.Helper()
	rep, err := g.Report()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := reports.WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := render.WriteMarkdown(&b, rep, render.RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The shipped corpus split into shards, each aggregated apart and the
// shards merged, gives the bytes of one run over the whole
// corpus — report.json and report.md — for every split tried and in every
// merge order: three shards round-robin, one shard per event merged in
// reverse, two halves, and one aggregate per article merged in a shuffled
// order (what a Beam CombineFn does).
func TestShardsMergeIntoTheWholeRun(t *testing.T) {
	if raceEnabled {
		t.Skip("aggregates the shipped corpus a dozen times")
	}
	// With entity recognition: unlinked names' details come from the
	// first file naming them, one more thing a merge must get right.
	cfg := Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}, NER: true}, Stats: aggregate.StatsOptions{Resamples: 100}}
	a, lprobs, err := pipeline.Prepare(cfg.Config)
	if err != nil {
		t.Fatal(err)
	}
	var files []*pipeline.Analysed
	if err := a.AnalyzeCorpus(context.Background(), cfg.Options, func(f *pipeline.Analysed) { files = append(files, f) }); err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("%d files", len(files))
	}
	aggregateOf := func(fs []*pipeline.Analysed) *aggregate.Aggregator {
		g := aggregate.NewAggregator(a, cfg.Stats)
		for _, f := range fs {
			g.AddAnalysed(f)
		}
		return g
	}
	want := reportBytes(t, aggregateOf(files))

	splits := map[string][][]*pipeline.Analysed{}
	rr := make([][]*pipeline.Analysed, 3)
	for i, f := range files {
		rr[i%3] = append(rr[i%3], f)
	}
	splits["round robin"] = rr
	byEvent := map[string]int{}
	var events [][]*pipeline.Analysed
	for _, f := range files {
		ev := f.Result.Article.Event
		k, ok := byEvent[ev]
		if !ok {
			k = len(events)
			byEvent[ev] = k
			events = append(events, nil)
		}
		events[k] = append(events[k], f)
	}
	for i, j := 0, len(events)-1; i < j; i, j = i+1, j-1 {
		events[i], events[j] = events[j], events[i]
	}
	splits["events, reversed"] = events
	splits["halves, second first"] = [][]*pipeline.Analysed{files[len(files)/2:], files[:len(files)/2]}
	one := make([][]*pipeline.Analysed, len(files))
	for i, f := range files {
		one[i] = []*pipeline.Analysed{f}
	}
	rand.New(rand.NewPCG(7, 7)).Shuffle(len(one), func(i, j int) { one[i], one[j] = one[j], one[i] })
	splits["an article each, shuffled"] = one

	for name, shards := range splits {
		t.Run(name, func(t *testing.T) {
			g := aggregateOf(shards[0])
			for _, s := range shards[1:] {
				if err := g.Merge(aggregateOf(s)); err != nil {
					t.Fatal(err)
				}
			}
			if got := reportBytes(t, g); !bytes.Equal(got, want) {
				t.Errorf("merged report differs from the whole run's (%d vs %d bytes)", len(got), len(want))
			}
		})
	}

	// What a distributed run does: each file analysed from its bytes
	// (AnalyzeFile), its aggregate written and read back as a partial
	// (WritePartial, ReadPartial), the partials merged in a shuffled order.
	t.Run("partials from bytes, shuffled", func(t *testing.T) {
		list, err := pipeline.CorpusFiles(cfg.Options)
		if err != nil {
			t.Fatal(err)
		}
		var parts [][]byte
		for _, f := range list {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			g := aggregateOf([]*pipeline.Analysed{a.AnalyzeFile(f.Path, f.Rel, data, 0)})
			var b bytes.Buffer
			if err := g.WritePartial(&b); err != nil {
				t.Fatal(err)
			}
			parts = append(parts, b.Bytes())
		}
		g := mergePartials(t, a, cfg.Stats, parts, 3)
		// Once more through the encoding, merged whole.
		var b bytes.Buffer
		if err := g.WritePartial(&b); err != nil {
			t.Fatal(err)
		}
		if g, err = aggregate.ReadPartial(a, cfg.Stats, &b); err != nil {
			t.Fatal(err)
		}
		if got := reportBytes(t, g); !bytes.Equal(got, want) {
			t.Errorf("report from partials differs from the whole run's (%d vs %d bytes)", len(got), len(want))
		}
	})

	// Records apart: each article's records in a shard file of its own, the
	// aggregates that travel holding only their index, the records
	// streamed into the report's JSON Lines files at the end — the report
	// set of a single run that streams its records, byte for byte.
	t.Run("records in shard files", func(t *testing.T) {
		ref := t.TempDir()
		refCfg := cfg
		refCfg.InlineMax = -1
		want, _ := writeReportWith(t, refCfg, ref, render.RenderOptions{})
		if want["hits.jsonl"] == nil {
			t.Fatal("the reference run did not stream its records")
		}
		shards := map[string][]byte{}
		var parts [][]byte
		for _, f := range files {
			g := aggregate.NewAggregator(a, cfg.Stats)
			g.ExternalRecords()
			g.AddAnalysed(f)
			if rec := g.TakeRecords(f.Path); rec != nil {
				var b bytes.Buffer
				if err := aggregate.EncodeRecords(&b, rec); err != nil {
					t.Fatal(err)
				}
				shards[f.Path] = b.Bytes()
			}
			var b bytes.Buffer
			if err := g.WritePartial(&b); err != nil {
				t.Fatal(err)
			}
			parts = append(parts, b.Bytes())
		}
		g := mergePartials(t, a, cfg.Stats, parts, 5)
		if _, err := g.Report(); err == nil {
			t.Error("a report of an aggregate whose records are not attached")
		}
		out := t.TempDir()
		rf, err := reports.NewRecordFiles(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := g.AttachRecordShards(rf, func(rel string) (*reports.EncodedRecords, error) {
			return aggregate.DecodeRecords(bytes.NewReader(shards[rel]))
		}); err != nil {
			t.Fatal(err)
		}
		rep, err := g.Report()
		if err != nil {
			t.Fatal(err)
		}
		if err := Finish(rep, cfg.Config, lprobs); err != nil {
			t.Fatal(err)
		}
		if _, err := render.WriteAll(out, rep, render.RenderOptions{Texts: corpus.TextReader(cfg.Corpus, 0)}); err != nil {
			t.Fatal(err)
		}
		for name, b := range want {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Equal(got, b) {
				t.Errorf("%s differs from the streamed single run's (%v)", name, err)
			}
		}
	})

	// What Merge refuses: a file in both shards, an aggregate merged twice.
	g, o := aggregateOf(files[:3]), aggregateOf(files[2:5])
	if err := g.Merge(o); err == nil {
		t.Error("merging shards that share a file")
	}
	x, y := aggregateOf(files[:2]), aggregateOf(files[2:4])
	if err := x.Merge(y); err != nil {
		t.Fatal(err)
	}
	if err := x.Merge(y); err == nil {
		t.Error("an aggregate merged twice")
	}
}
