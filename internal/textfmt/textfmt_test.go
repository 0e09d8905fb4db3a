package textfmt

import (
	"math"
	"testing"
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
