// Package textfmt formats numbers and escapes text for the human-readable
// outputs: report.md and report.html (package render) and the report diff
// (package reports) write figures the same way, so a rate reads the same in
// every file.
package textfmt

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fixed formats f with d decimals; NaN (a figure that does not exist, such as
// an interval that was not computed) is blank.
func Fixed[F ~float64](f F, d int) string {
	if f != f {
		return ""
	}
	return fmt.Sprintf("%.*f", d, float64(f))
}

// Percent formats a share in [0, 1] as a percentage with one decimal; NaN is
// blank.
func Percent[F ~float64](f F) string {
	if f != f {
		return ""
	}
	return fmt.Sprintf("%.1f%%", 100*float64(f))
}

// Interval formats a 95% interval as [lo–hi] with two decimals; an interval
// whose low end is NaN was not computed and is blank.
func Interval[F ~float64](ci [2]F) string {
	if ci[0] != ci[0] {
		return ""
	}
	return fmt.Sprintf("[%.2f–%.2f]", float64(ci[0]), float64(ci[1]))
}

// Thousands writes n with a comma between groups of three digits.
func Thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// Plural is "1 noun" or "n nouns", n with thousands separators.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return Thousands(n) + " " + noun + "s"
}

var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "|", `\|`)

// MarkdownEscape keeps text from the corpus (article text, titles, outlet
// names) from turning into Markdown or HTML markup.
func MarkdownEscape(s string) string { return mdReplacer.Replace(s) }

// Cell makes text safe inside a Markdown table cell: escaped, and its
// whitespace (newlines included) collapsed to single spaces.
func Cell(s string) string {
	return MarkdownEscape(strings.Join(strings.Fields(s), " "))
}

// Shorten cuts s to at most n characters (runes), at the last word
// boundary before the limit when one is in its last third, and ends a cut
// text with an ellipsis ("…", counted in n): a cut is always visible, and
// never splits a character (a byte cut through a curly quote makes the
// whole file invalid UTF-8, which Pandoc reads as Latin-1).
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	cut, runes := 0, 0
	for i := range s {
		if runes == n-1 {
			cut = i
			break
		}
		runes++
	}
	head := s[:cut]
	if sp := strings.LastIndexFunc(head, unicode.IsSpace); sp > 0 && utf8.RuneCountInString(head[:sp]) >= (n-1)*2/3 {
		head = head[:sp]
	}
	return strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"' && r != '”'
	}) + "…"
}
