package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// The shipped corpus analysed on Beam (the in-process prism runner) gives
// the report set framing report gives on one machine, byte for byte:
// report.json, report.md and report.html (issue 19).
func TestBeamRunIsTheSingleMachineRun(t *testing.T) {
	cfg := pipeline.Config{Options: pipeline.Options{Corpus: "../corpus"}, Stats: pipeline.StatsOptions{Resamples: 200}, NER: true}
	out := t.TempDir()
	paths, err := Run(context.Background(), cfg, out, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, AggregateFile)); !os.IsNotExist(err) {
		t.Errorf("%s left in --out", AggregateFile)
	}

	rep, err := pipeline.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ref := t.TempDir()
	if _, err := render.WriteAll(ref, rep, render.RenderOptions{Texts: corpus.TextReader(cfg.Corpus, 0)}); err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) < 20 || len(rep.Hits) < 500 {
		t.Fatalf("the reference report: %d articles, %d hits", len(rep.Articles), len(rep.Hits))
	}
	compared := 0
	for _, name := range []string{"report.json", "report.md", "report.html"} {
		want, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatalf("%s not written (wrote %v): %v", name, paths, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s from Beam differs from the single-machine run's (%d vs %d bytes)", name, len(got), len(want))
		}
		compared++
	}
	t.Logf("%d files identical; %d articles, %d hits", compared, len(rep.Articles), len(rep.Hits))
}

// Past --inline-records, each article's records travel as a shard file and
// end in the report's JSON Lines files: the set a single run that streams
// its records writes, byte for byte.
func TestBeamRunWithRecordShards(t *testing.T) {
	cfg := pipeline.Config{Options: pipeline.Options{Corpus: "../corpus"}, Stats: pipeline.StatsOptions{Resamples: 200}, InlineMax: -1}
	out := t.TempDir()
	if _, err := Run(context.Background(), cfg, out, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, RecordShardDir)); !os.IsNotExist(err) {
		t.Errorf("%s left in --out", RecordShardDir)
	}
	ref := t.TempDir()
	refCfg := cfg
	refCfg.RecordDir = ref
	rep, err := pipeline.Build(context.Background(), refCfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := render.WriteAll(ref, rep, render.RenderOptions{Texts: corpus.TextReader(cfg.Corpus, 0)}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.json", "report.md", "report.html", "hits.jsonl", "quotes.jsonl", "mentions.jsonl", "agency.jsonl"} {
		want, err := os.ReadFile(filepath.Join(ref, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s from Beam differs from the streamed single-machine run's (%v)", name, err)
		}
	}
}
