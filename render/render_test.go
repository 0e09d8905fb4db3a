package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/framing/framing/reports"
)

func TestKWIC(t *testing.T) {
	ctx := "By Tuesday night, however, a massacre was underway, as Pakistani security forces opened fire on crowds."
	h := reports.Hit{Text: "massacre", Context: ctx, ContextOffset: strings.Index(ctx, "massacre")}
	if got, want := KWIC(h, 20), "…y night, however, a **massacre** was underway, as Pa…"; got != want {
		t.Errorf("KWIC = %q, want %q", got, want)
	}
	// Markdown in article text is escaped, and the right occurrence is marked.
	ctx = "a *massacre* and a massacre"
	h = reports.Hit{Text: "massacre", Context: ctx, ContextOffset: strings.LastIndex(ctx, "massacre")}
	if got, want := KWIC(h, 100), `a \*massacre\* and a **massacre**`; got != want {
		t.Errorf("KWIC = %q, want %q", got, want)
	}
}

func sampleReport() *reports.Report {
	return &reports.Report{
		Schema:     reports.Schema,
		Generator:  reports.Generator{Name: "framing", Version: "test"},
		Corpus:     reports.CorpusInfo{Articles: 1, Tokens: 10, Events: []string{"ev"}},
		Lexicons:   []reports.LexiconInfo{{Name: "small", Version: "1", SHA256: strings.Repeat("a", 64), Licence: "MIT", Entries: 3}},
		Categories: []reports.CategoryInfo{{ID: "small/violence", Label: "Violence", Kind: "loaded", Lexicon: "small"}},
		Outlets: []reports.Outlet{{Outlet: "The <b>|Pipe|</b> Times", Articles: 1, Tokens: 10, LoadedPer1k: 100,
			Categories: map[string]reports.CategoryStat{"small/violence": {Kind: "loaded", Hits: 1, Per1k: 100}}}},
		Hits: []reports.Hit{{Article: "a", Outlet: "The <b>|Pipe|</b> Times", Term: "massacre", Category: "small/violence",
			Text: "massacre", Context: "A massacre <script>alert(1)</script>", ContextOffset: 2, Field: "body", Voice: "quoted", Kind: "loaded", Counted: true}},
		Comparison: reports.Comparison{Outlets: []string{"The <b>|Pipe|</b> Times"}, Cosine: [][]reports.Float{{1}}, JSD: [][]reports.Float{{0}}},
	}
}

// Text from the corpus never becomes Markdown or HTML markup.
func TestMarkdownEscapesCorpusText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, sampleReport(), RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, bad := range []string{"<script>", "<b>", "|Pipe|"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown contains raw %q", bad)
		}
	}
	for _, want := range []string{`| The &lt;b&gt;\|Pipe\|&lt;/b&gt; Times | 1 | 10 | **0.00** [0.00–0.00] | 100.00 |`, "- **massacre** ×1 (Violence; first: quoted): A **massacre** &lt;script&gt;"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
