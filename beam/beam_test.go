package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/framing/framing/run"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// The shipped corpus analysed on Beam (the in-process prism runner) gives
// the report set framing report gives on one machine, byte for byte:
// report.json, report.md and report.html.
func TestBeamRunIsTheSingleMachineRun(t *testing.T) {
	cfg := seedConfig(t)
	cfg.NER = true
	res, err := Run(context.Background(), cfg, "", "")
	if err != nil {
		t.Fatal(err)
	}
	out, paths := cfg.Out, res.Paths
	if _, err := os.Stat(filepath.Join(out, AggregateFile)); !os.IsNotExist(err) {
		t.Errorf("%s left in --out", AggregateFile)
	}

	refCfg := cfg
	refCfg.Out = t.TempDir()
	refRes, err := run.Report(context.Background(), refCfg)
	if err != nil {
		t.Fatal(err)
	}
	ref, rep := refCfg.Out, refRes.Report
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
	cfg := seedConfig(t)
	cfg.InlineMax = -1
	if _, err := Run(context.Background(), cfg, "", ""); err != nil {
		t.Fatal(err)
	}
	out := cfg.Out
	if _, err := os.Stat(filepath.Join(out, RecordShardDir)); !os.IsNotExist(err) {
		t.Errorf("%s left in --out", RecordShardDir)
	}
	refCfg := cfg
	refCfg.Out = t.TempDir()
	if _, err := run.Report(context.Background(), refCfg); err != nil {
		t.Fatal(err)
	}
	ref := refCfg.Out
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

// seedConfig is a report run over the shipped corpus into a fresh
// directory, without the cache (a single-machine run's reference must
// analyse every article, as the workers do).
func seedConfig(t *testing.T) run.ReportConfig {
	cfg := run.ReportConfig{Out: t.TempDir()}
	cfg.Corpus = "../corpus"
	cfg.Stats.Resamples = 200
	return cfg
}
