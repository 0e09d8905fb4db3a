package lexicons

import (
	"strings"

	"github.com/framing/framing/pipeline/tokenize"
)

// Match is one place where a lexicon entry matched: tokens [First, Last] of
// the slice given to Matcher.Match, counting once for each category in Cats.
type Match struct {
	Entry       *Entry
	Cats        []*Category // the categories this match counts toward, each once
	First, Last int         // inclusive token indices
}

// Matcher finds entries of several lexicons in token streams. It is built once
// and is safe for concurrent use: it never changes after Compile.
//
// Rules (METHODS §3): matching is over tokens, case-insensitive; each lexicon
// is matched on its own (two lexicons are two instruments); within a lexicon
// the longest match wins and the tokens it covers cannot start or join another
// match, so "live ammunition" counts once and "live" inside it not at all; a
// match counts once per category even when several entries of one category
// cover the same words. Token counts never depend on the lexicon.
type Matcher struct {
	lexicons []*compiled
}

type compiled struct {
	lex      *Lexicon
	byNorm   map[string][]*Entry // exact entries, by first word
	byStem   map[string][]*Entry // stem entries, by stem of first word
	byPrefix map[string][]*Entry // prefix entries, by the first prefixKey bytes of the prefix
	short    []*Entry            // prefix entries whose prefix is shorter than prefixKey
	stems    map[*Entry][]string // stems of each stem entry's words
}

// prefixKey is how many leading bytes index a prefix entry: long enough that a
// token looks at a handful of candidates, short enough for "war*".
const prefixKey = 3

// Compile indexes the lexicons for matching.
func Compile(lexs ...*Lexicon) *Matcher {
	m := &Matcher{}
	for _, l := range lexs {
		c := &compiled{lex: l, byNorm: map[string][]*Entry{}, byStem: map[string][]*Entry{},
			byPrefix: map[string][]*Entry{}, stems: map[*Entry][]string{}}
		for _, e := range l.Entries {
			first := e.words[0]
			switch {
			case e.Mode == Prefix && len(e.words) == 1:
				if len(first) < prefixKey {
					c.short = append(c.short, e)
				} else {
					c.byPrefix[first[:prefixKey]] = append(c.byPrefix[first[:prefixKey]], e)
				}
			case e.Mode == StemM:
				st := make([]string, len(e.words))
				for i, w := range e.words {
					st[i] = tokenize.Stem(w)
				}
				c.stems[e] = st
				c.byStem[st[0]] = append(c.byStem[st[0]], e)
			default: // exact, and multiword prefix entries (only the last word is a prefix)
				c.byNorm[first] = append(c.byNorm[first], e)
			}
		}
		m.lexicons = append(m.lexicons, c)
	}
	return m
}

// Lexicons returns the compiled lexicons in the order given to Compile.
func (m *Matcher) Lexicons() []*Lexicon {
	out := make([]*Lexicon, len(m.lexicons))
	for i, c := range m.lexicons {
		out[i] = c.lex
	}
	return out
}

// Match calls emit for every match in toks, lexicon by lexicon, left to right.
// Give it one sentence at a time: no entry spans a sentence boundary. Stem
// entries compare Token.Stem: stem the tokens first (Stemmer.StemAll).
func (m *Matcher) Match(toks []tokenize.Token, emit func(Match)) {
	var cands []*Entry
	for _, c := range m.lexicons {
		for i := 0; i < len(toks); {
			if !toks[i].Word {
				i++
				continue
			}
			cands = c.candidates(cands[:0], &toks[i])
			best, bestLen := []*Entry(nil), 0
			for _, e := range cands {
				n := c.matchAt(e, toks, i)
				switch {
				case n > bestLen:
					best, bestLen = append(best[:0], e), n
				case n == bestLen && n > 0:
					best = append(best, e)
				}
			}
			if bestLen == 0 {
				i++
				continue
			}
			emitSpan(best, i, i+bestLen-1, emit)
			i += bestLen
		}
	}
}

func (c *compiled) candidates(dst []*Entry, t *tokenize.Token) []*Entry {
	dst = append(dst, c.byNorm[t.Norm]...)
	dst = append(dst, c.byStem[t.Stem]...)
	if len(t.Norm) >= prefixKey {
		for _, e := range c.byPrefix[t.Norm[:prefixKey]] {
			if strings.HasPrefix(t.Norm, e.words[0]) {
				dst = append(dst, e)
			}
		}
	}
	for _, e := range c.short {
		if strings.HasPrefix(t.Norm, e.words[0]) {
			dst = append(dst, e)
		}
	}
	// Entries were appended in file order within each index; keep a single
	// order across indexes so the chosen entry never depends on map layout.
	sortByLine(dst)
	return dst
}

// matchAt returns how many tokens e covers starting at toks[i], or 0.
func (c *compiled) matchAt(e *Entry, toks []tokenize.Token, i int) int {
	if i+len(e.words) > len(toks) {
		return 0
	}
	last := len(e.words) - 1
	for k, w := range e.words {
		t := &toks[i+k]
		if t.Excluded {
			return 0
		}
		var ok bool
		switch {
		case e.Mode == StemM:
			ok = t.Stem != "" && t.Stem == c.stems[e][k]
		case e.Mode == Prefix && k == last:
			ok = strings.HasPrefix(t.Norm, w) && t.Word
		default:
			ok = t.Norm == w
		}
		if !ok {
			return 0
		}
	}
	return len(e.words)
}

func sortByLine(es []*Entry) {
	// Insertion sort: candidate lists are a handful long.
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Line < es[j-1].Line; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// emitSpan reports the entries that tie for the longest match at one span,
// each with the categories no earlier (by file line) entry already counted, so
// a category counts once and its hit names the entry that produced it.
//
// An exclusion entry among them wins outright: the words are consumed and
// nothing is counted.
func emitSpan(best []*Entry, first, last int, emit func(Match)) {
	for _, e := range best {
		if e.Exclude {
			return
		}
	}
	if len(best) == 1 {
		emit(Match{Entry: best[0], Cats: best[0].Categories, First: first, Last: last})
		return
	}
	var done []*Category
	for _, e := range best {
		var cats []*Category
		for _, c := range e.Categories {
			if !containsCat(done, c) {
				cats = append(cats, c)
				done = append(done, c)
			}
		}
		if len(cats) > 0 {
			emit(Match{Entry: e, Cats: cats, First: first, Last: last})
		}
	}
}

func containsCat(cs []*Category, c *Category) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
