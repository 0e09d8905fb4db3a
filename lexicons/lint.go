package lexicons

import (
	"fmt"
	"sort"
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
				if n, _ := cb.matchAt(o, toks, start); !o.Exclude && n > 0 {
					out = append(out, Collision{Of: e, By: o})
				}
			}
		}
	}
	return out
}

// InflectionCollision is an entry one of whose inflections is the term of
// another entry of its lexicon ("illegal" -> "illegals"). Where both could
// match, the entry written as that form wins (Matcher.Match), so the
// inflecting entry never counts there: worth knowing when the two are in
// different categories, or when the form was listed to say something else.
type InflectionCollision struct {
	Of   *Entry // the inflecting entry
	Form string // the inflected form
	By   *Entry // the entry whose term the form is
}

func (c InflectionCollision) String() string {
	return fmt.Sprintf("%s:%d: %q (%s) inflects to %q, which is the entry on line %d (%s): that entry wins there",
		c.Of.Lexicon.Path, c.Of.Line, c.Of.Term, catNames(c.Of), c.Form, c.By.Line, catNames(c.By))
}

// InflectionCollisions finds the entries of lex whose inflections are other
// entries of lex that score differently (issue 20): another category, weight
// or polarity. A form listed with the same categories, weight and polarity
// ("idiot", "idiots") is only redundant, and not reported.
func InflectionCollisions(lex *Lexicon) []InflectionCollision {
	byTerm := map[string]*Entry{}
	for _, e := range lex.Entries {
		if e.Mode == Exact || e.Mode == StemM {
			key := strings.Join(e.words, " ")
			if byTerm[key] == nil {
				byTerm[key] = e
			}
		}
	}
	var out []InflectionCollision
	for _, e := range lex.Entries {
		if !e.Inflects() {
			continue
		}
		for k, w := range e.words {
			var forms []string
			for f := range inflections(w) {
				forms = append(forms, f)
			}
			sort.Strings(forms)
			for _, f := range forms {
				words := append(append(append([]string{}, e.words[:k]...), f), e.words[k+1:]...)
				if o := byTerm[strings.Join(words, " ")]; o != nil && o != e && !sameScoring(o, e) {
					out = append(out, InflectionCollision{Of: e, Form: strings.Join(words, " "), By: o})
				}
			}
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
