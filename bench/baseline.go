// Package bench holds what framing's speed is measured against: baselines
// running other libraries over the same text.
package bench

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jdkato/prose/v3"
	prosetok "github.com/jdkato/prose/v3/tokenize"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
)

// Baselines are what framing's speed is measured against: prose alone, over
// the same text, on the same cores.
const (
	// BaselineTokenize is prose's tokenizer alone: the ceiling no analysis
	// that tokenizes can pass.
	BaselineTokenize = "tokenize"
	// BaselineTag is a prose Document without entity extraction:
	// segmentation, tokenization and part-of-speech tags, which framing
	// needs too.
	BaselineTag = "tag"
	// BaselineNER is the naive way: one prose Document per article with
	// every model on, entities included.
	BaselineNER = "ner"
)

// BaselineResult is one baseline run.
type BaselineResult struct {
	Mode     string
	Articles int
	Tokens   int // prose's tokens, punctuation included
	Elapsed  time.Duration
}

// TokensPerSecond is the baseline's throughput.
func (b BaselineResult) TokensPerSecond() float64 { return float64(b.Tokens) / b.Elapsed.Seconds() }

// ProseBaseline runs prose alone over the text framing analyses of every
// article in the corpus at dir (title and body, as pipeline.ComposeText makes it),
// on workers goroutines (0: GOMAXPROCS). Files are read before the clock
// starts; the models are loaded by a warm-up document.
func ProseBaseline(ctx context.Context, dir, mode string, workers int) (BaselineResult, error) {
	res := BaselineResult{Mode: mode}
	files, _, err := corpus.List(dir)
	if err != nil {
		return res, err
	}
	var texts []string
	for _, f := range files {
		if art, _ := corpus.Read(f, 0); art != nil {
			text, _ := pipeline.ComposeText(art)
			texts = append(texts, text)
		}
	}
	res.Articles = len(texts)
	var run func(string) (int, error)
	switch mode {
	case BaselineTokenize:
		tok := prosetok.New()
		run = func(s string) (int, error) { return len(tok.Tokenize(s)), nil }
	case BaselineTag, BaselineNER:
		opts := []prose.Option{prose.WithExtraction(mode == BaselineNER)}
		run = func(s string) (int, error) {
			doc, err := prose.NewDocumentContext(ctx, s, opts...)
			if err != nil {
				return 0, err
			}
			return len(doc.Tokens()), nil
		}
	default:
		return res, fmt.Errorf("baseline %q: want %s, %s or %s", mode, BaselineTokenize, BaselineTag, BaselineNER)
	}
	if _, err := run("Warm-up: the models load once, before the clock starts."); err != nil {
		return res, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		next   atomic.Int64
		tokens atomic.Int64
		wg     sync.WaitGroup
		once   sync.Once
		first  error
	)
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(texts) {
					return
				}
				n, err := run(texts[i])
				if err != nil {
					once.Do(func() { first = err })
					return
				}
				tokens.Add(int64(n))
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Tokens = int(tokens.Load())
	if first != nil {
		return res, first
	}
	return res, ctx.Err()
}
