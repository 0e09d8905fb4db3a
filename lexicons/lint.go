package lexicons

import (
	"fmt"
	"strings"

	"github.com/framing/framing/pipeline/tokenize"
)

// Collision is a pair of entries of one lexicon, in different categories, where
// the words of Of are also matched by By: text containing those words would be
// counted under both categories, usually by accident (a stem that swallows a
// neighbour, a wildcard that reaches too far).
type Collision struct {
	Of, By *Entry
}

func (c Collision) String() string {
	return fmt.Sprintf("%s:%d: %q (%s) is also matched by %q (%s, line %d)",
		c.Of.Lexicon.Path, c.Of.Line, c.Of.Term, catNames(c.Of), c.By.Term, catNames(c.By), c.By.Line)
}

func catNames(e *Entry) string {
	names := make([]string, len(e.Categories))
	for i, c := range e.Categories {
		names[i] = c.Local
	}
	return strings.Join(names, ", ")
}

// Collisions finds entries whose own words another entry of a different
// category also matches. It uses the matcher's index, so it is fast enough for
// lexicons of tens of thousands of entries.
func Collisions(lex *Lexicon) []Collision {
	c := Compile(lex).lexicons[0]
	var out []Collision
	var cands []*Entry
	for _, e := range lex.Entries {
		if e.Exclude {
			continue
		}
		toks := entryTokens(e)
		cands = c.candidates(cands[:0], &toks[0])
		for _, o := range cands {
			if o == e || o.Exclude || sharesCategory(o, e) || c.matchAt(o, toks, 0) != len(toks) {
				continue
			}
			out = append(out, Collision{Of: e, By: o})
		}
	}
	return out
}

// entryTokens are an entry's own words as the tokens of a text that says
// them, so the matcher can be asked what else matches there.
func entryTokens(e *Entry) []tokenize.Token {
	toks := make([]tokenize.Token, len(e.words))
	for i, w := range e.words {
		toks[i] = tokenize.Token{Text: w, Norm: w, Word: true, Stem: tokenize.Stem(w)}
	}
	return toks
}

func sharesCategory(a, b *Entry) bool {
	for _, x := range a.Categories {
		for _, y := range b.Categories {
			if x == y {
				return true
			}
		}
	}
	return false
}

// CrossCollisions finds entries of lexicon a whose words an entry of lexicon b
// also matches: used together, such words would count twice.
func CrossCollisions(a, b *Lexicon) []Collision {
	cb := Compile(b).lexicons[0]
	var out []Collision
	var cands []*Entry
	for _, e := range a.Entries {
		if e.Exclude {
			continue
		}
		toks := entryTokens(e)
		for start := range toks {
			cands = cb.candidates(cands[:0], &toks[start])
			for _, o := range cands {
				if !o.Exclude && cb.matchAt(o, toks, start) > 0 {
					out = append(out, Collision{Of: e, By: o})
				}
			}
		}
	}
	return out
}
