package run

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
)

// fuzzAnalyzer is the default analyzer, built once for the fuzz target.
var fuzzAnalyzer = sync.OnceValues(func() (*pipeline.Analyzer, error) {
	a, _, err := pipeline.Prepare(pipeline.Config{Options: pipeline.Options{Corpus: shippedCorpus}, NER: true})
	return a, err
})

// The whole analysis, on any text: every file of a report is valid UTF-8,
// whatever Unicode its articles hold (headlines, contexts, sentences and
// labels are cut at characters, never at bytes), and no article is lost to
// a panic (the build analyses both). Two outlets write the fuzzed text, one as headline and body,
// one with the text inside quotation marks, so every page section has it.
func FuzzReportFilesAreUTF8(f *testing.F) {
	for _, s := range []string{
		"The army opened fire in a “brutal” massacre, the PTI claimed — “hundreds” were killed.",
		"Ärzte berichten: «Die Polizei schoss» ‹scharf› – „tödlich“.",
		"شرطة أطلقت النار على المتظاهرين 🔥🔥 “terrorists” said the minister.",
		strings.Repeat("ñ", 300) + " “" + strings.Repeat("é", 250) + "”",
		"e\u0301\u0301 a\u200d b\ufe0f 👩‍👩‍👧 brutal",
		// Real sentences with their punctuation glued, doubled and
		// shuffled: the shapes that broke the voice stage on real news.
		`"Ideas matter," Beck said ."Proposals died there."`,
		`""The massacre"" was ""propaganda,"" Naqvi said.."" "`,
		`The PTI described the incident as a “massacre,”claiming that “hundreds” .“of its members were killed.`,
		`According to ,"police" "they" ";" said: "" " ' ‘ ’ « » brutal crackdown.`,
		// A long sentence of the outlet's own loaded words, so the most
		// loaded sentences cut it: the cut falls inside a character.
		"The brutal, shameful massacre shocked the capital " + strings.Repeat("€üñ", 60) + ".",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) || len(strings.TrimSpace(text)) == 0 || len(text) > 4000 {
			t.Skip()
		}
		a, err := fuzzAnalyzer()
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		ev := filepath.Join(dir, "ev")
		os.MkdirAll(ev, 0o755)
		title := strings.Join(strings.Fields(text), " ")
		write := func(name, outlet, body string) {
			fm := "---\nid: " + strings.TrimSuffix(name, ".md") + "\noutlet: " + yamlQuote(outlet) + "\nevent: ev\ntitle: " + yamlQuote(title) + "\n---\n\n"
			if err := os.WriteFile(filepath.Join(ev, name), []byte(fm+body+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("a.md", "Outlet “A”", text)
		write("b.md", "Outlet B", "The minister said: “"+text+"” Police denied it was a massacre.")
		rep, _, err := aggregate.Build(context.Background(), a, aggregate.Input{Options: pipeline.Options{Corpus: dir}, Stats: aggregate.StatsOptions{Resamples: 20}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Corpus.Articles != 2 {
			t.Fatalf("%d articles analysed, want 2: %+v", rep.Corpus.Articles, rep.Problems)
		}
		out := t.TempDir()
		paths, err := render.WriteAll(out, rep, render.RenderOptions{Texts: corpus.TextReader(dir, 0), Formats: []string{"json", "md", "html", "csv"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) < 6 {
			t.Fatalf("wrote %v", paths)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.Valid(data) {
				i := 0
				for i < len(data) {
					r, n := utf8.DecodeRune(data[i:])
					if r == utf8.RuneError && n <= 1 {
						break
					}
					i += n
				}
				t.Fatalf("%s is not valid UTF-8 at byte %d: %q", filepath.Base(p), i, data[max(0, i-40):min(len(data), i+40)])
			}
		}
	})
}

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b.WriteString(`\u`)
			b.WriteString(strings.ToUpper(strings.TrimPrefix(strconvHex(r), "0x")))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func strconvHex(r rune) string {
	const hex = "0123456789ABCDEF"
	return string([]byte{hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf]})
}

// A bidirectional override in an article (U+202E turns the rest of a line
// around) never acts in a page: report.html, report.md and the charts show
// it as U+FFFD; report.json keeps the text as it was.
func TestBidiControlsNeverActInPages(t *testing.T) {
	a, err := fuzzAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ev := filepath.Join(dir, "ev")
	os.MkdirAll(ev, 0o755)
	for _, o := range []string{"Outlet \u202eA", "Outlet B"} {
		body := "Police opened fire in a brutal \u202emassacre\u202c, the \u2067party\u2069 said.\n"
		fm := "---\nid: " + strings.ReplaceAll(strings.ToLower(o[len(o)-1:]), " ", "") + "\noutlet: " + yamlQuote(o) + "\nevent: ev\ntitle: " + yamlQuote("A brutal \u202emassacre") + "\n---\n\n"
		if err := os.WriteFile(filepath.Join(ev, o[len(o)-1:]+".md"), []byte(fm+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, _, err := aggregate.Build(context.Background(), a, aggregate.Input{Options: pipeline.Options{Corpus: dir}, Stats: aggregate.StatsOptions{Resamples: 20}})
	if err != nil || rep.Corpus.Articles != 2 {
		t.Fatalf("%v %+v", err, rep.Problems)
	}
	out := t.TempDir()
	paths, err := render.WriteAll(out, rep, render.RenderOptions{Texts: corpus.TextReader(dir, 0), Formats: []string{"json", "md", "html"}})
	if err != nil {
		t.Fatal(err)
	}
	controls := "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
	pages := 0
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		has := strings.ContainsAny(string(data), controls)
		switch filepath.Base(p) {
		case "report.json":
			if !has {
				t.Error("report.json lost the text's controls")
			}
		default:
			pages++
			if has {
				t.Errorf("%s lets a bidirectional control act", filepath.Base(p))
			}
		}
	}
	if pages < 3 {
		t.Errorf("%d pages checked", pages)
	}
}
