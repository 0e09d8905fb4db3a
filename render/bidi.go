package render

import (
	"io"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
)

// Bidirectional embedding, override and isolate controls (U+202A-U+202E,
// U+2066-U+2069) in an article reorder the text around them when a page
// shows it: "U+202E" can make a headline read backwards, or a name seem
// another. The pages never use them, so every one in a page comes from the
// corpus, and it is shown as U+FFFD, visibly, instead of acting.
// report.json keeps the text as it was.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

var bidiSafe = runes.Map(func(r rune) rune {
	if isBidiControl(r) {
		return '\uFFFD'
	}
	return r
})

// bidiSafeWriter writes through w with the controls neutralised; Close
// flushes it.
func bidiSafeWriter(w io.Writer) io.WriteCloser { return transform.NewWriter(w, bidiSafe) }

// bidiSafeBytes neutralises the controls in b.
func bidiSafeBytes(b []byte) []byte {
	out, _, err := transform.Bytes(bidiSafe, b)
	if err != nil {
		return b
	}
	return out
}
