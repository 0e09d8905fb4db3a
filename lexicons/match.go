package lexicons

import (
	"sort"
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
	suffix   []*Entry            // suffix entries ("*-wing"): few, tried on every word
	stems    map[*Entry][]string // stems of each stem entry's words
	// forms maps an inflected form to the words of inflecting entries it
	// is a form of ("claimed" -> claim, as a past), so a token finds its
	// entries with one lookup (inflect.go).
	forms map[string][]inflected
	// asListed marks the words of inflecting entries that match only as
	// written, because the lexicon lists their forms itself (curated).
	asListed map[*Entry]uint64
}

// inflected is a form of an entry word: the word, and the grammatical form
// (formClass bits) the inflection makes.
type inflected struct {
	lemma string
	class formClass
}

// prefixKey is how many leading bytes index a prefix entry: long enough that a
// token looks at a handful of candidates, short enough for "war*".
const prefixKey = 3

// Compile indexes the lexicons for matching.
func Compile(lexs ...*Lexicon) *Matcher {
	m := &Matcher{}
	for _, l := range lexs {
		c := &compiled{lex: l, byNorm: map[string][]*Entry{}, byStem: map[string][]*Entry{},
			byPrefix: map[string][]*Entry{}, stems: map[*Entry][]string{}, forms: map[string][]inflected{},
			asListed: map[*Entry]uint64{}}
		lemmas := map[string]bool{}
		listed, _ := curated(l.Entries)
		for _, e := range l.Entries {
			first := e.words[0]
			if e.Inflects() {
				for k, w := range e.words {
					if listed[curatedKey(e.words, k)] || k >= 64 {
						c.asListed[e] |= 1 << k
					} else {
						lemmas[w] = true
					}
				}
			}
			switch {
			case e.Mode == Suffix:
				c.suffix = append(c.suffix, e)
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
		// In sorted order, so every form lists its lemmas the same way in
		// every run.
		sorted := make([]string, 0, len(lemmas))
		for w := range lemmas {
			sorted = append(sorted, w)
		}
		sort.Strings(sorted)
		for _, w := range sorted {
			for f, class := range entryForms(w) {
				c.forms[f] = append(c.forms[f], inflected{lemma: w, class: class})
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
			// The longest match wins; between matches of one length, one
			// that needs no inflection beats one that does ("illegals" is
			// its own entry, not a plural of "illegal").
			best, bestLen, bestRank := []*Entry(nil), 0, 0
			for _, e := range cands {
				n, infl := c.matchAt(e, toks, i)
				rank := 2 * n
				if !infl {
					rank++
				}
				switch {
				case n == 0:
				case rank > bestRank:
					best, bestLen, bestRank = append(best[:0], e), n, rank
				case rank == bestRank && !containsEntry(best, e):
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
	if forms := c.forms[t.Norm]; forms != nil {
		class := classOfTag(t.Tag)
		for _, f := range forms {
			if f.class&class != 0 {
				dst = append(dst, c.byNorm[f.lemma]...)
			}
		}
	}
	dst = append(dst, c.byStem[t.Stem]...)
	for _, e := range c.suffix {
		if len(t.Norm) > len(e.words[0]) && strings.HasSuffix(t.Norm, e.words[0]) {
			dst = append(dst, e)
		}
	}
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

// matchAt returns how many tokens e covers starting at toks[i], or 0, and
// whether a word matched only as an inflection of the entry's.
func (c *compiled) matchAt(e *Entry, toks []tokenize.Token, i int) (n int, inflection bool) {
	if i+len(e.words) > len(toks) {
		return 0, false
	}
	last := len(e.words) - 1
	for k, w := range e.words {
		t := &toks[i+k]
		if t.Excluded {
			return 0, false
		}
		var ok bool
		switch {
		case e.Mode == StemM:
			ok = t.Stem != "" && t.Stem == c.stems[e][k]
		case e.Mode == Prefix && k == last:
			ok = strings.HasPrefix(t.Norm, w) && t.Word
		case e.Mode == Suffix:
			ok = len(t.Norm) > len(w) && strings.HasSuffix(t.Norm, w) && t.Word
		default:
			ok = t.Norm == w
			if !ok && e.Inflects() && c.asListed[e]&(1<<k) == 0 && c.isForm(t, w) {
				ok, inflection = true, true
			}
		}
		if !ok {
			return 0, false
		}
	}
	return len(e.words), inflection
}

// isForm reports whether token t is an inflection of word w that its tag
// allows ("claimed" tagged VBD is a form of "claim").
func (c *compiled) isForm(t *tokenize.Token, w string) bool {
	class := classOfTag(t.Tag)
	for _, f := range c.forms[t.Norm] {
		if f.lemma == w && f.class&class != 0 {
			return true
		}
	}
	return false
}

func containsEntry(es []*Entry, e *Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
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
