package textfmt

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNumbers(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct{ got, want string }{
		{Thousands(0), "0"},
		{Thousands(999), "999"},
		{Thousands(1000), "1,000"},
		{Thousands(1234567), "1,234,567"},
		{Thousands(-1234567), "-1,234,567"},
		{Plural(1, "article"), "1 article"},
		{Plural(0, "article"), "0 articles"},
		{Plural(12000, "hit"), "12,000 hits"},
		{Fixed(2.345, 2), "2.35"},
		{Fixed(nan, 2), ""},
		{Percent(0.1234), "12.3%"},
		{Percent(nan), ""},
		{Interval([2]float64{1.234, 5.678}), "[1.23–5.68]"},
		{Interval([2]float64{nan, nan}), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	if got, want := MarkdownEscape("a *b* <i>|c|</i> [d](e) `f` _g_ \\"), `a \*b\* &lt;i&gt;\|c\|&lt;/i&gt; \[d\](e) `+"\\`f\\`"+` \_g\_ \\`; got != want {
		t.Errorf("MarkdownEscape = %q, want %q", got, want)
	}
	if got, want := Cell("two\nlines  here |"), `two lines here \|`; got != want {
		t.Errorf("Cell = %q, want %q", got, want)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short enough", 20, "short enough"},
		{"Pakistani army opens fire in brazen, US-backed massacre", 30, "Pakistani army opens fire in…"},
		{"“brutal repression” of demonstrators", 10, "“brutal…"},
		{"ääääääääää", 5, "ääää…"},
		{"abcdefghijklmnop", 6, "abcde…"},
	}
	for _, tt := range tests {
		got := Shorten(tt.s, tt.n)
		if got != tt.want || !utf8.ValidString(got) || utf8.RuneCountInString(got) > tt.n {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// Whatever the text, a cut is valid UTF-8, at most n characters, and ends
// with an ellipsis when it cut.
func FuzzShorten(f *testing.F) {
	f.Add("“brutal repression” of demonstrators in Pakistan", 12)
	f.Add("ääää bbbb", 3)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if !utf8.ValidString(s) || n < 0 || n > 1000 {
			t.Skip()
		}
		got := Shorten(s, n)
		if !utf8.ValidString(got) {
			t.Fatalf("Shorten(%q, %d) = %q: invalid UTF-8", s, n, got)
		}
		if got != s && (utf8.RuneCountInString(got) > max(n, 1) || !strings.HasSuffix(got, "…")) {
			t.Fatalf("Shorten(%q, %d) = %q", s, n, got)
		}
	})
}
