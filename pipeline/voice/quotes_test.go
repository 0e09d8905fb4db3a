package voice

import (
	"os"
	"strings"
	"testing"

	"github.com/framing/framing/internal/tokenize"
)

func quoted(text string) []string {
	var out []string
	for _, q := range Quotes(text, tokenize.Blocks(text)) {
		out = append(out, text[q.Start:q.End])
	}
	return out
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"straight", `The PTI described the incident as a "massacre," claiming that "hundreds"  of its members were killed.`,
			[]string{`"massacre,"`, `"hundreds"`}},
		{"curly", `labelled the protesters as “bloodthirsty”, further saying`, []string{`“bloodthirsty”`}},
		{"apostrophes never open", `Khan’s party and the government's plan; the protesters’ march; Ilyas’ brother; don't; rock 'n' roll; the '90s.`, nil},
		{"single curly as quotes", `a ‘final call’ and Khan’s ‘do-or-die’ march`, []string{`‘final call’`, `‘do-or-die’`}},
		{"single straight as quotes", `Trump warns Iran: 'Do not kill your protesters'`, []string{`'Do not kill your protesters'`}},
		{"possessive inside single quotes", `He said ‘the protesters’ march was peaceful’ today`, []string{`‘the protesters’`}},
		{"guillemets", `il a dit «non» et ‹oui›`, []string{`«non»`, `‹oui›`}},
		{"nested", `He said: “They called it ‘a massacre’ on air.”`, []string{`“They called it ‘a massacre’ on air.”`, `‘a massacre’`}},
		{"spans sentences", `"At least seven have died. Eight more have been admitted," one doctor told the Guardian.`,
			[]string{`"At least seven have died. Eight more have been admitted,"`}},
		{"left open closes at paragraph end", "He said \"we will march on\nNext paragraph \"quoted\" here.",
			[]string{"\"we will march on", `"quoted"`}},
		{"stray closer", `an odd ” mark`, nil},
		// one lost mark must not flip the rest of the paragraph.
		{"lost opener, straight", `The officers were brutal," a witness said, "and they beat everyone."`,
			[]string{`The officers were brutal,"`, `"and they beat everyone."`}},
		{"lost opener, curly", `It was a savage attack,” the mayor said. “We will find them.”`,
			[]string{`It was a savage attack,”`, `“We will find them.”`}},
		{"lost opener after a closed quote", `He said "no." It was brutal," she said.`,
			[]string{`"no."`, `It was brutal,"`}},
		{"lost opener in a second paragraph", "\"We were peaceful,\nbut they shot at us,\" said Ali.",
			[]string{"\"We were peaceful,", `but they shot at us,"`}},
		{"lost closer, straight", `He called it "a disgrace. Later he said "we will fight" and left.`,
			[]string{`"a disgrace. Later he said `, `"we will fight"`}},
		{"lost closer, curly", `He called it “a disgrace. Later he said “we will fight” and left.`,
			[]string{`“a disgrace. Later he said `, `“we will fight”`}},
		{"inch mark", `Police found a 12" pipe and a brutal note.`, nil},
		{"straight mark between words toggles", `the "so"called "word"`, []string{`"so"`, `"word"`}},
		{"straight quote after a bracket", `(“yes”) and ("no")`, []string{`“yes”`, `"no"`}},
	}
	for _, tt := range tests {
		got := quoted(tt.text)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
	qs := Quotes("He said \"open\nnext", tokenize.Blocks("He said \"open\nnext"))
	if len(qs) != 1 || qs[0].Closed {
		t.Errorf("an unclosed quote must be marked open: %+v", qs)
	}
}

// On the seeds, apostrophes in possessives never start a quote, and the
// quotes the voice rules depend on are found.
func TestQuotesOnSeeds(t *testing.T) {
	for name, want := range map[string][]string{
		"wikipedia.txt": {`"massacre,"`, `"propaganda"`, `"protestors will be dealt with the same way as terrorists."`, `“bloodthirsty”`},
		"wsws.txt":      {`“slaves,”`, `“cypher,”`},
	} {
		b, err := os.ReadFile("../../corpus/testdata/seeds/" + name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		got := quoted(text)
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("%s: quote %s not found", name, w)
			}
		}
		for _, g := range got {
			if strings.HasPrefix(g, "’") || strings.HasPrefix(g, "'s") {
				t.Errorf("%s: an apostrophe opened a quote: %q", name, g)
			}
		}
	}
}

func FuzzQuotes(f *testing.F) {
	for _, name := range []string{"wikipedia.txt", "wsws.txt"} {
		if b, err := os.ReadFile("../../corpus/testdata/seeds/" + name); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`“a ‘b’ c” "d" «e» 'f' g’s`)
	f.Fuzz(func(t *testing.T, text string) {
		qs := Quotes(text, tokenize.Blocks(text))
		for i, q := range qs {
			if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
				t.Fatalf("quote %d %+v out of bounds (len %d)", i, q, len(text))
			}
			if i > 0 && q.Start < qs[i-1].Start {
				t.Fatalf("quotes out of order: %+v then %+v", qs[i-1], q)
			}
			for _, p := range qs[:i] {
				nested := p.Start <= q.Start && q.End <= p.End
				disjoint := p.End <= q.Start
				if !nested && !disjoint {
					t.Fatalf("quotes %+v and %+v overlap without nesting", p, q)
				}
				if nested && q.Depth <= p.Depth {
					t.Fatalf("nested quote %+v has depth not above %+v", q, p)
				}
			}
			// The parent is the nearest earlier quote holding q one level
			// up; a top-level quote has none.
			if q.Depth == 0 && q.Parent != -1 {
				t.Fatalf("top-level quote %d %+v has parent %d", i, q, q.Parent)
			}
			if q.Depth > 0 {
				if q.Parent < 0 || q.Parent >= i {
					t.Fatalf("quote %d %+v: parent %d", i, q, q.Parent)
				}
				p := qs[q.Parent]
				if !(p.Start <= q.Start && q.End <= p.End) || p.Depth != q.Depth-1 {
					t.Fatalf("quote %d %+v: parent %+v does not hold it one level up", i, q, p)
				}
			}
		}
	})
}

// Finding quotes and the tokens inside them is linear whatever the
// nesting: the work, counted in steps, not seconds, grows with the text,
// not with its square, for nested, alternating and unclosed quotes (100,000
// nested levels took 27 s when it was quadratic).
func TestQuoteWorkIsLinear(t *testing.T) {
	cues, err := cueList()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(cues)
	if err != nil {
		t.Fatal(err)
	}
	shapes := map[string]func(n int) string{
		"nested": func(n int) string {
			return strings.Repeat("“a ", n) + "massacre" + strings.Repeat(" b”", n)
		},
		"alternating": func(n int) string { return strings.Repeat(`"brutal" said "he" `, n) },
		"unclosed":    func(n int) string { return strings.Repeat("“He said it was propaganda. ", n) },
		"single":      func(n int) string { return strings.Repeat("‘a “b ‘c ", n) + strings.Repeat("’ ” ’ ", n) },
	}
	for name, text := range shapes {
		steps := func(n int) float64 {
			s := text(n)
			doc, err := tokenize.TagText(s)
			if err != nil {
				t.Fatal(err)
			}
			r := a.Analyze(s, doc.Blocks, doc.Sentences, doc.Tokens)
			return float64(r.steps) / float64(len(s))
		}
		small, large := steps(500), steps(4000)
		if large > 1.5*small || small == 0 {
			t.Errorf("%s: %.2f steps a byte at 500, %.2f at 4,000: the work grows faster than the text", name, small, large)
		}
	}
}
