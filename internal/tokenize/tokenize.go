// Package tokenize turns text into blocks, sentences and tokens that carry
// byte offsets into the text they came from.
//
// It wraps prose/v3 (segmentation, tokenization, tagging) and then runs a
// short chain of token filters over the one token stream, in the manner of
// bleve's analysis package: each filter may split a token but never moves a
// byte, so src[t.Start:t.End] == t.Text holds for every token that leaves.
//
// Lexicon entries are tokenized, folded and stemmed by this same package, so a
// term and the text it should match can never disagree about where words end.
package tokenize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"

	"github.com/framing/framing/internal/freelist"
)

// Token is one word or punctuation mark.
type Token struct {
	Text  string // verbatim: src[Start:End]
	Start int    // byte offsets into the analysed text
	End   int
	Tag   string // Penn Treebank part of speech; "" until tagged
	Norm  string // Fold(Text): what exact and prefix entries compare against
	Stem  string // Stem(Norm) for words, "" for punctuation
	// Word: the token holds a letter or digit and counts toward rates.
	// Words that are not the article's prose are demoted (see Exclude).
	Word bool
	// Excluded marks a word that is not prose — page chrome, a section
	// heading, a run repeated verbatim (MarkRepeats) — so it is neither
	// counted nor matched.
	Excluded bool
}

// Tokenizer is prose's tokenizer (re-implemented with fast paths, giving
// prose's tokens: words.go) followed by framing's token filters. It is safe
// for concurrent use: both are pure.
type Tokenizer struct{}

// New returns a Tokenizer.
func New() *Tokenizer { return &Tokenizer{} }

// Tokenize splits text into tokens whose offsets are relative to text plus
// base, so callers can tokenize one sentence and keep document offsets.
// Tokens come back folded, but neither stemmed (stemming is a stage of its
// own: see Stemmer) nor tagged.
func (t *Tokenizer) Tokenize(text string, base int) []Token {
	return t.Append(make([]Token, 0, len(text)/5+4), text, base)
}

// Append is Tokenize appending to dst: a document's sentences go into one
// slice, sized once, instead of a slice per sentence copied over (the
// copies were the analysis's largest allocation).
func (t *Tokenizer) Append(dst []Token, text string, base int) []Token {
	buf := rawPool.Get().(*[]wordSpan)
	raw := proseWords(text, (*buf)[:0])
	from := len(dst)
	for _, r := range raw {
		dst = splitToken(dst, r.Text, base+r.Start)
	}
	clear(raw) // the pool must not keep the text alive
	*buf = raw[:0]
	rawPool.Put(buf)
	for i := from; i < len(dst); i++ {
		dst[i].Norm = Fold(dst[i].Text)
		dst[i].Word = isWord(dst[i].Text)
	}
	return dst
}

// rawPool holds proseWords' scratch slices.
var rawPool = sync.Pool{New: func() any { s := make([]wordSpan, 0, 64); return &s }}

// splitToken is the filter chain. prose leaves three things glued that
// framing needs apart:
//   - dashes used as punctuation: "Aurangzeb—one", "Lahore—was" (em dash,
//     en dash, horizontal bar); a hyphen inside a word ("US-backed") stays;
//   - quotation marks at a word's edge: «guillemets», 'single, “word — the
//     voice stage finds quote spans on bytes, but a lexicon entry must still
//     see the bare word; Markdown emphasis (*Guardian*, _Dawn_) likewise;
//   - sentences glued by text extraction: "gun.Prosecutors", "limited.Demonstrators",
//     "peaceful.\"Martin" (a sentence end between a lower-case and an
//     upper-case letter, quote marks allowed after it; "U.S." and
//     "wsws.org" are left alone);
//   - nothing else: possessives ("Khan", "’s") are already split by prose.
func splitToken(out []Token, text string, start int) []Token {
	if i := gluedPeriod(text); i > 0 {
		out = splitToken(out, text[:i], start)
		out = append(out, Token{Text: text[i : i+1], Start: start + i, End: start + i + 1})
		// The quote marks after the sentence end, each a token: the one
		// closing the sentence before, the one opening the next.
		k := i + 1
		for k < len(text) {
			r, w := utf8.DecodeRuneInString(text[k:])
			if !isOpeningQuote(r) && !isClosingQuote(r) {
				break
			}
			out = append(out, Token{Text: text[k : k+w], Start: start + k, End: start + k + w})
			k += w
		}
		return splitToken(out, text[k:], start+k)
	}
	// Split on dashes first: each piece then has its quotes peeled.
	for {
		i, w := indexDash(text)
		if i < 0 || len(text) == w {
			break
		}
		if i > 0 {
			out = peelQuotes(out, text[:i], start)
		}
		out = append(out, Token{Text: text[i : i+w], Start: start + i, End: start + i + w})
		text, start = text[i+w:], start+i+w
		if text == "" {
			return out
		}
	}
	return peelQuotes(out, text, start)
}

// gluedPeriod returns the index of a sentence end that joins two sentences
// inside one token, or -1: a period, question or exclamation mark between a
// lower-case letter and an upper-case one ("gun.Prosecutors"), quotation
// marks allowed after it ("peaceful.\"Martin", "over!”Then": text
// extraction drops the space after a closing quote as after a period).
// "U.S." and "wsws.org" are left alone.
func gluedPeriod(s string) int {
	for i := 1; i+1 < len(s); i++ {
		j := strings.IndexAny(s[i:len(s)-1], ".!?")
		if j < 0 {
			return -1
		}
		i += j
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLower(prev) {
			continue
		}
		k := i + 1
		for k < len(s) {
			r, w := utf8.DecodeRuneInString(s[k:])
			if !isOpeningQuote(r) && !isClosingQuote(r) {
				break
			}
			k += w
		}
		if next, _ := utf8.DecodeRuneInString(s[k:]); k < len(s) && unicode.IsUpper(next) && (k > i+1 || s[i] == '.') {
			return i
		}
	}
	return -1
}

func indexDash(s string) (int, int) {
	// Each dash is encoded from 0xE2: a word without that byte has none.
	if strings.IndexByte(s, 0xE2) < 0 {
		return -1, 0
	}
	for i, r := range s {
		switch r {
		case '—', '–', '―':
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

// peelQuotes splits opening quote marks off the front and closing ones off the
// back of a word. A straight or curly apostrophe at the end of a word is left
// alone when it may be a possessive ("protesters’", "Ilyas’"), and one inside a
// word ("don't") is never an edge.
func peelQuotes(out []Token, text string, start int) []Token {
	// Most words can neither start with an opening mark nor end with a
	// closing one, which their first and last bytes tell.
	if text == "" || quoteEdge[text[0]]&opens == 0 && quoteEdge[text[len(text)-1]]&closes == 0 {
		return append(out, Token{Text: text, Start: start, End: start + len(text)})
	}
	var tail []Token
	// Peel only while more than one character is left: a lone quote mark
	// (prose often splits one off already) is a token of its own.
	for moreThanOneRune(text) {
		r, w := utf8.DecodeRuneInString(text)
		if !isOpeningQuote(r) || isApostrophe(r) && isElision(text[w:]) {
			break
		}
		out = append(out, Token{Text: text[:w], Start: start, End: start + w})
		text, start = text[w:], start+w
	}
	for moreThanOneRune(text) {
		r, w := utf8.DecodeLastRuneInString(text)
		if !isClosingQuote(r) {
			break
		}
		end := start + len(text)
		tail = append(tail, Token{Text: text[len(text)-w:], Start: end - w, End: end})
		text = text[:len(text)-w]
	}
	out = append(out, Token{Text: text, Start: start, End: start + len(text)})
	for i := len(tail) - 1; i >= 0; i-- {
		out = append(out, tail[i])
	}
	return out
}

// moreThanOneRune is utf8.RuneCountInString(s) > 1 without counting them
// all (an invalid byte counts as one rune in both).
func moreThanOneRune(s string) bool {
	_, w := utf8.DecodeRuneInString(s)
	return len(s) > w
}

// quoteEdge marks, by byte, what an opening quote mark's encoding can start
// with (opens) and what a closing one's can end with (closes): derived
// from isOpeningQuote and isClosingQuote over the Basic Multilingual Plane,
// where every quote mark is (TestQuoteEdgeCoversEveryMark checks them all).
var quoteEdge = func() (t [256]uint8) {
	var b [utf8.UTFMax]byte
	for r := rune(0); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		n := utf8.EncodeRune(b[:], r)
		if isOpeningQuote(r) {
			t[b[0]] |= opens
		}
		if isClosingQuote(r) {
			t[b[n-1]] |= closes
		}
	}
	return t
}()

const (
	opens = 1 << iota
	closes
)

func isOpeningQuote(r rune) bool {
	switch r {
	case '"', '“', '„', '«', '‹', '‘', '\'', '*', '_':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '‘' || r == '’' }

// isElision reports whether what follows an apostrophe makes it part of the
// word: a contraction or possessive prose split off ("'s", "'re", "’ll"), or a
// shortened year ("'90s").
func isElision(rest string) bool {
	switch strings.ToLower(rest) {
	case "s", "re", "ve", "ll", "d", "m", "t", "em":
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsDigit(r)
}

// isClosingQuote excludes ’ and ' : at a word's end they are usually the
// possessive of a plural (protesters’), which must stay on the word.
func isClosingQuote(r rune) bool {
	switch r {
	case '"', '”', '»', '›', '*', '_':
		return true
	}
	return false
}

func isWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Fold is the case- and typography-insensitive form of a token: lower case,
// curly apostrophes and quotes straightened, Unicode hyphens made ASCII,
// zero-width characters dropped (pasted text carries them unseen, and
// "mas\u200bsacre" must still match massacre). It changes only the
// copy used for matching, never the text, so offsets stay exact.
func Fold(s string) string {
	switch ascii, lower := asciiCase(s); {
	case lower:
		return s
	case ascii:
		// Only lower-casing applies to ASCII: strings.ToLower's ASCII path
		// builds the string in one pass.
		return strings.ToLower(s)
	}
	return foldRunes(s)
}

// foldRunes is Fold's definition, rune by rune.
func foldRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '’', '‘', 'ʼ', '′':
			r = '\''
		case '‐', '‑', '‒':
			r = '-'
		case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			continue
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// asciiCase reports whether s is all ASCII, and whether it is ASCII
// without capitals.
func asciiCase(s string) (ascii, lower bool) {
	lower = true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return false, false
		case 'A' <= c && c <= 'Z':
			lower = false
		}
	}
	return true, lower
}

// Stem is the Snowball (Porter2) English stem of a folded word.
// "massacred" -> "massacr", "terrorists" -> "terrorist", "alleged" -> "alleg".
// Stop words are stemmed too, so "as" and "was" behave like any other word.
func Stem(folded string) string { return english.Stem(folded, true) }

// Stemmer is Stem with a memo. Snowball costs about a microsecond a word
// and news vocabulary is Zipfian: a few thousand words make most of any
// text, so remembering stems makes the stem stage ten times cheaper. The
// zero Stemmer is ready to use and safe for concurrent use: each goroutine
// borrows a memo of its own from a free list that survives collections (a
// shared sync.Map cost a tenth of a run's CPU in lookups; a sync.Pool
// emptied the memos at every other collection), and a memo stops growing
// at MaxStems words, so memory stays bounded however rare the corpus's
// words.
type Stemmer struct {
	memos freelist.List[map[string]string]
}

// MaxStems bounds one memo (about 10 MB at the limit).
const MaxStems = 100_000

func (s *Stemmer) memo() *map[string]string {
	if m := s.memos.Get(); m != nil {
		return m
	}
	m := make(map[string]string, 1<<12)
	return &m
}

// Stem returns Stem(folded). A nil Stemmer stems without a memo.
func (s *Stemmer) Stem(folded string) string {
	if s == nil {
		return Stem(folded)
	}
	m := s.memo()
	defer s.memos.Put(m)
	return stemWith(*m, folded)
}

func stemWith(m map[string]string, folded string) string {
	if st, ok := m[folded]; ok {
		return st
	}
	st := Stem(folded)
	if len(m) < MaxStems {
		// Clone: folded may point into a whole document's text, which the
		// memo must not keep alive.
		m[strings.Clone(folded)] = st
	}
	return st
}

// StemAll sets the Stem of every word token: what the stem stage does, and
// what a caller matching lexicons on its own tokens must do first.
func (s *Stemmer) StemAll(toks []Token) {
	if s == nil {
		for i := range toks {
			if toks[i].Word {
				toks[i].Stem = Stem(toks[i].Norm)
			}
		}
		return
	}
	m := s.memo()
	defer s.memos.Put(m)
	for i := range toks {
		if toks[i].Word {
			toks[i].Stem = stemWith(*m, toks[i].Norm)
		}
	}
}

// Join is the text of toks[first..last] (inclusive) as written, with one
// space where the source had space between two tokens: "Mohsin Naqvi",
// "opened fire", "Khan's". Empty when first > last or first < 0.
func Join(toks []Token, first, last int) string {
	if first > last || first < 0 {
		return ""
	}
	var b strings.Builder
	for i := first; i <= last; i++ {
		if i > first && toks[i].Start > toks[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].Text)
	}
	return b.String()
}

// Block is a line of text with something on it: a paragraph, a heading, a
// byline. Quotes left open close at the end of their block; sentences never
// cross one.
type Block struct {
	Start, End int
	Heading    bool // "# Title" (Markdown) or "== Section ==" (wiki)
}

// Blocks splits text into its non-blank lines. Every corpus source framing
// knows writes one paragraph per line (Wikipedia, newspaper3k extracts,
// Markdown), so a line is the paragraph unit.
func Blocks(text string) []Block {
	var blocks []Block
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if trimmed := strings.TrimSpace(line); trimmed != "" {
			lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
			s, e := start+lead, start+lead+len(trimmed)
			blocks = append(blocks, Block{Start: s, End: e, Heading: isHeading(trimmed)})
		}
		start = end + 1
	}
	return blocks
}

func isHeading(line string) bool {
	return strings.HasPrefix(line, "#") && strings.TrimLeft(line, "#") != "" && strings.HasPrefix(strings.TrimLeft(line, "#"), " ") ||
		strings.HasPrefix(line, "==") && strings.HasSuffix(line, "==")
}

// Exclude demotes the word tokens of toks: Excluded is set and Word
// cleared, so they are neither counted nor matched. It returns how many
// words it demoted.
func Exclude(toks []Token) int {
	n := 0
	for i := range toks {
		if toks[i].Word {
			toks[i].Word, toks[i].Excluded = false, true
			n++
		}
	}
	return n
}

// Span is a range [Start, End) of bytes or of token indices.
type Span struct{ Start, End int }

// Contains reports whether i is in the span.
func (s Span) Contains(i int) bool { return s.Start <= i && i < s.End }

// Sentence is a span of text and the tokens in it.
type Sentence struct {
	Start, End int
	Tokens     Span // token indices [Start, End) into the document's tokens
	Block      int  // index of the block it is in
	Headline   bool // part of the headline: the title, or the body's opening heading
}

// Segmenter splits blocks into sentences with prose's Punkt segmenter
// (re-assembled with fast paths, giving prose's sentences: punkt.go), whose
// model is loaded once per process and shared. Safe for concurrent use.
type Segmenter struct{ seg *punktSegmenter }

// loadPunkt loads the Punkt model once; it never changes afterwards.
var loadPunkt = sync.OnceValues(newPunktSegmenter)

// NewSegmenter loads (or reuses) prose's sentence model.
func NewSegmenter() (*Segmenter, error) {
	s, err := loadPunkt()
	if err != nil {
		return nil, err
	}
	return &Segmenter{seg: s}, nil
}

// Sentences returns the sentences of one block, as spans of text. A heading is
// one sentence whatever its punctuation.
func (s *Segmenter) Sentences(text string, b Block) []Span {
	if b.Heading {
		return []Span{{b.Start, b.End}}
	}
	out := s.seg.segment(text[b.Start:b.End])
	for i := range out {
		out[i].Start += b.Start
		out[i].End += b.Start
	}
	return out
}

// Tagger assigns Penn Treebank tags, one sentence at a time (prose's tagger
// treats its input as one sentence). Safe for concurrent use.
//
// It is prose v3's averaged perceptron, re-implemented over prose's model
// for speed (perceptron.go): the same tags, tested token by token against
// prose's TagTokens.
type Tagger struct{ p *perceptron }

// NewTagger loads (or reuses) prose's perceptron model.
func NewTagger() (*Tagger, error) {
	p, err := loadPerceptron()
	if err != nil {
		return nil, err
	}
	return &Tagger{p: p}, nil
}

// Tag fills in Tag for the tokens of one sentence. Double quote marks get the
// Treebank quote tags whatever the model says: they carry no grammar, and a
// quote tagged NNP would read as a name to the speaker finder. Single marks
// are left to the model: ’ after "protesters" is a possessive (POS).
func (t *Tagger) Tag(toks []Token) {
	t.p.tagSentence(toks)
	for i := range toks {
		if len(toks[i].Text) <= 3 {
			r, _ := utf8.DecodeRuneInString(toks[i].Text)
			if utf8.RuneLen(r) == len(toks[i].Text) {
				switch {
				case r == '*' || r == '_':
					toks[i].Tag = "SYM"
				case isOpeningQuote(r) && !isApostrophe(r):
					toks[i].Tag = "``"
				case isClosingQuote(r):
					toks[i].Tag = "''"
				}
			}
		}
	}
}

// RepeatRun and RepeatMin define page furniture: a run of RepeatRun words
// that occurs RepeatMin or more times in one text. Extracted news pages carry
// gallery strips ("Photos: Colorado massacre: Mourning the victims" 53 times
// in one CNN page of the shipped corpus), share bars and video teasers; a
// lexicon would count every copy. Two occurrences are left alone: a headline
// repeated in the lead, or a quote given twice, is writing.
const (
	RepeatRun = 6
	RepeatMin = 3
)

// MarkRepeats finds runs of RepeatRun words that occur at least RepeatMin
// times in toks and demotes every occurrence after the first (Exclude). It
// returns how many tokens it demoted.
func MarkRepeats(toks []Token) int {
	words := make([]int32, 0, len(toks)) // indices of word tokens
	for i := range toks {
		if toks[i].Word {
			words = append(words, int32(i))
		}
	}
	if len(words) < RepeatRun*RepeatMin {
		return 0
	}
	// A run is keyed by a 64-bit hash of its words (FNV-1a, digits read as
	// 0: "Hide Caption 12 of 52 Photos" and "Hide Caption 13 of 52 Photos"
	// are the same strip). Hashing each word once, not each window's string,
	// keeps this stage linear and allocation-free; a false collision needs
	// two different 6-word runs, three times over, to share 64 bits.
	hw := make([]uint64, len(words))
	for k, w := range words {
		h := uint64(14695981039346656037)
		norm := toks[w].Norm
		for i := 0; i < len(norm); i++ {
			c := norm[i]
			if '0' <= c && c <= '9' {
				c = '0'
			}
			h = (h ^ uint64(c)) * 1099511628211
		}
		hw[k] = h
	}
	key := func(w int) uint64 {
		h := uint64(14695981039346656037)
		for k := 0; k < RepeatRun; k++ {
			h = (h ^ hw[w+k]) * 1099511628211
			h ^= h >> 29
		}
		return h
	}
	// The runs that occur RepeatMin times are found in two passes: the
	// keys are counted in 8,192 buckets (by their top bits), and only the
	// windows whose bucket reached RepeatMin are counted exactly. A key
	// occurs no more often than its bucket fills, so no repeat is missed,
	// and most articles have no full bucket at all — a map of every window
	// (and then a sort of the keys) cost a tenth of the analysis's
	// allocations and a twentieth of its CPU.
	// Each window's key overwrites its first word's hash, which no later
	// window reads.
	keys := hw[:len(words)-RepeatRun+1]
	var buckets [1 << 13]uint8
	for w := range keys {
		keys[w] = key(w)
		if b := &buckets[keys[w]>>51]; *b < RepeatMin {
			*b++
		}
	}
	var count map[uint64]int
	for _, k := range keys {
		if buckets[k>>51] >= RepeatMin {
			if count == nil {
				count = map[uint64]int{}
			}
			count[k]++
		}
	}
	if count == nil {
		return 0
	}
	demote := make([]bool, len(words))
	kept := map[uint64]bool{} // runs whose first occurrence was kept
	for w, k := range keys {
		// A key's count is at most its bucket's: most windows are decided
		// without the map.
		if buckets[k>>51] < RepeatMin || count[k] < RepeatMin {
			continue
		}
		if !kept[k] {
			kept[k] = true
			continue
		}
		for j := w; j < w+RepeatRun; j++ {
			demote[j] = true
		}
	}
	n := 0
	for w, d := range demote {
		if d {
			toks[words[w]].Word, toks[words[w]].Excluded = false, true
			n++
		}
	}
	return n
}
