package tokenize

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	prosetag "github.com/jdkato/prose/v3/tag"
	prosetoken "github.com/jdkato/prose/v3/token"
	prosetokenize "github.com/jdkato/prose/v3/tokenize"

	"github.com/framing/framing/internal/synth"
)

// sentencesOf splits texts into sentences of tokens as the pipeline does:
// blocks, Punkt sentences, framing's tokens.
func sentencesOf(t testing.TB, texts []string) [][]Token {
	t.Helper()
	seg, err := NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	tok := New()
	var out [][]Token
	for _, text := range texts {
		for _, b := range Blocks(text) {
			for _, s := range seg.Sentences(text, b) {
				if toks := tok.Tokenize(text[s.Start:s.End], s.Start); len(toks) > 0 {
					out = append(out, toks)
				}
			}
		}
	}
	return out
}

func corpusTexts(t testing.TB, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(texts) == 0 {
		t.Fatalf("no articles in %s", dir)
	}
	return texts
}

// shippedAndGenerated returns the texts of the shipped corpus's articles
// and of 300 articles generated from them with seed: what the exactness
// tests compare with prose.
func shippedAndGenerated(t testing.TB, seed uint64) []string {
	t.Helper()
	gen := t.TempDir()
	if _, err := synth.Generate(context.Background(), gen, synth.Options{Source: "../../corpus", Articles: 300, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	return append(corpusTexts(t, "../../corpus"), corpusTexts(t, gen)...)
}

// proseTags tags a sentence with prose's own tagger.
func proseTags(tagger *prosetag.Tagger, toks []Token) []string {
	buf := make([]prosetoken.Token, len(toks))
	for i := range toks {
		buf[i] = prosetoken.Token{Text: toks[i].Text}
	}
	tagger.TagTokens(buf)
	out := make([]string, len(buf))
	for i := range buf {
		out[i] = buf[i].Tag
	}
	return out
}

// The perceptron gives prose's tags: every token of the shipped
// corpus and of 300 generated articles, tagged by both, sentence by
// sentence as the pipeline tags them; and every emoticon of its copied set
// is one prose tags SYM.
func TestPerceptronTagsAsProse(t *testing.T) {
	p, err := loadPerceptron()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := prosetag.New()
	if err != nil {
		t.Fatal(err)
	}
	texts := shippedAndGenerated(t, 16)
	// Tokens prose treats apart: traces, bracket literals, handles,
	// emoticons, hyphens, years, numbers, capitals, non-ASCII.
	texts = append(texts, "The *-1 trace and *T*-2 and 0 met -LRB- and -RRB- with @someone :-) at 1999 for 42 MORE -- well - Ünïcode naïve CAFÉ ¯\\(ツ)/¯ XDD.")
	tokens, diff := 0, 0
	for _, s := range sentencesOf(t, texts) {
		want := proseTags(ref, s)
		got := make([]Token, len(s))
		copy(got, s)
		p.tagSentence(got)
		for i := range got {
			tokens++
			if got[i].Tag != want[i] {
				diff++
				if diff <= 10 {
					t.Errorf("token %q in %q: %s, prose %s", got[i].Text, joinTexts(s), got[i].Tag, want[i])
				}
			}
		}
	}
	if tokens < 200000 {
		t.Errorf("only %d tokens compared", tokens)
	}
	t.Logf("%d tokens, %d tags differ", tokens, diff)
	for e := range emoticons {
		if tags := proseTags(ref, []Token{{Text: "see"}, {Text: e}, {Text: "here"}}); tags[1] != "SYM" {
			t.Errorf("emoticon %q: prose tags it %s", e, tags[1])
		}
	}
}

func joinTexts(toks []Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, " ")
}

// BenchmarkTagger compares the perceptron with prose's tagger on the
// shipped corpus.
func BenchmarkTagger(b *testing.B) {
	sents := sentencesOf(b, corpusTexts(b, "../../corpus"))
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.Run("perceptron", func(b *testing.B) {
		p, _ := loadPerceptron()
		for range b.N {
			for _, s := range sents {
				p.tagSentence(s)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	})
	b.Run("prose", func(b *testing.B) {
		ref, _ := prosetag.New()
		buf := make([]prosetoken.Token, 0, 256)
		for range b.N {
			for _, s := range sents {
				buf = buf[:0]
				for _, t := range s {
					buf = append(buf, prosetoken.Token{Text: t.Text})
				}
				ref.TagTokens(buf)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
	})
}

// proseWords gives prose's tokens and offsets: every sentence of
// the shipped corpus and of 300 generated articles, and texts made to hit
// each of prose's rules.
func TestWordsAsProse(t *testing.T) {
	ref := prosetokenize.New()
	seg, err := NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	texts := append(shippedAndGenerated(t, 17), "U.S. Mr. Dr. e.g. A.B. Mrs. St. ($5) [see] “Quoted,” ‘single’ it's can't WON'T they’ll I’m y'all :-) ¯\\(ツ)/¯ XDD.",
		"\t  leading white\u00a0space\u2003and  trailing   ", "", "'", "’’", "n't", "(((x)))", `"""`, "a.b.c. abc. Abc. ABc.")
	spans, diff := 0, 0
	for _, text := range texts {
		var pieces []string
		for _, b := range Blocks(text) {
			for _, s := range seg.Sentences(text, b) {
				pieces = append(pieces, text[s.Start:s.End])
			}
		}
		if len(pieces) == 0 {
			pieces = []string{text}
		}
		for _, piece := range pieces {
			want := ref.Tokenize(piece)
			got := proseWords(piece, nil)
			spans++
			if len(got) != len(want) {
				diff++
				if diff <= 5 {
					t.Errorf("%q: %d tokens, prose %d", piece, len(got), len(want))
				}
				continue
			}
			for i := range got {
				if got[i].Text != want[i].Text || got[i].Start != want[i].Start {
					diff++
					if diff <= 5 {
						t.Errorf("%q: token %d is %q at %d, prose %q at %d", piece, i, got[i].Text, got[i].Start, want[i].Text, want[i].Start)
					}
					break
				}
			}
		}
	}
	if spans < 20000 {
		t.Errorf("only %d sentences compared", spans)
	}
	t.Logf("%d sentences, %d differ", spans, diff)
}

// BenchmarkWords compares proseWords with prose's tokenizer.
func BenchmarkWords(b *testing.B) {
	texts := corpusTexts(b, "../../corpus")
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.Run("fast", func(b *testing.B) {
		var buf []wordSpan
		for range b.N {
			for _, t := range texts {
				buf = proseWords(t, buf[:0])
			}
		}
		b.SetBytes(int64(n))
	})
	b.Run("filtered", func(b *testing.B) { // prose's words, then framing's filters and folding
		tok := New()
		var toks []Token
		for range b.N {
			for _, t := range texts {
				toks = tok.Append(toks[:0], t, 0)
			}
		}
		b.SetBytes(int64(n))
	})
	b.Run("prose", func(b *testing.B) {
		ref := prosetokenize.New()
		for range b.N {
			for _, t := range texts {
				ref.Tokenize(t)
			}
		}
		b.SetBytes(int64(n))
	})
}
