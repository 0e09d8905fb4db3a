package render

import (
	"html"
	"sort"
	"strings"
)

// A span is a range of an article field to wrap in an element: a lexicon hit
// (a <mark>) or a quotation (a shaded <span>).
type span struct {
	start, end int
	quote      bool
	open       string // the opening tag of the first fragment
	cont       string // the opening tag of a continuation fragment
	close      string
}

// markup writes text[from:to] as escaped HTML with spans wrapped in their
// elements. Spans may nest or cross: a span that must close while a span
// opened after it is still open (a hit straddling a quotation's end, two
// lexicons matching overlapping phrases) is closed and reopened as a
// continuation fragment, so the elements always nest and every span keeps
// its first fragment, which carries its data. Spans are clipped to
// [from, to).
//
// Every piece of text goes through html.EscapeString, and tags come only from
// the span's prepared strings: nothing from the corpus reaches the page
// unescaped.
func markup(b *strings.Builder, text string, from, to int, spans []span) {
	type piece struct {
		span
		idx int
	}
	var ps []piece
	for i, s := range spans {
		s.start, s.end = max(s.start, from), min(s.end, to)
		if s.start < s.end {
			ps = append(ps, piece{s, i})
		}
	}
	// Open longer spans first so they are outer, quotes outside hits on equal
	// ranges, then in the given order.
	sort.SliceStable(ps, func(i, j int) bool {
		a, c := ps[i], ps[j]
		if a.start != c.start {
			return a.start < c.start
		}
		if a.end != c.end {
			return a.end > c.end
		}
		if a.quote != c.quote {
			return a.quote
		}
		return a.idx < c.idx
	})
	cuts := []int{from, to}
	for _, p := range ps {
		cuts = append(cuts, p.start, p.end)
	}
	sort.Ints(cuts)

	var stack []piece
	next := 0 // next piece to open
	pos := from
	for _, cut := range cuts {
		if cut < pos {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:cut]))
		pos = cut
		// Close what ends here; what was opened above it and goes on is
		// closed too and reopened as a continuation.
		for {
			i := -1
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k].end <= pos {
					i = k
					break
				}
			}
			if i < 0 {
				break
			}
			reopen := append([]piece(nil), stack[i+1:]...)
			for k := len(stack) - 1; k >= i; k-- {
				b.WriteString(stack[k].close)
			}
			stack = stack[:i]
			for _, p := range reopen {
				b.WriteString(p.cont)
				stack = append(stack, p)
			}
		}
		for next < len(ps) && ps[next].start <= pos {
			b.WriteString(ps[next].open)
			stack = append(stack, ps[next])
			next++
		}
	}
	for k := len(stack) - 1; k >= 0; k-- {
		b.WriteString(stack[k].close)
	}
}
