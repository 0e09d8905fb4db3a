// Package voice decides who is speaking wherever a loaded word appears: the
// outlet in its own voice, someone it quotes, someone whose words it reports,
// or nobody, because the word is negated or denied.
//
// It works in two layers. Quotes finds quotation spans on bytes alone, so it
// can be fuzzed and trusted on any text. Analyzer then reads tagged tokens to
// find report cues ("said", "claimed", "according to"), their speakers, and
// the scopes of attributions, denials and negations, and labels any token
// span with one voice (see Label for the precedence rules).
package voice

import (
	"unicode"
	"unicode/utf8"

	"github.com/framing/framing/internal/tokenize"
)

// Quote is a quotation span of the text, quote marks included.
type Quote struct {
	Start, End int  // byte offsets: Start is the opening mark, End is just past the closing one
	Depth      int  // 0 for a top-level quote, 1 inside another, ...
	Parent     int  // index of the quote that directly holds it, or -1
	Closed     bool // false when the quote was left open and ends at its block's end
}

// Contains reports whether [start, end) lies inside the quote's marks.
func (q Quote) Contains(start, end int) bool { return q.Start < start && end <= q.End }

type markKind int

const (
	doubleStraight  markKind = iota // "
	doubleCurly                     // “ ” (and „ opening)
	singleCurly                     // ‘ ’
	singleStraight                  // '
	guillemet                       // « »
	singleGuillemet                 // ‹ ›
	numMarkKinds
)

// Quotes finds the quotation spans of text, block by block (a quote left
// open closes at the end of its block, which is a paragraph), in order of
// their start. Spans nest or are disjoint; they never partly overlap.
//
// Marks understood: straight ", curly “ ” and „, guillemets « » and ‹ ›, and
// single quotes ‘ ’ and ' when they are used as quotes. A single mark is an
// apostrophe, not a quote, inside a word (don't, Khan’s), after a word
// (protesters’ march) when no single quote is open, or before an elision
// ('90s, 'em).
//
// One lost mark must not flip the voice of the rest of a paragraph, so a
// double mark is read by where it stands, not by toggling:
//   - a mark after a space and before a word opens; one after a word and
//     before a space or punctuation closes (CommonMark's flanking rule);
//   - a closing mark with nothing open ends a quotation whose opening mark
//     was lost: it started at the paragraph's start, or just after the last
//     quotation closed in the paragraph (`It was a riot,” he said.`) — unless
//     it follows a digit, where it is an inch or second mark (`a 12" pipe`);
//   - an opening mark while a quotation of the same kind is open means the
//     closing mark was lost: the open one ends there, marked not closed
//     (double quotes do not nest in English; nested quotes are single);
//   - every paragraph starts afresh.
//
// Its time is linear in the text, whatever the nesting: each quote is
// opened and closed once, and which kinds are open is counted, not
// searched for.
func Quotes(text string, blocks []tokenize.Block) []Quote {
	qs, _ := scanQuotes(text, blocks)
	return qs
}

// scanQuotes is Quotes, also returning the scanner's steps (bytes read,
// quotations opened and closed): the work the tests bound, so that a
// quadratic regression fails in CI rather than on someone's corpus.
func scanQuotes(text string, blocks []tokenize.Block) ([]Quote, int) {
	qs := &quoteScanner{text: text}
	for _, b := range blocks {
		qs.block(b)
	}
	return qs.out, qs.steps
}

// quoteScanner reads quotation marks, one block at a time, keeping the
// quotations open as a stack.
type quoteScanner struct {
	text  string
	out   []Quote
	stack []openQuote
	// open holds, per kind of mark, the stack positions of its open
	// quotations, innermost last: closing one is found without a search.
	open [numMarkKinds][]int
	// resume is where a quotation whose opening mark was lost began: the
	// block's start, or the end of the last quotation closed in it.
	resume int
	end    int // the block's end
	steps  int // the work done, for the tests' bound
}

type openQuote struct {
	kind  markKind
	index int // into out
}

// push opens a quotation of kind k at byte at.
func (qs *quoteScanner) push(k markKind, at int) {
	parent := -1
	if n := len(qs.stack); n > 0 {
		parent = qs.stack[n-1].index
	}
	qs.open[k] = append(qs.open[k], len(qs.stack))
	qs.stack = append(qs.stack, openQuote{k, len(qs.out)})
	qs.out = append(qs.out, Quote{Start: at, Depth: len(qs.stack) - 1, Parent: parent})
}

// closeTo closes the innermost open quote of kind k, and every quote opened
// inside it, at end. It reports whether one was open.
func (qs *quoteScanner) closeTo(k markKind, end int, closed bool) bool {
	n := len(qs.open[k])
	if n == 0 {
		return false
	}
	at := qs.open[k][n-1]
	for j := len(qs.stack) - 1; j >= at; j-- {
		qs.steps++
		o := qs.stack[j]
		qs.out[o.index].End = end
		qs.out[o.index].Closed = closed && j == at
		qs.open[o.kind] = qs.open[o.kind][:len(qs.open[o.kind])-1]
	}
	qs.stack = qs.stack[:at]
	return true
}

func (qs *quoteScanner) isOpen(k markKind) bool { return len(qs.open[k]) > 0 }

// lostOpener ends, at end, a quotation whose opening mark was lost.
func (qs *quoteScanner) lostOpener(prev rune, end int) {
	if len(qs.stack) > 0 || unicode.IsDigit(prev) {
		return
	}
	for qs.resume < end && unicode.IsSpace(rune(qs.text[qs.resume])) {
		qs.resume++
	}
	qs.out = append(qs.out, Quote{Start: qs.resume, End: end, Parent: -1, Closed: true})
	qs.resume = end
}

// opening reads a double mark at i that may open a quotation of kind k: it
// closes an open one of the same kind first (its closing mark was lost).
func (qs *quoteScanner) opening(k markKind, i int) {
	if n := len(qs.stack); n > 0 && qs.stack[n-1].kind == k {
		qs.closeTo(k, i, false)
	}
	qs.push(k, i)
}

// block reads the marks of one paragraph.
func (qs *quoteScanner) block(b tokenize.Block) {
	text := qs.text
	qs.resume, qs.end = b.Start, b.End
	for i := b.Start; i < b.End; {
		qs.steps++
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\'' {
			i++ // no mark: nothing below happens for it
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		prev, _ := utf8.DecodeLastRuneInString(text[b.Start:i])
		next, _ := utf8.DecodeRuneInString(text[i+w : b.End])
		if i == b.Start {
			prev = ' '
		}
		if i+w >= b.End {
			next = ' '
		}
		depth := len(qs.stack)
		qs.mark(r, prev, next, i, w)
		if len(qs.stack) < depth && len(qs.stack) == 0 {
			qs.resume = i + w
		}
		i += w
	}
	for len(qs.stack) > 0 {
		qs.closeTo(qs.stack[0].kind, b.End, false)
	}
}

// mark reads the mark r (w bytes) at i, between the runes prev and next.
func (qs *quoteScanner) mark(r, prev, next rune, i, w int) {
	switch r {
	case '“', '„':
		qs.opening(doubleCurly, i)
	case '”':
		switch {
		case qs.closeTo(doubleCurly, i+w, true):
		case canOpen(prev, next):
			// Some writers use ” for both marks.
			qs.push(doubleCurly, i)
		case canClose(prev, next):
			qs.lostOpener(prev, i+w)
		}
	case '«':
		qs.push(guillemet, i)
	case '»':
		qs.closeTo(guillemet, i+w, true)
	case '‹':
		qs.push(singleGuillemet, i)
	case '›':
		qs.closeTo(singleGuillemet, i+w, true)
	case '"':
		qs.straightDouble(prev, next, i, w)
	case '‘':
		if canOpen(prev, next) {
			qs.push(singleCurly, i)
		}
	case '’':
		if qs.isOpen(singleCurly) && !isWordRune(next) {
			qs.closeTo(singleCurly, i+w, true)
		}
	case '\'':
		switch {
		case qs.isOpen(singleStraight) && !isWordRune(next) && !unicode.IsSpace(prev):
			qs.closeTo(singleStraight, i+w, true)
		case canOpen(prev, next) && !elision(qs.text[i+w:qs.end]):
			qs.push(singleStraight, i)
		}
	}
}

// straightDouble reads a straight double mark, which looks the same open
// and closed: by where it stands.
func (qs *quoteScanner) straightDouble(prev, next rune, i, w int) {
	left, right := canOpen(prev, next), canClose(prev, next)
	switch {
	case left && !right:
		qs.opening(doubleStraight, i)
	case right && !left:
		if !qs.closeTo(doubleStraight, i+w, true) {
			qs.lostOpener(prev, i+w)
		}
	case !qs.closeTo(doubleStraight, i+w, true) && (left || isWordRune(next)):
		// Between two words ("so"called) or glued to a sentence's end by
		// text extraction (`said."He's`): it closes what is open, or opens.
		qs.push(doubleStraight, i)
	}
}

// canOpen: an opening mark follows a space, an opening bracket, a dash or
// another quote, and is followed by something that is not a space.
func canOpen(prev, next rune) bool {
	if unicode.IsSpace(next) {
		return false
	}
	switch prev {
	case '(', '[', '{', '—', '–', '-', '/', '"', '“', '«', '‘', '\'', ':':
		return true
	}
	return unicode.IsSpace(prev)
}

// canClose: a closing mark follows something that is not a space, and is
// followed by a space, punctuation or the end of the paragraph.
func canClose(prev, next rune) bool {
	if unicode.IsSpace(prev) {
		return false
	}
	return unicode.IsSpace(next) || unicode.IsPunct(next) || unicode.IsSymbol(next)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// elision reports whether an apostrophe opening rest is part of a word:
// 'em, 'til, 'n' (rock 'n' roll), '90s.
func elision(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsDigit(r) {
		return true
	}
	for _, e := range []string{"em ", "til ", "n' ", "cause "} {
		if len(rest) >= len(e) && rest[:len(e)] == e {
			return true
		}
	}
	return false
}
