package run

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

// hostileCorpus is the seed event plus an article whose metadata and text
// are full of markup and script (run/testdata/hostile.md).
func hostileCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, seedEvent)
	if err := os.MkdirAll(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(shippedCorpus, seedEvent, "*"))
	files = append(files, "testdata/hostile.md")
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
	rep, err := Build(context.Background(), Config{Config: pipeline.Config{Options: pipeline.Options{Corpus: dir, Workers: workers}}, Stats: aggregate.StatsOptions{Resamples: 50}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.WriteHTML(&b, rep, render.RenderOptions{Texts: corpus.TextReader(dir, 0)}); err != nil {
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
				// What the model does not count is never in the loaded
				// colours: the class that hides it unless asked for.
				uncounted := (h.Kind == "loaded" || h.Kind == "valence") && !h.Counted
				if strings.Contains(class, " uncounted") != uncounted {
					t.Errorf("hit %d (%s, counted %v): class %q", i, h.Category, h.Counted, class)
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
	// Side by side: "massacre" heads a block with a cell per outlet.
	for _, want := range []string{`<span class="term">massacre</span>`, `<p class="outletname">World Socialist Web Site</p>`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	checkReadingPair(t, rep, doc, page)
}

// checkReadingPair checks the two-column reading view: it holds
// the articles of the outlets with the highest and the lowest authorial
// rate, one column each; every mark carries its lexicon term's class, the
// same class for the same term and a different one for another; and the
// page links each term class the view shows with a :has() rule.
func checkReadingPair(t *testing.T, rep *reports.Report, doc *html.Node, page []byte) {
	t.Helper()
	e := rep.Events[0]
	hi, lo := e.Outlets[0], e.Outlets[0]
	for _, o := range e.Outlets {
		if o.AuthorialPer1k > hi.AuthorialPer1k {
			hi = o
		}
		if o.AuthorialPer1k < lo.AuthorialPer1k {
			lo = o
		}
	}
	var pair *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		if c, _ := attr(n, "class"); n.Type == html.ElementNode && c == "pair" {
			pair = n
		}
		for c := n.FirstChild; c != nil && pair == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if pair == nil {
		t.Fatal("no reading view (.pair) on the page")
	}
	var heads []string
	classOf := map[string]string{} // term -> class
	termOf := map[string]string{}  // class -> term
	marks := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			c, _ := attr(n, "class")
			if strings.Contains(c, "colhead") {
				heads = append(heads, textOf(n))
			}
			if n.Data == "mark" && strings.HasPrefix(c, "hit ") && !strings.Contains(c, " cont") {
				s, _ := attr(n, "data-hit")
				i, _ := strconv.Atoi(s)
				term := rep.Hits[i].Term
				var k string
				for _, f := range strings.Fields(c) {
					if strings.HasPrefix(f, "k") {
						k = f
					}
				}
				if k == "" {
					t.Errorf("mark of hit %d has no term class: %q", i, c)
				}
				if prev, ok := classOf[term]; ok && prev != k {
					t.Errorf("term %q has classes %s and %s", term, prev, k)
				}
				if prev, ok := termOf[k]; ok && prev != term {
					t.Errorf("class %s is both %q and %q", k, prev, term)
				}
				classOf[term], termOf[k] = k, term
				marks++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(pair)
	if len(heads) != 2 || heads[0] != hi.Outlet || heads[1] != lo.Outlet {
		t.Errorf("reading view columns %q, want %q and %q", heads, hi.Outlet, lo.Outlet)
	}
	if marks < 50 {
		t.Errorf("only %d marks in the reading view", marks)
	}
	for k := range termOf {
		rule := fmt.Sprintf(".pair:has(.%[1]s:hover, .%[1]s:focus) .%[1]s", k)
		if !bytes.Contains(page, []byte(rule)) {
			t.Errorf("no linking rule for %s (%q)", k, termOf[k])
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
