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
// One lost mark must not flip the voice of the rest of a paragraph (issue
// 15), so a double mark is read by where it stands, not by toggling:
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
func Quotes(text string, blocks []tokenize.Block) []Quote {
	var out []Quote
	type open struct {
		kind  markKind
		start int
		index int // into out
	}
	var stack []open
	push := func(k markKind, at int) {
		stack = append(stack, open{k, at, len(out)})
		out = append(out, Quote{Start: at, Depth: len(stack) - 1})
	}
	// closeTo closes the innermost open quote of kind k, and every quote
	// opened inside it, at end. It reports whether one was open.
	closeTo := func(k markKind, end int, closed bool) bool {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].kind != k {
				continue
			}
			for j := len(stack) - 1; j >= i; j-- {
				out[stack[j].index].End = end
				out[stack[j].index].Closed = closed && j == i
			}
			stack = stack[:i]
			return true
		}
		return false
	}
	isOpen := func(k markKind) bool {
		for _, o := range stack {
			if o.kind == k {
				return true
			}
		}
		return false
	}
	for _, b := range blocks {
		// resume is where a quotation whose opening mark was lost began:
		// the block's start, or the end of the last quotation closed in it.
		resume := b.Start
		lostOpener := func(prev rune, end int) {
			if len(stack) > 0 || unicode.IsDigit(prev) {
				return
			}
			for resume < end && unicode.IsSpace(rune(text[resume])) {
				resume++
			}
			out = append(out, Quote{Start: resume, End: end, Closed: true})
			resume = end
		}
		// opening reads a double mark at i that may open a quotation of kind
		// k: it closes an open one of the same kind first (its closing mark
		// was lost).
		opening := func(k markKind, i int) {
			if len(stack) > 0 && stack[len(stack)-1].kind == k {
				closeTo(k, i, false)
			}
			push(k, i)
		}
		for i := b.Start; i < b.End; {
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
			depth := len(stack)
			switch r {
			case '“', '„':
				opening(doubleCurly, i)
			case '”':
				switch {
				case closeTo(doubleCurly, i+w, true):
				case canOpen(prev, next):
					// Some writers use ” for both marks.
					push(doubleCurly, i)
				case canClose(prev, next):
					lostOpener(prev, i+w)
				}
			case '«':
				push(guillemet, i)
			case '»':
				closeTo(guillemet, i+w, true)
			case '‹':
				push(singleGuillemet, i)
			case '›':
				closeTo(singleGuillemet, i+w, true)
			case '"':
				left, right := canOpen(prev, next), canClose(prev, next)
				switch {
				case left && !right:
					opening(doubleStraight, i)
				case right && !left:
					if !closeTo(doubleStraight, i+w, true) {
						lostOpener(prev, i+w)
					}
				case !closeTo(doubleStraight, i+w, true) && (left || isWordRune(next)):
					// Between two words ("so"called) or glued to a sentence's
					// end by text extraction (`said."He's`): it closes what
					// is open, or opens.
					push(doubleStraight, i)
				}
			case '‘':
				if canOpen(prev, next) {
					push(singleCurly, i)
				}
			case '’':
				if isOpen(singleCurly) && !isWordRune(next) {
					closeTo(singleCurly, i+w, true)
				}
			case '\'':
				switch {
				case isOpen(singleStraight) && !isWordRune(next) && !unicode.IsSpace(prev):
					closeTo(singleStraight, i+w, true)
				case canOpen(prev, next) && !elision(text[i+w:b.End]):
					push(singleStraight, i)
				}
			}
			if len(stack) < depth && len(stack) == 0 {
				resume = i + w
			}
			i += w
		}
		for len(stack) > 0 {
			closeTo(stack[0].kind, b.End, false)
		}
	}
	return out
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
