package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/framing/framing/reports"
)

// browserTestOut is where the browser test leaves the report it checked and
// a screenshot of its first screen, for a person to look at (ignored by git).
// Not under reports/out: that is a report set framing switches whole.
const browserTestOut = "../../reports/browser-test"

// cleanTestOut removes a browser test's report directory (and its sets)
// before the test writes it again: it holds the screenshots and PDF a test
// wrote last time, which a report set would not take over.
func cleanTestOut(t *testing.T, out string) {
	t.Helper()
	for _, p := range []string{out, filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".sets")} {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
}

// chromium finds a Chromium or Chrome binary: $FRAMING_CHROME, else the
// usual names on PATH.
func chromium() string {
	if p := os.Getenv("FRAMING_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestHTMLReportInABrowser opens the report of the seed event (plus an
// article full of script and markup) in headless Chromium and checks what a
// reader would meet: no console error, every hit of report.json
// highlighted, the category filter hiding and showing marks, the focus
// tooltip, and no script from the corpus run.
//
// It skips when no browser is installed, unless FRAMING_REQUIRE_BROWSER is
// set (as .ci/run does, after installing Chromium): CI must not pass by
// skipping.
func TestHTMLReportInABrowser(t *testing.T) {
	s := openBrowser(t, 1280, 900)
	step := s.ctx
	eval := s.eval

	// The corpus: the seed event and the hostile fixture.
	corpusDir := seedCorpusCopy(t)
	hostile, err := os.ReadFile("../../run/testdata/hostile.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpusDir, "pti-final-call-islamabad-2024", "hostile.md"), hostile, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := filepath.Abs(filepath.Join(browserTestOut, "hostile"))
	if err != nil {
		t.Fatal(err)
	}
	cleanTestOut(t, out)
	if code, _, stderr := runCLI(t, "report", "--corpus", corpusDir, "--out", out, "--no-cache", "--quiet", "--bootstrap", "200"); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	rep := readReport(t, out)
	if len(rep.Hits) < 100 {
		t.Fatalf("only %d hits in the seed report", len(rep.Hits))
	}

	var mu sync.Mutex
	var console []chromedp.ConsoleMessage
	msgs := chromedp.Console(step)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m)
			mu.Unlock()
		}
	}()
	if err := chromedp.Do(step, chromedp.Navigate("file://"+filepath.Join(out, "report.html")), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatal(err)
	}

	// Every hit of report.json is highlighted once (a mark split around a
	// quotation's edge is one hit: count distinct data-hit).
	var marks int
	eval(`new Set([...document.querySelectorAll('mark.hit')].map(m => m.dataset.hit)).size`, &marks)
	if marks != len(rep.Hits) {
		t.Errorf("%d highlighted hits in the DOM, %d in report.json", marks, len(rep.Hits))
	}

	// The corpus's script did not run, its markup made no element.
	var injected struct {
		Pwned   any    `json:"pwned"`
		Scripts int    `json:"scripts"`
		Images  int    `json:"images"`
		Title   string `json:"title"`
		Text    bool   `json:"text"`
	}
	eval(`({pwned: window.pwned ?? null, scripts: document.scripts.length, images: document.images.length,
		title: document.title, text: document.body.textContent.includes('<script>window.pwned=2</script>')})`, &injected)
	if injected.Pwned != nil || injected.Scripts != 0 || injected.Images != 0 || !injected.Text {
		t.Errorf("injection fixture: %+v", injected)
	}
	if want := "Framing report: 3 articles, 3 outlets"; injected.Title != want {
		t.Errorf("title %q, want %q", injected.Title, want)
	}

	// What is highlighted: every hit but the list matches the model does
	// not count, which the filter panel shows on request.
	shown := func(h reports.Hit) bool { return !((h.Kind == "loaded" || h.Kind == "valence") && !h.Counted) }
	shownHits := 0
	for _, h := range rep.Hits {
		if shown(h) {
			shownHits++
		}
	}
	if shownHits == 0 || shownHits == len(rep.Hits) {
		t.Fatalf("%d of %d hits shown: the fixture should have both kinds", shownHits, len(rep.Hits))
	}

	// The category filter: the category with most hits, unchecked, loses its
	// highlight and keeps every other category's; checked again, it returns.
	cat := ""
	most := 0
	for _, c := range rep.Categories {
		n := 0
		for _, h := range rep.Hits {
			if h.Category == c.ID && shown(h) {
				n++
			}
		}
		if n > most {
			cat, most = c.ID, n
		}
	}
	class := ""
	for i, c := range rep.Categories {
		if c.ID == cat {
			class = fmt.Sprintf("c%d", i+1)
		}
	}
	highlighted := fmt.Sprintf(`(() => {
		const on = m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)';
		const all = [...document.querySelectorAll('mark.hit:not(.cont)')];
		return {cat: all.filter(m => m.classList.contains(%[1]q) && on(m)).length,
			other: all.filter(m => !m.classList.contains(%[1]q) && on(m)).length};
	})()`, class)
	type counts struct{ Cat, Other int }
	var before, off, again counts
	eval(highlighted, &before)
	if before.Cat != most || before.Other != shownHits-most {
		t.Errorf("before filtering: %+v highlighted, want %d of %s and %d others", before, most, cat, shownHits-most)
	}
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS("aside.filters summary")), chromedp.Click(chromedp.CSS("#f-"+class))); err != nil {
		t.Fatal(err)
	}
	eval(highlighted, &off)
	if off.Cat != 0 || off.Other != before.Other {
		t.Errorf("with %s unchecked: %+v highlighted, want 0 and %d", cat, off, before.Other)
	}
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS("#f-"+class))); err != nil {
		t.Fatal(err)
	}
	eval(highlighted, &again)
	if again != before {
		t.Errorf("checked again: %+v highlighted, want %+v", again, before)
	}
	// Asked for, the matches the model does not count appear too.
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS("#f-uncounted"))); err != nil {
		t.Fatal(err)
	}
	var all counts
	eval(highlighted, &all)
	if all.Cat+all.Other != len(rep.Hits) {
		t.Errorf("with the uncounted matches shown: %+v highlighted, want all %d hits", all, len(rep.Hits))
	}
	if err := chromedp.Do(step, chromedp.Click(chromedp.CSS("#f-uncounted"))); err != nil {
		t.Fatal(err)
	}

	// Focus shows a hit's category, voice and entry, below the mark (above
	// it, the sticky filter bar would hide it). The articles are behind
	// disclosures: open the first mark's, as a reader would.
	var tip struct {
		Content string
		Top     string
	}
	eval(`(() => { const m = document.querySelector('mark.hit[tabindex]');
		for (let d = m.closest('details'); d; d = d.parentElement.closest('details')) d.open = true;
		m.focus(); const st = getComputedStyle(m, '::before');
		return {content: st.content, top: st.top}; })()`, &tip)
	if h := rep.Hits[0]; tip.Content == "none" || !containsAll(tip.Content, h.Term, h.Voice, h.Category) {
		t.Errorf("focus tooltip %s lacks the first hit's term, voice or category (%s, %s, %s)", tip.Content, h.Term, h.Voice, h.Category)
	}
	if px, err := strconv.ParseFloat(strings.TrimSuffix(tip.Top, "px"), 64); err != nil || px <= 0 {
		t.Errorf("the tooltip's top is %q: it should open below its mark", tip.Top)
	}

	// The reading view: hovering a term in one column outlines the same
	// term in the other, and only that term.
	var target struct {
		Class      string
		X, Y       float64
		Found      bool
		OtherClass string
	}
	eval(`(() => { const cols = document.querySelectorAll('.pair .col');
		if (cols.length !== 2) return {found: false};
		for (const d of cols[0].closest('details') ? [cols[0].closest('details')] : []) d.open = true;
		const classes = m => [...m.classList].filter(c => /^k\d+$/.test(c));
		const right = new Set([...cols[1].querySelectorAll('mark.hit')].flatMap(classes));
		for (const m of cols[0].querySelectorAll('mark.hit[tabindex]')) {
			const k = classes(m).find(c => right.has(c));
			if (!k) continue;
			const other = [...cols[1].querySelectorAll('mark.hit')].flatMap(classes).find(c => c !== k);
			m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect();
			return {found: true, class: k, x: r.left + r.width / 2, y: r.top + r.height / 2, otherClass: other || ''};
		}
		return {found: false}; })()`, &target)
	if !target.Found {
		t.Fatal("no lexicon term marked in both columns of the reading view")
	}
	if err := chromedp.Do(step, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, target.X, target.Y)); err != nil {
		t.Fatal(err)
	}
	var linked struct{ Same, Other string }
	eval(fmt.Sprintf(`(() => { const col = document.querySelectorAll('.pair .col')[1];
		const same = col.querySelector('mark.hit.%s'), other = %q ? col.querySelector('mark.hit.' + %q) : null;
		return {same: getComputedStyle(same).outlineStyle, other: other ? getComputedStyle(other).outlineStyle : 'none'}; })()`, target.Class, target.OtherClass, target.OtherClass), &linked)
	if linked.Same != "solid" || linked.Other != "none" {
		t.Errorf("hovering %s in the left column: the right column's %s is outlined %q, another term %q; want solid and none", target.Class, target.Class, linked.Same, linked.Other)
	}
	if err := chromedp.Do(step, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1)); err != nil {
		t.Fatal(err)
	}

	// The first screen, for a person to look at.
	var top bool
	eval(`(document.activeElement.blur(), window.scrollTo(0, 0), true)`, &top)
	shot, err := chromedp.Run(step, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "first-screen.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// Printed, the page drops navigation and the filter panel and keeps
	// every highlight (colours print: print-color-adjust).
	if _, err := chromedp.Call(step, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	var printed struct {
		Filters, Nav string
		Marks        int
	}
	eval(`({filters: getComputedStyle(document.querySelector('aside.filters')).display,
		nav: getComputedStyle(document.querySelector('nav')).display,
		marks: [...document.querySelectorAll('mark.hit:not(.cont)')].filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)').length})`, &printed)
	if printed.Filters != "none" || printed.Nav != "none" || printed.Marks != shownHits {
		t.Errorf("print media: %+v, want filters and nav hidden and %d highlights", printed, shownHits)
	}
	pdf, err := chromedp.Run(step, chromedp.PrintToPDF(chromedp.PDFPrintBackground()))
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("printing to PDF: %v", err)
	}
	if err := os.WriteFile(filepath.Join(out, "report.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	time.Sleep(200 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	for _, m := range console {
		switch m.Type {
		case "error", chromedp.ConsoleException:
			t.Errorf("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line)
		default:
			t.Logf("console %s: %s", m.Type, m.Text)
		}
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
