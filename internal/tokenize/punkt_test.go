package tokenize

import (
	"testing"

	prosesegment "github.com/jdkato/prose/v3/segment"
	"gopkg.in/neurosnap/sentences.v1"
)

// The Punkt segmenter assembled here gives prose's sentences:
// every block of the shipped corpus (its seven events), of 300
// generated articles, and texts made to hit each fast path — numbers,
// commas, abbreviations, initials, ellipses, marks after periods, "Yahoo!",
// capitals outside ASCII, bytes that are not UTF-8.
func TestSentencesAsProse(t *testing.T) {
	ref, err := prosesegment.New()
	if err != nil {
		t.Fatal(err)
	}
	seg, err := NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	texts := append(shippedAndGenerated(t, 23),
		"He paid $1,000.50 on Nov. 26, 2024. Then 3,000 more. The U.S. Army came. F.B.I. agents said so. Mr. Khan left.",
		"Wait... What happened? \"Nothing.\" He left (quietly.) Then: 'done!' Yahoo! Inc. rose. It said ‘no.’ Fine.",
		"No. 5 was Gov. Smith's. Sgt. Pepper and Mt. Everest. J. R. R. Tolkien wrote. A.B.C. D.E. e.g. this. i.e. that.",
		"Élan vital. Über alles. été. Ça va? Öl! 1.5. -2.0. ,5 and .5 and 5,5,5. 10-12. Total: 1,2,3.",
		"Bad \xff byte. Next \xfe one? End.\n\nNew para. Line\nbreak. a.b.c. x.. y... z.... Q.",
	)
	blocks, diff := 0, 0
	for _, text := range texts {
		for _, b := range Blocks(text) {
			if b.Heading {
				continue
			}
			blocks++
			got := seg.Sentences(text, b)
			want := ref.Segment(text[b.Start:b.End])
			same := len(got) == len(want)
			for i := 0; same && i < len(got); i++ {
				same = got[i].Start == b.Start+want[i].Start && got[i].End == b.Start+want[i].End()
			}
			if !same {
				diff++
				if diff <= 5 {
					t.Errorf("block %q: %v, prose %v", text[b.Start:b.End], got, want)
				}
			}
		}
	}
	if blocks < 5000 {
		t.Errorf("only %d blocks compared", blocks)
	}
	t.Logf("%d blocks, %d differ", blocks, diff)
}

// The word tokenizer's fast paths give neurosnap's answers, token by token:
// every token neurosnap makes of the shipped corpus, and tokens made to hit
// each branch.
func TestPunktWordsAsNeurosnap(t *testing.T) {
	ref := sentences.NewWordTokenizer(sentences.NewPunctStrings())
	fast := &punktWords{}
	fast.PunctStrings = sentences.NewPunctStrings()
	texts := append(corpusTexts(t, "../../corpus"), "", " ", "a", "a.", "é", "x é", "x é.", "Hi.\n\nThere! ", "\n\nA b. C?\n", "x\xff", "\xff.", "a\u00a0b. c\u2003d.", "end é\n")
	var toks []*sentences.Token
	for _, text := range texts {
		toks = append(toks, ref.Tokenize(text, false)...)
		for _, only := range []bool{false, true} {
			got, want := fast.Tokenize(text, only), ref.Tokenize(text, only)
			if len(got) != len(want) {
				t.Fatalf("Tokenize(%.80q, %v): %d tokens, neurosnap %d", text, only, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Tok != w.Tok || g.Position != w.Position || g.ParaStart != w.ParaStart || g.LineStart != w.LineStart {
					t.Fatalf("Tokenize(%.80q, %v): token %d is %+v, neurosnap %+v", text, only, i, *g, *w)
				}
			}
		}
	}
	for _, s := range []string{"", "a", ",", "1", "1,000", "1,000.", "-2.5", ".5", ",5", "5,5,5", "A,B", "No.", "U.S.", "Élan", "été",
		"\xff", "x\xff", "10-12.", "##number##", "Ünïcode,", "1st", "2024.", "a,", "ǅ", "ǆ"} {
		toks = append(toks, sentences.NewToken(s))
	}
	if len(toks) < 20000 {
		t.Fatalf("only %d tokens", len(toks))
	}
	for _, tk := range toks {
		for _, brk := range []bool{false, true} {
			tk.SentBreak = brk
			if a, b := fast.Type(tk), ref.Type(tk); a != b {
				t.Fatalf("Type(%q) = %q, neurosnap %q", tk.Tok, a, b)
			}
			if a, b := fast.TypeNoPeriod(tk), ref.TypeNoPeriod(tk); a != b {
				t.Fatalf("TypeNoPeriod(%q) = %q, neurosnap %q", tk.Tok, a, b)
			}
			if a, b := fast.TypeNoSentPeriod(tk), ref.TypeNoSentPeriod(tk); a != b {
				t.Fatalf("TypeNoSentPeriod(%q) = %q, neurosnap %q", tk.Tok, a, b)
			}
		}
		if fast.FirstUpper(tk) != ref.FirstUpper(tk) || fast.FirstLower(tk) != ref.FirstLower(tk) {
			t.Fatalf("FirstUpper/FirstLower(%q) differ from neurosnap", tk.Tok)
		}
	}
}

// BenchmarkSentences compares the Punkt segmenter with prose's on the
// shipped corpus's blocks.
func BenchmarkSentences(b *testing.B) {
	texts := corpusTexts(b, "../../corpus")
	var blocks []string
	n := 0
	for _, text := range texts {
		for _, bl := range Blocks(text) {
			blocks = append(blocks, text[bl.Start:bl.End])
			n += bl.End - bl.Start
		}
	}
	b.Run("punkt", func(b *testing.B) {
		s, _ := loadPunkt()
		for range b.N {
			for _, bl := range blocks {
				s.segment(bl)
			}
		}
		b.SetBytes(int64(n))
	})
	b.Run("prose", func(b *testing.B) {
		ref, _ := prosesegment.New()
		for range b.N {
			for _, bl := range blocks {
				ref.Segment(bl)
			}
		}
		b.SetBytes(int64(n))
	})
}
