package run

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/bench"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/synth"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
)

// Benchmarks of whole runs and of the steps after the per-article stages
// (pipeline's BenchmarkStage times those), and of prose alone over the same
// text (the baselines), on a corpus generated from the shipped one: 100
// articles, about 130,000 word tokens.
//
//	go test ./run -run '^$' -bench . -benchtime 3x

const benchArticles = 100

type benchEnv struct {
	dir     string
	a       *pipeline.Analyzer
	results []*pipeline.ArticleResult
	tokens  int
}

var (
	benchOnce sync.Once
	benchData benchEnv
	benchErr  error
)

func getBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "framing-bench-")
		if err != nil {
			benchErr = err
			return
		}
		if _, err := synth.Generate(context.Background(), dir, synth.Options{Source: shippedCorpus, Articles: benchArticles, Seed: 1}); err != nil {
			benchErr = err
			return
		}
		benchData.dir = dir
		arts, _, err := corpus.Load(dir, 0)
		if err != nil {
			benchErr = err
			return
		}
		if benchData.a, _, benchErr = pipeline.Prepare(pipeline.Config{Options: pipeline.Options{Corpus: dir}}); benchErr != nil {
			return
		}
		for _, art := range arts {
			r := benchData.a.Analyze(art, art.Path)
			benchData.results = append(benchData.results, r)
			benchData.tokens += r.Tokens
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return &benchData
}

func perSecond(b *testing.B, tokens int) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAfterAnalysis times aggregation, the statistics and writing.
func BenchmarkAfterAnalysis(b *testing.B) {
	e := getBenchEnv(b)
	results := e.results
	b.Run("aggregate", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			g := aggregate.NewAggregator(e.a, aggregate.StatsOptions{})
			for _, r := range results {
				g.Add(r, nil)
			}
		}
		perSecond(b, e.tokens)
	})
	b.Run("compare", func(b *testing.B) {
		// The report's statistics: bootstrap intervals (1,000 resamples),
		// comparisons, distinctive terms, PCA, for the corpus and each event.
		g := aggregate.NewAggregator(e.a, aggregate.StatsOptions{})
		for _, r := range results {
			g.Add(r, nil)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			g.Report()
		}
		perSecond(b, e.tokens)
	})
	b.Run("render", func(b *testing.B) {
		g := aggregate.NewAggregator(e.a, aggregate.StatsOptions{Resamples: 100})
		for _, r := range results {
			g.Add(r, nil)
		}
		rep, err := g.Report()
		if err != nil {
			b.Fatal(err)
		}
		opt := render.RenderOptions{Texts: corpus.TextReader(e.dir, 0)}
		out := b.TempDir()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := render.WriteAll(out, rep, opt); err != nil {
				b.Fatal(err)
			}
		}
		perSecond(b, e.tokens)
	})
}

// BenchmarkBuild is a whole run, as `framing report` makes it: analysis on
// every core, aggregation, statistics, the three reports written.
func BenchmarkBuild(b *testing.B) {
	e := getBenchEnv(b)
	for _, ner := range []bool{false, true} {
		b.Run(fmt.Sprintf("ner=%v", ner), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				out := b.TempDir()
				rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: e.dir}, NER: ner}, RecordDir: out})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := render.WriteAll(out, rep, render.RenderOptions{Texts: corpus.TextReader(e.dir, 0)}); err != nil {
					b.Fatal(err)
				}
			}
			perSecond(b, e.tokens)
		})
	}
}

// BenchmarkScaling is the analysis with entity recognition off on 1 and 2
// cores (GOMAXPROCS; workers per stage follow it).
func BenchmarkScaling(b *testing.B) {
	e := getBenchEnv(b)
	for _, procs := range []int{1, 2} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			for i := 0; i < b.N; i++ {
				if _, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: e.dir}}, Stats: aggregate.StatsOptions{Resamples: -1}}); err != nil {
					b.Fatal(err)
				}
			}
			perSecond(b, e.tokens)
		})
	}
}

// BenchmarkBaseline is prose alone over the same text, on every core: its
// tokenizer (the ceiling), a Document without entities (what framing's
// segment stage needs), and a Document with every model (the naive way to
// get entities). Tokens are prose's, punctuation included.
func BenchmarkBaseline(b *testing.B) {
	e := getBenchEnv(b)
	for _, mode := range []string{bench.BaselineTokenize, bench.BaselineTag, bench.BaselineNER} {
		b.Run(mode, func(b *testing.B) {
			// Timed by ProseBaseline itself: reading the files and loading
			// the models are not prose's throughput.
			var tokens int
			var secs float64
			for i := 0; i < b.N; i++ {
				res, err := bench.ProseBaseline(context.Background(), e.dir, mode, 0)
				if err != nil {
					b.Fatal(err)
				}
				tokens += res.Tokens
				secs += res.Elapsed.Seconds()
			}
			b.ReportMetric(float64(tokens)/secs, "tokens/s")
		})
	}
}
