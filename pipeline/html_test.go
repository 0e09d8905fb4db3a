package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/framing/framing/reports"
)

// hostileCorpus is the seed event plus an article whose metadata and text
// are full of markup and script (reports/testdata/hostile.md).
func hostileCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, seedEvent)
	if err := os.MkdirAll(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(shippedCorpus, seedEvent, "*"))
	files = append(files, "../reports/testdata/hostile.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(ev, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func htmlPage(t *testing.T, dir string, workers int) (*reports.Report, []byte) {
	t.Helper()
	rep, err := Build(context.Background(), Config{Options: Options{Corpus: dir, Workers: workers}, Stats: StatsOptions{Resamples: 50}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := reports.WriteHTML(&b, rep, reports.RenderOptions{Texts: CorpusTexts(dir, 0)}); err != nil {
		t.Fatal(err)
	}
	return rep, b.Bytes()
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// The HTML report of the seed articles, plus a hostile one, parsed as a
// browser would: every hit of report.json is marked exactly once, over
// exactly its words, styled by its category and voice; nothing from the
// corpus becomes an element, an attribute or a link; the page loads nothing.
func TestHTMLReportOfTheSeeds(t *testing.T) {
	dir := hostileCorpus(t)
	rep, page := htmlPage(t, dir, 2)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]string{}
	for i, c := range rep.Categories {
		cats[c.ID] = "c" + strconv.Itoa(i+1)
	}
	marked := map[int]string{} // hit index -> its marked text, fragments joined
	var firsts, csp int
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "img", "iframe", "object", "embed", "link":
				t.Errorf("the page has a <%s> element", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("<%s> has an event handler attribute %s=%q", n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("<%s %s=%q>: the page links outside itself", n.Data, a.Key, a.Val)
				}
			}
			if v, _ := attr(n, "http-equiv"); v == "Content-Security-Policy" {
				csp++
			}
			class, _ := attr(n, "class")
			if n.Data == "mark" && strings.HasPrefix(class, "hit ") {
				s, _ := attr(n, "data-hit")
				i, err := strconv.Atoi(s)
				if err != nil || i < 0 || i >= len(rep.Hits) {
					t.Fatalf("mark with data-hit %q", s)
				}
				h := rep.Hits[i]
				if want := "hit " + cats[h.Category] + " v-" + h.Voice; !strings.HasPrefix(class, want) {
					t.Errorf("hit %d (%s, %s): class %q, want %q", i, h.Category, h.Voice, class, want)
				}
				if _, ok := attr(n, "tabindex"); ok {
					firsts++
					if tip, _ := attr(n, "data-tip"); !strings.Contains(tip, h.Term) || !strings.Contains(tip, h.Voice) {
						t.Errorf("hit %d: tip %q lacks its entry or voice", i, tip)
					}
				}
				// Nested marks are separate hits: take this mark's own text.
				var own strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "mark" {
						if cc, _ := attr(c, "class"); strings.HasPrefix(cc, "hit ") {
							own.WriteString(textOf(c))
							continue
						}
					}
					own.WriteString(textOf(c))
				}
				marked[i] += own.String()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if csp != 1 {
		t.Errorf("%d Content-Security-Policy metas, want 1", csp)
	}
	if len(rep.Hits) < 100 {
		t.Fatalf("only %d hits in the seed report", len(rep.Hits))
	}
	if len(marked) != len(rep.Hits) || firsts != len(rep.Hits) {
		t.Errorf("%d hits marked (%d focusable), report.json has %d", len(marked), firsts, len(rep.Hits))
	}
	for i, text := range marked {
		if text != rep.Hits[i].Text {
			t.Errorf("hit %d marks %q, report.json says %q", i, text, rep.Hits[i].Text)
		}
	}
	// The hostile article's script is text on the page.
	all := textOf(doc)
	for _, want := range []string{"<script>window.pwned=2</script>", `"><img src=x onerror="window.pwned=5">`, "{{.Secret}} & &amp; &lt;script&gt;", `Hostile <b>Outlet</b> "><svg onload="window.pwned=1">`} {
		if !strings.Contains(all, want) {
			t.Errorf("the page's text lacks %q", want)
		}
	}
	// Side by side: "massacre" sits in a row with a column per outlet.
	for _, want := range []string{`<span class="term">massacre</span>`, `<th scope="col">World Socialist Web Site</th>`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// The same corpus gives the same page, byte for byte, whatever the workers.
func TestHTMLReportIsDeterministic(t *testing.T) {
	dir := hostileCorpus(t)
	_, one := htmlPage(t, dir, 1)
	_, three := htmlPage(t, dir, 3)
	if !bytes.Equal(one, three) {
		t.Error("report.html differs between 1 and 3 workers")
	}
}
