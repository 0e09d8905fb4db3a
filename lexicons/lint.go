package lexicons

import (
	"fmt"
	"strings"

	"github.com/framing/framing/internal/tokenize"
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
	m := Compile(lex)
	c := m.lexicons[0]
	var out []Collision
	var cands []*Entry
	for _, e := range lex.Entries {
		if e.Exclude {
			continue
		}
		toks := entryTokens(e)
		k := m.keysOf(&toks[0])
		cands = c.candidates(cands[:0], &toks[0], &k, 0)
		for _, o := range cands {
			if n, _ := c.matchAt(o, toks, 0); o == e || o.Exclude || sharesCategory(o, e) || n != len(toks) {
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
	mb := Compile(b)
	cb := mb.lexicons[0]
	var out []Collision
	var cands []*Entry
	for _, e := range a.Entries {
		if e.Exclude {
			continue
		}
		toks := entryTokens(e)
		for start := range toks {
			k := mb.keysOf(&toks[start])
			cands = cb.candidates(cands[:0], &toks[start], &k, 0)
			for _, o := range cands {
				if n, _ := cb.matchAt(o, toks, start); !o.Exclude && n > 0 {
					out = append(out, Collision{Of: e, By: o})
				}
			}
		}
	}
	return out
}

// ListedForms is a set of entries of one lexicon that are forms of one word
// ("slams", "slammed"). Lemma-aware matching leaves such entries as written
// (the author chose the forms), so the forms not listed ("slamming", "slam")
// are not matched: worth knowing, and worth a look when the entries are in
// different categories or carry different weights.
type ListedForms struct {
	Entries []*Entry
}

func (f ListedForms) String() string {
	var terms []string
	for _, e := range f.Entries {
		terms = append(terms, fmt.Sprintf("%q (%s, line %d)", e.Term, catNames(e), e.Line))
	}
	return fmt.Sprintf("%s:%d: %s are forms of one word: each matches only as written, and other forms of it are not matched",
		f.Entries[0].Lexicon.Path, f.Entries[0].Line, strings.Join(terms, ", "))
}

// InflectionCollisions finds the entries of lex that are forms of one word:
// their inflections collide, so none of them inflects. A family
// whose entries all score alike (same categories, weight and polarity) is
// left out: listing every form on purpose is ordinary lexicon writing.
func InflectionCollisions(lex *Lexicon) []ListedForms {
	_, families := curated(lex.Entries)
	var out []ListedForms
	for _, fam := range families {
		alike := true
		for _, e := range fam[1:] {
			alike = alike && sameScoring(e, fam[0])
		}
		if !alike {
			out = append(out, ListedForms{Entries: fam})
		}
	}
	return out
}

func sameScoring(a, b *Entry) bool {
	if a.Weight != b.Weight || a.Polarity != b.Polarity || a.Exclude != b.Exclude || len(a.Categories) != len(b.Categories) {
		return false
	}
	for i := range a.Categories {
		if a.Categories[i] != b.Categories[i] {
			return false
		}
	}
	return true
}
