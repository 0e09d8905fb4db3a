package pipeline

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/synth"
	"github.com/framing/framing/internal/tokenize"
)

// Benchmarks of every stage, of whole runs, and of prose alone over the
// same text (the baselines). They run on a corpus generated from the shipped
// one (corpus/synth): 100 articles, about 130,000 word tokens. Each reports
// tokens/s (word tokens, the rates' denominator; the Baseline benchmarks
// count prose's tokens, punctuation included) and allocations.
//
//	go test ./pipeline -run '^$' -bench . -benchtime 3x
//
// CI runs them once each (-benchtime=1x) so they keep compiling and
// running; the figures in the README come from longer runs and from the
// whole-process script (.ci/bench).

const benchArticles = 100

// benchEnv is a generated corpus, its articles, and an analyzer for it,
// built once per test binary.
type benchEnv struct {
	dir    string
	arts   []*corpus.Article
	a      *Analyzer // entity recognition off
	aNER   *Analyzer // on
	tokens int       // word tokens in the corpus
}

var (
	benchOnce sync.Once
	bench     benchEnv
	benchErr  error
)

func getBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	benchOnce.Do(func() {
		// Not b.TempDir: the corpus outlives the first benchmark (TestMain
		// removes it).
		dir, err := os.MkdirTemp("", "framing-bench-")
		if err != nil {
			benchErr = err
			return
		}
		if _, err := synth.Generate(context.Background(), dir, synth.Options{Source: "../corpus", Articles: benchArticles, Seed: 1}); err != nil {
			benchErr = err
			return
		}
		bench.dir = dir
		bench.arts, _, benchErr = corpus.Load(dir, 0)
		if benchErr != nil {
			return
		}
		if bench.a, _, benchErr = Prepare(Config{Options: Options{Corpus: dir}}); benchErr != nil {
			return
		}
		if bench.aNER, _, benchErr = Prepare(Config{Options: Options{Corpus: dir}, NER: true}); benchErr != nil {
			return
		}
		for _, art := range bench.arts {
			bench.tokens += bench.a.Analyze(art, art.Path).Tokens
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return &bench
}

// perSecond reports tokens/s for b.N passes over the corpus.
func perSecond(b *testing.B, tokens int) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// docsUpTo runs the stages before stage over every article, untimed.
func (e *benchEnv) docsUpTo(a *Analyzer, stage string) []*Doc {
	docs := make([]*Doc, len(e.arts))
	for i, art := range e.arts {
		d := a.Segment(art)
		for _, s := range a.Stages() {
			if s.Name() == stage {
				break
			}
			s.Run(d)
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkStage times each per-article stage alone, on one goroutine.
func BenchmarkStage(b *testing.B) {
	e := getBenchEnv(b)
	b.Run("tokenize", func(b *testing.B) {
		// Sentence splitting and tokenization with framing's filters, no tags.
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, art := range e.arts {
				text, _ := ComposeText(art)
				for _, bl := range tokenize.Blocks(text) {
					for _, s := range e.a.seg.Sentences(text, bl) {
						e.a.tok.Tokenize(text[s.Start:s.End], s.Start)
					}
				}
			}
		}
		perSecond(b, e.tokens)
	})
	b.Run("tag", func(b *testing.B) {
		docs := e.docsUpTo(e.a, StageStem)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				for _, s := range d.Sentences {
					e.a.tag.Tag(d.Tokens[s.Tokens.Start:s.Tokens.End])
				}
			}
		}
		perSecond(b, e.tokens)
	})
	for _, st := range []struct {
		name string
		a    *Analyzer
		fn   func(*Analyzer, *Doc)
	}{
		{StageStem, e.a, func(a *Analyzer, d *Doc) { a.Stage(StageStem).Run(d) }},
		{StageMatch, e.a, func(a *Analyzer, d *Doc) { d.Hits = d.Hits[:0]; a.Stage(StageMatch).Run(d) }},
		{StageVoice, e.a, func(a *Analyzer, d *Doc) { a.Stage(StageVoice).Run(d) }},
		{StageActors, e.a, func(a *Analyzer, d *Doc) { a.Stage(StageActors).Run(d) }},
		// Scoring adds the words the model accepts alone as hits: each run
		// scores the hits the stages before found.
		{StageScore, e.a, func(a *Analyzer, d *Doc) {
			found := d.Hits
			d.Hits = slices.Clone(found)
			a.Stage(StageScore).Run(d)
			d.Hits = found
		}},
		{StageNER, e.aNER, func(a *Analyzer, d *Doc) { a.Stage(StageNER).Run(d) }},
	} {
		b.Run(st.name, func(b *testing.B) {
			docs := e.docsUpTo(st.a, st.name)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, d := range docs {
					st.fn(st.a, d)
				}
			}
			perSecond(b, e.tokens)
		})
	}
	b.Run(StageSummarize, func(b *testing.B) {
		docs := e.docsUpTo(e.a, "")
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				e.a.Summarize(d, d.Article.Path)
			}
		}
		perSecond(b, e.tokens)
	})
}

// BenchmarkVoiceManyQuotes is the voice stage on one article of many short
// quotations (16,000 quotes in one article took 28 s, the same
// text as 16 articles 1.9 s, because every quote scanned every token). The
// cost per quote must stay flat as the article grows: compare ns/quote of
// the two sizes.
func BenchmarkVoiceManyQuotes(b *testing.B) {
	env := getBenchEnv(b)
	for _, quotes := range []int{1000, 16000} {
		b.Run(fmt.Sprint(quotes), func(b *testing.B) {
			var body []byte
			for i := 0; i < quotes; i++ {
				body = fmt.Appendf(body, "\"It was a massacre number %d,\" the witness said. ", i)
			}
			d := env.a.Segment(&corpus.Article{ID: "q", Outlet: "o", Event: "e", Body: string(body)})
			env.a.Stage(StageStem).Run(d)
			env.a.Stage(StageMatch).Run(d)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				env.a.Stage(StageVoice).Run(d)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*quotes), "ns/quote")
		})
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

// adversarialText is a hostile article body of about n units of one shape:
// nested quotation marks, alternating straight quotes, quotes that never
// close, one sentence of n words, a run of punctuation.
func adversarialText(shape string, n int) string {
	var b strings.Builder
	switch shape {
	case "nested":
		for i := 0; i < n; i++ {
			b.WriteString("“a ")
		}
		b.WriteString("massacre")
		for i := 0; i < n; i++ {
			b.WriteString(" b”")
		}
	case "alternating":
		for i := 0; i < n; i++ {
			b.WriteString(`"brutal" said "he" `)
		}
	case "unclosed":
		for i := 0; i < n; i++ {
			b.WriteString("“He said the massacre was propaganda. ")
		}
	case "long-sentence":
		for i := 0; i < n; i++ {
			b.WriteString("the police claimed that protesters ")
		}
		b.WriteString(".")
	case "punctuation":
		b.WriteString("Officials said ")
		for i := 0; i < n; i++ {
			b.WriteString(`."!?,;:—`)
		}
	}
	return b.String()
}

// BenchmarkAdversarial analyses one hostile article (segment and every
// per-article stage but entity recognition) at growing sizes: the time per
// byte must stay flat, whatever the shape. Reported as ns/byte.
func BenchmarkAdversarial(b *testing.B) {
	e := getBenchEnv(b)
	for _, shape := range []string{"nested", "alternating", "unclosed", "long-sentence", "punctuation"} {
		for _, n := range []int{2500, 5000, 10000, 20000} {
			text := adversarialText(shape, n)
			art := &corpus.Article{Body: text, Outlet: "x", Event: "e", ID: "a"}
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					d := e.a.AnalyzeDoc(art)
					e.a.Release(d)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
			})
		}
	}
}
