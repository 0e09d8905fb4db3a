package lexicons

import (
	"slices"
	"sort"
	"strings"

	"github.com/framing/framing/internal/freelist"
	"github.com/framing/framing/internal/tokenize"
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
	// keys indexes every lexicon's entries by the strings a token is
	// looked up by — its norm, its stem, its norm's first prefixKey bytes —
	// so a word costs three map lookups however many lexicons there are. A
	// map per lexicon and per index cost four lookups per lexicon per word,
	// a tenth of a run's CPU with the seven default lexicons.
	keys map[string][]keySlot
	// Whether any lexicon has stem entries, prefix entries: a matcher
	// without skips that lookup for every word (the cue list has no prefix
	// entries).
	hasStem, hasPrefix bool
	// scratch holds Match's working sets, one per goroutine at work.
	scratch freelist.List[matchScratch]
}

// matchScratch is one goroutine's working set: a sentence's key lists.
// (A memo of each word's keys, by norm, was tried: a hit in a map of every
// word seen costs more than three lookups in m.keys, which miss for most
// words and a miss is decided without comparing keys.)
type matchScratch struct {
	keys        []tokenKeys
	cands, best []*Entry // a position's candidates and longest matches
}

// keySlot is what one lexicon files under one key string, in each of the
// roles the string can play for a token.
type keySlot struct {
	lex    int      // index into Matcher.lexicons
	norm   []*Entry // exact entries whose first word is the key (byNorm)
	forms  []formEntries
	stem   []*Entry // stem entries whose first word stems to the key (byStem)
	prefix []*Entry // prefix entries filed under the key (byPrefix)
}

// formEntries is one lemma the key is an inflected form of, with the
// lemma's exact entries (forms, then byNorm of the lemma).
type formEntries struct {
	class   formClass
	entries []*Entry
}

// tokenKeys are a token's slots: under its norm, its stem, its prefix.
type tokenKeys struct{ norm, stem, prefix []keySlot }

// keysOf looks a word token up in m.keys.
// A word whose stem is its norm ("protest") is looked up once.
func (m *Matcher) keysOf(t *tokenize.Token) tokenKeys {
	var k tokenKeys
	k.norm = m.keys[t.Norm]
	if m.hasStem && t.Stem != "" {
		if t.Stem == t.Norm {
			k.stem = k.norm
		} else {
			k.stem = m.keys[t.Stem]
		}
	}
	if m.hasPrefix && len(t.Norm) >= prefixKey {
		k.prefix = m.keys[t.Norm[:prefixKey]]
	}
	return k
}

// slot returns lexicon lex's slot among slots, or nil.
func slot(slots []keySlot, lex int) *keySlot {
	for k := range slots {
		if slots[k].lex == lex {
			return &slots[k]
		}
	}
	return nil
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
	m.index()
	return m
}

// index builds m.keys from the lexicons' own indexes.
func (m *Matcher) index() {
	m.keys = map[string][]keySlot{}
	at := func(key string, lex int) *keySlot {
		slots := m.keys[key]
		if n := len(slots); n == 0 || slots[n-1].lex != lex {
			m.keys[key] = append(slots, keySlot{lex: lex})
		}
		slots = m.keys[key]
		return &slots[len(slots)-1]
	}
	// Lexicon by lexicon, so each key's slots are in lexicon order and a
	// lexicon has at most one slot per key.
	for li, c := range m.lexicons {
		m.hasStem = m.hasStem || len(c.byStem) > 0
		m.hasPrefix = m.hasPrefix || len(c.byPrefix) > 0
		for _, key := range sortedKeys(c.byNorm, c.forms, c.byStem, c.byPrefix) {
			if es := c.byNorm[key]; es != nil {
				at(key, li).norm = es
			}
			for _, f := range c.forms[key] {
				sl := at(key, li)
				sl.forms = append(sl.forms, formEntries{class: f.class, entries: c.byNorm[f.lemma]})
			}
			if es := c.byStem[key]; es != nil {
				at(key, li).stem = es
			}
			if es := c.byPrefix[key]; es != nil {
				at(key, li).prefix = es
			}
		}
	}
}

// sortedKeys returns the keys of the maps, sorted, each once.
func sortedKeys[A, B, C, D any](a map[string]A, b map[string]B, c map[string]C, d map[string]D) []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for k := range a {
		add(k)
	}
	for k := range b {
		add(k)
	}
	for k := range c {
		add(k)
	}
	for k := range d {
		add(k)
	}
	sort.Strings(out)
	return out
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
	s := m.scratch.Get()
	if s == nil {
		s = &matchScratch{}
	}
	keys := slices.Grow(s.keys[:0], len(toks))[:len(toks)]
	for i := range toks {
		keys[i] = tokenKeys{}
		if t := &toks[i]; t.Word {
			keys[i] = m.keysOf(t)
		}
	}
	cands, best := s.cands[:0], s.best[:0]
	defer func() {
		s.keys, s.cands, s.best = keys[:0], cands[:0], best[:0]
		m.scratch.Put(s)
	}()
	for li, c := range m.lexicons {
		// A word filed under no key has no candidates in a lexicon without
		// entries tried on every word (suffixes, short prefixes): most
		// words, and nearly all for the cue list.
		everyWord := len(c.suffix)+len(c.short) > 0
		for i := 0; i < len(toks); {
			k := &keys[i]
			if !toks[i].Word || !everyWord && k.norm == nil && k.stem == nil && k.prefix == nil {
				i++
				continue
			}
			cands = c.candidates(cands[:0], &toks[i], k, li)
			// The longest match wins; between matches of one length, one
			// that needs no inflection beats one that does ("illegals" is
			// its own entry, not a plural of "illegal").
			best = best[:0]
			bestLen, bestRank := 0, 0
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

// candidates returns the entries of lexicon lex (c) that may match at token
// t, whose key slots are k: in order of their lines in the lexicon file.
func (c *compiled) candidates(dst []*Entry, t *tokenize.Token, k *tokenKeys, lex int) []*Entry {
	if sl := slot(k.norm, lex); sl != nil {
		dst = append(dst, sl.norm...)
		if len(sl.forms) > 0 {
			class := classOfTag(t.Tag)
			for _, f := range sl.forms {
				if f.class&class != 0 {
					dst = append(dst, f.entries...)
				}
			}
		}
	}
	if sl := slot(k.stem, lex); sl != nil {
		dst = append(dst, sl.stem...)
	}
	for _, e := range c.suffix {
		if len(t.Norm) > len(e.words[0]) && strings.HasSuffix(t.Norm, e.words[0]) {
			dst = append(dst, e)
		}
	}
	if sl := slot(k.prefix, lex); sl != nil {
		for _, e := range sl.prefix {
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
