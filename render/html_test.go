package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/framing/framing/reports"
)

func TestMarkup(t *testing.T) {
	hit := func(s, e int, name string) span {
		return span{start: s, end: e, open: "<" + name + ">", cont: "<" + name + "+>", close: "</" + name + ">"}
	}
	quote := func(s, e int) span {
		return span{start: s, end: e, quote: true, open: "<q>", cont: "<q+>", close: "</q>"}
	}
	const text = `a "brutal massacre" & <b>`
	tests := []struct {
		name     string
		from, to int
		spans    []span
		want     string
	}{
		{"no spans: escaped text", 0, len(text), nil, `a &#34;brutal massacre&#34; &amp; &lt;b&gt;`},
		{"one hit", 0, 19, []span{hit(10, 18, "m")}, `a &#34;brutal <m>massacre</m>&#34;`},
		{"nested: the longer span is outer whatever the order given", 0, 19,
			[]span{hit(10, 18, "m"), hit(3, 18, "p")}, `a &#34;<p>brutal <m>massacre</m></p>&#34;`},
		{"same range: the quote is outer", 0, 19,
			[]span{hit(2, 19, "m"), quote(2, 19)}, `a <q><m>&#34;brutal massacre&#34;</m></q>`},
		{"crossing spans: the later one is closed and continued", 0, 19,
			[]span{hit(3, 12, "x"), hit(10, 18, "y")}, `a &#34;<x>brutal <y>ma</y></x><y+>ssacre</y>&#34;`},
		{"a hit straddling a quote's end", 0, 25,
			[]span{quote(2, 19), hit(10, 22, "m")}, `a <q>&#34;brutal <m>massacre&#34;</m></q><m+> &amp; </m>&lt;b&gt;`},
		{"clipped to the block", 10, 14, []span{hit(3, 18, "p"), hit(20, 24, "z")}, `<p>mass</p>`},
		{"adjacent spans", 0, 18, []span{hit(3, 9, "a"), hit(10, 18, "b")}, `a &#34;<a>brutal</a> <b>massacre</b>`},
		{"empty span dropped", 0, 5, []span{hit(3, 3, "e")}, `a &#34;br`},
	}
	for _, tt := range tests {
		var b strings.Builder
		markup(&b, text, tt.from, tt.to, tt.spans)
		if got := b.String(); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

// htmlReport is a one-article report whose article text the test supplies.
func htmlReport(body string, hits ...reports.Hit) *reports.Report {
	r := sampleReport()
	r.Articles = []reports.Article{{ID: "a", Outlet: r.Outlets[0].Outlet, Event: "ev", Title: "T", Path: "ev/a.md"}}
	r.Events = []reports.EventReport{{Event: "ev", Outlets: r.Outlets}}
	r.Hits = hits
	return r
}

func renderHTML(t *testing.T, r *reports.Report, opt RenderOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, r, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestHTMLMarksHitsAndEscapesText(t *testing.T) {
	body := "A massacre <script>alert(1)</script> and a massacre."
	h1 := reports.Hit{Article: "a", Outlet: "The <b>|Pipe|</b> Times", Term: "massacre", Category: "small/violence", Field: "body",
		Start: 2, End: 10, Text: "massacre", Voice: "authorial"}
	h2 := h1
	h2.Start, h2.End, h2.Voice, h2.Speaker = 43, 51, "quoted", `Ali "<i>Rizvi</i>"`
	r := htmlReport(body, h1, h2)
	page := renderHTML(t, r, RenderOptions{Texts: func(string) (string, string, error) { return "T", body, nil }})
	for _, want := range []string{
		`<mark id="h0" class="hit c1 v-authorial k1" data-hit="0" data-n="1" tabindex="0" data-tip="Violence (small/violence) · entry “massacre” · authorial"`,
		`<mark id="h1" class="hit c1 v-quoted k1" data-hit="1"`,
		`speaker: Ali &#34;&lt;i&gt;Rizvi&lt;/i&gt;&#34;`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`,
		`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`,
		`<input type="checkbox" id="f-c1" checked>`,
		`body:has(#f-c1:not(:checked)) mark.hit.c1`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script") || strings.Contains(page, "<b>|Pipe|") {
		t.Error("corpus text reached the page unescaped")
	}
	if n := strings.Count(page, `<mark id="h`); n != 2 {
		t.Errorf("%d hit marks, want 2", n)
	}
}

// An article whose file changed since the analysis is shown unmarked, with a
// note, rather than with marks on the wrong words.
func TestHTMLArticleChangedSinceAnalysis(t *testing.T) {
	h := reports.Hit{Article: "a", Term: "massacre", Category: "small/violence", Field: "body", Start: 2, End: 10, Text: "massacre", Voice: "authorial"}
	r := htmlReport("", h)
	page := renderHTML(t, r, RenderOptions{Texts: func(string) (string, string, error) { return "T", "A rewritten article.", nil }})
	if strings.Contains(page, `<mark id="h0"`) {
		t.Error("a hit was marked on text it does not match")
	}
	if !strings.Contains(page, "changed since it was analysed") {
		t.Error("no note that the file changed")
	}
	page = renderHTML(t, r, RenderOptions{Texts: func(string) (string, string, error) { return "", "", errors.New("gone") }})
	if !strings.Contains(page, "could not be read: gone") {
		t.Error("no note that the file could not be read")
	}
}

// Past the cap, articles are shared out between events and the page says
// how many it left out.
func TestHTMLArticleCap(t *testing.T) {
	r := sampleReport()
	for _, id := range []string{"a1", "a2", "a3", "b1"} {
		r.Articles = append(r.Articles, reports.Article{ID: id, Event: "ev-" + id[:1], Outlet: r.Outlets[0].Outlet, Path: id + ".md"})
	}
	r.Events = []reports.EventReport{{Event: "ev-a", Outlets: r.Outlets}, {Event: "ev-b", Outlets: r.Outlets}}
	texts := func(p string) (string, string, error) { return p, "Body of " + p, nil }
	page := renderHTML(t, r, RenderOptions{Texts: texts, MaxArticles: 3})
	for _, want := range []string{"Body of a1", "Body of a2", "Body of b1", "1 more article of this event is not shown", "This page shows 3 articles highlighted of"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "Body of a3") {
		t.Error("the fourth article was shown past a cap of 3")
	}
	if page := renderHTML(t, r, RenderOptions{}); strings.Contains(page, "Body of") || strings.Contains(page, "Filter highlights") {
		t.Error("without texts, the page shows articles or filters")
	}
}
