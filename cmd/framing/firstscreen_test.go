package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeScript finds axe-core's axe.min.js: $FRAMING_AXE, else an axe-core
// installed by npm under the module's .ci cache or globally. .ci/run
// installs it (npm install axe-core) and sets FRAMING_AXE.
func axeScript() string {
	if p := os.Getenv("FRAMING_AXE"); p != "" {
		return p
	}
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "axe-core", "axe.min.js")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// browserSession is a headless Chromium tab with a helper to evaluate
// JavaScript and decode its result.
type browserSession struct {
	t    *testing.T
	ctx  context.Context
	eval func(expr string, v any)
}

// openBrowser starts headless Chromium with the viewport width×height: the
// flags this machine's closed network needs (no background connections, no
// component updates), a fresh profile, no sandbox (CI runs as root). With no
// Chromium it skips, or fails when FRAMING_REQUIRE_BROWSER is set (.ci/run
// sets it, so CI cannot pass by skipping). Both browser tests start here.
func openBrowser(t *testing.T, width, height int) *browserSession {
	t.Helper()
	bin := chromium()
	if bin == "" {
		if os.Getenv("FRAMING_REQUIRE_BROWSER") != "" {
			t.Fatal("FRAMING_REQUIRE_BROWSER is set but no chromium, chromium-browser or google-chrome is on PATH (set FRAMING_CHROME)")
		}
		t.Skip("no Chromium installed: skipping the browser test (apt-get install -y chromium, or set FRAMING_CHROME)")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true), chromedp.NoFirstRun,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	step, stepCancel := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(stepCancel)
	s := &browserSession{t: t, ctx: step}
	s.eval = func(expr string, v any) {
		t.Helper()
		raw, err := chromedp.Run(step, chromedp.Evaluate[json.RawMessage](expr, func(p *runtime.EvaluateParams) {
			yes := true
			p.AwaitPromise = &yes
		}))
		if err != nil {
			t.Fatalf("evaluating %.200s: %v", expr, err)
		}
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%.200s: %v (%.300s)", expr, err, raw)
		}
	}
	if err := chromedp.Do(step, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *browserSession) open(path string) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, chromedp.Navigate("file://"+path), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		s.t.Fatal(err)
	}
}

func (s *browserSession) resize(width, height int) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		s.t.Fatal(err)
	}
}

// TestReportFirstScreen opens the report of the shipped corpus (seven
// events) as an instructor would, on a 1280×720 projector:
//
//   - the first screen holds every event's dot-and-interval chart, whole,
//     and the screenshot shows the authorial colour's dots;
//   - every chart's text is drawn at 14 px or more, and no two labels of a
//     chart overlap;
//   - a jump from the navigation leaves its heading in view, below the
//     sticky filter bar;
//   - nothing overflows sideways at 1280 or at 400 px, every section open.
//
// TestReportAccessibility audits the same page with axe-core.
func TestReportFirstScreen(t *testing.T) {
	s := openBrowser(t, 1280, 720)
	out := shippedReport(t, "corpus")
	rep := readReport(t, out)
	s.open(filepath.Join(out, "report.html"))

	// The front page: one chart per event, all inside the first screen.
	var front struct {
		Charts, Cards int
		Bottom, Right float64
	}
	s.eval(`(() => { const cs = [...document.querySelectorAll('#front figure.chart-rates svg')];
		const rs = cs.map(c => c.getBoundingClientRect());
		return {charts: cs.length, cards: document.querySelectorAll('#front .card').length,
			bottom: Math.max(...rs.map(r => r.bottom)), right: Math.max(...rs.map(r => r.right))}; })()`, &front)
	if front.Charts != len(rep.Events) || front.Cards != len(rep.Events) {
		t.Errorf("front page: %d charts in %d cards, want one per event (%d)", front.Charts, front.Cards, len(rep.Events))
	}
	if front.Bottom > 720 || front.Right > 1280 {
		t.Errorf("front page charts reach (%.0f, %.0f): they must fit the 1280×720 first screen", front.Right, front.Bottom)
	}
	shot, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "first-screen.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 720 {
		t.Errorf("screenshot is %v, want 1280×720", b)
	}
	// The authorial dots are #D55E00: count pixels within a small distance
	// (antialiasing blurs their edges). Each outlet of each event has one
	// dot of 11 px across, ~95 pixels.
	dots := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, 0xD5) && near(g>>8, 0x5E) && near(bl>>8, 0x00) {
				dots++
			}
		}
	}
	outlets := 0
	for _, e := range rep.Events {
		outlets += len(e.Outlets)
	}
	if dots < 40*outlets {
		t.Errorf("%d pixels of the authorial colour on the first screen, want the %d outlets' dots (≥ %d)", dots, outlets, 40*outlets)
	}

	// A jump from a front card to its event, then from the navigation:
	// the heading lands in view, below the sticky filter bar.
	for _, link := range []string{`#front .card h3 a`, `nav a[href="#legend"]`, `nav a[href="#methods"]`} {
		var jump struct {
			Target        string
			Top, BarBelow float64
			Height        float64
		}
		s.eval(fmt.Sprintf(`(async () => { window.scrollTo(0, 0); const a = document.querySelector(%q); a.click();
			await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
			const h = document.querySelector(a.getAttribute('href') + ' h2') || document.querySelector(a.getAttribute('href'));
			const bar = document.querySelector('aside.filters').getBoundingClientRect();
			return {target: a.getAttribute('href'), top: h.getBoundingClientRect().top,
				barBelow: bar.top <= 0.5 ? bar.bottom : 0, height: window.innerHeight}; })()`, link), &jump)
		if jump.Top < jump.BarBelow || jump.Top < 0 || jump.Top > jump.Height-40 {
			t.Errorf("jump to %s: its heading at y=%.0f, the filter bar's bottom at %.0f, the screen %.0f high", jump.Target, jump.Top, jump.BarBelow, jump.Height)
		}
	}

	// Every section open, as a reader who opens them all would have it.
	var opened int
	s.eval(`(() => { const ds = document.querySelectorAll('details'); ds.forEach(d => d.open = true); return ds.length; })()`, &opened)
	if opened < 3*len(rep.Events) {
		t.Errorf("%d disclosures on the page: the events' long parts should be collapsible", opened)
	}

	// Chart text: 14 px or more as drawn; labels of one chart never overlap.
	var charts []struct {
		ID       string
		Small    []string
		Overlaps []string
		Texts    int
	}
	s.eval(`(() => [...document.querySelectorAll('figure.chart svg')].map(svg => {
		const vb = svg.viewBox.baseVal, box = svg.getBoundingClientRect();
		const scale = vb && vb.width ? box.width / vb.width : 1;
		const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
		const small = texts.filter(t => parseFloat(getComputedStyle(t).fontSize) * scale < 13.99)
			.map(t => t.textContent + ' ' + (parseFloat(getComputedStyle(t).fontSize) * scale).toFixed(1) + 'px');
		const rs = texts.map(t => t.getBoundingClientRect());
		const overlaps = [];
		for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
			const a = rs[i], b = rs[j];
			const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			if (w > 1 && h > 1) overlaps.push(texts[i].textContent + ' / ' + texts[j].textContent);
		}
		return {id: svg.id, small: small.slice(0, 5), overlaps: overlaps.slice(0, 5), texts: texts.length};
	}))()`, &charts)
	if len(charts) < 4*len(rep.Events) {
		t.Errorf("%d charts on the page", len(charts))
	}
	for _, c := range charts {
		if len(c.Small) > 0 {
			t.Errorf("chart %s: text under 14 px at 1280 px: %q", c.ID, c.Small)
		}
		if len(c.Overlaps) > 0 {
			t.Errorf("chart %s: labels overlap: %q", c.ID, c.Overlaps)
		}
		if c.Texts == 0 {
			t.Errorf("chart %s has no text", c.ID)
		}
	}

	// No sideways scrolling of the page, at projector and at phone width.
	for _, w := range []int{1280, 400} {
		s.resize(w, 720)
		var over struct {
			Scroll, Client float64
			Widest         string
		}
		s.eval(`(() => { const d = document.documentElement; let widest = '', max = 0;
			for (const e of document.body.querySelectorAll('*')) { const r = e.getBoundingClientRect();
				if (r.right > max && !e.closest('.scroll')) { max = r.right; widest = e.tagName + '.' + e.className + ' ' + (e.id || ''); } }
			return {scroll: d.scrollWidth, client: d.clientWidth, widest: widest}; })()`, &over)
		if over.Scroll > over.Client {
			t.Errorf("at %d px the page scrolls sideways: %.0f px wide in %.0f (widest: %s)", w, over.Scroll, over.Client, over.Widest)
		}
	}
	s.resize(1280, 720)
}

// TestReportAccessibility audits the report of the shipped corpus with
// axe-core, every section open: no violation. It needs axe-core, and says
// SKIP before doing any work when it is not there (or fails, under
// FRAMING_REQUIRE_BROWSER, as in CI).
func TestReportAccessibility(t *testing.T) {
	axe := axeScript()
	if axe == "" {
		if os.Getenv("FRAMING_REQUIRE_BROWSER") != "" {
			t.Fatal("FRAMING_REQUIRE_BROWSER is set but axe-core is not installed (npm install axe-core; set FRAMING_AXE to its axe.min.js)")
		}
		t.Skip("axe-core not installed: skipping the accessibility audit (npm install -g axe-core, or set FRAMING_AXE)")
	}
	s := openBrowser(t, 1280, 720)
	out := shippedReport(t, "corpus-axe")
	s.open(filepath.Join(out, "report.html"))
	var opened int
	s.eval(`(() => { const ds = document.querySelectorAll('details'); ds.forEach(d => d.open = true); return ds.length; })()`, &opened)
	if opened == 0 {
		t.Fatal("the page has no section to open: the audit would miss what they hold")
	}
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	var loaded bool
	s.eval(string(src)+"\n;typeof axe === 'object'", &loaded)
	if !loaded {
		t.Fatal("axe-core did not load")
	}
	var result struct {
		Violations []struct {
			ID, Impact, Help string
			Nodes            []struct {
				Target         []any
				FailureSummary string
			}
		}
		Passes int
	}
	s.eval(`axe.run(document, {resultTypes: ['violations']}).then(r => ({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.slice(0, 3).map(n => ({target: n.target, failureSummary: n.failureSummary}))})), passes: r.passes.length}))`, &result)
	for _, v := range result.Violations {
		t.Errorf("axe %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			t.Logf("  %v: %s", n.Target, n.FailureSummary)
		}
	}
	if result.Passes == 0 {
		t.Error("axe-core ran no check")
	}
}

// shippedReport writes the report of the shipped corpus under
// browserTestOut/name and returns its absolute path.
func shippedReport(t *testing.T, name string) string {
	t.Helper()
	out, err := filepath.Abs(filepath.Join(browserTestOut, name))
	if err != nil {
		t.Fatal(err)
	}
	cleanTestOut(t, out)
	if code, _, stderr := runCLI(t, "report", "--corpus", "../../corpus", "--out", out, "--no-cache", "--quiet", "--bootstrap", "200"); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	return out
}

func near(a uint32, b uint32) bool {
	d := int(a) - int(b)
	return d >= -12 && d <= 12
}

// manyEventsCorpus writes a corpus of n events, each a copy of one shipped
// event's articles under a new slug (and new ids): the shape of a corpus
// that has grown past the seven shipped events.
func manyEventsCorpus(t *testing.T, n int) string {
	t.Helper()
	src, err := filepath.Glob("../../corpus/*/event.yaml")
	if err != nil || len(src) == 0 {
		t.Fatalf("no shipped events: %v", err)
	}
	dir := t.TempDir()
	for k := 0; k < n; k++ {
		from := filepath.Dir(src[k%len(src)])
		slug := fmt.Sprintf("event-%02d", k+1)
		if err := os.MkdirAll(filepath.Join(dir, slug), 0o755); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(from, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if strings.HasSuffix(f, ".md") {
				old := filepath.Base(from)
				text = strings.Replace(text, `event: "`+old+`"`, `event: "`+slug+`"`, 1)
				text = strings.Replace(text, "\nid: \"", "\nid: \""+slug+"-", 1)
			}
			if strings.HasSuffix(f, "event.yaml") {
				text = strings.Replace(text, "title: \"", fmt.Sprintf("title: \"%d. ", k+1), 1)
			}
			if err := os.WriteFile(filepath.Join(dir, slug, filepath.Base(f)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// With 8 and 20 events the front page still works on a 1280×720 projector:
// the question and its key on the first screen with the first cards whole;
// scrolled to the last card, the question and key are still in view above
// it, and no card hides under them; nothing overflows sideways.
func TestFrontPageWithManyEvents(t *testing.T) {
	s := openBrowser(t, 1280, 720)
	for _, n := range []int{8, 20} {
		corpusDir := manyEventsCorpus(t, n)
		out := t.TempDir()
		if code, _, stderr := runCLI(t, "report", "--corpus", corpusDir, "--out", out, "--no-cache", "--quiet", "--bootstrap", "50", "--ner", "off"); code != 0 {
			t.Fatalf("%d events: report: exit %d\n%s", n, code, stderr)
		}
		s.open(filepath.Join(out, "report.html"))
		var first struct {
			Cards, Whole  int
			HeadBottom    float64
			KeyVisible    bool
			Scroll, Width float64
		}
		s.eval(`(() => { window.scrollTo(0, 0); const head = document.querySelector('.fronthead').getBoundingClientRect();
			const key = document.querySelector('#front .key').getBoundingClientRect();
			const cards = [...document.querySelectorAll('#front .card')];
			const whole = cards.filter(c => { const r = c.querySelector('svg').getBoundingClientRect(); return r.top >= head.bottom && r.bottom <= innerHeight; }).length;
			return {cards: cards.length, whole: whole, headBottom: head.bottom, keyVisible: key.bottom <= innerHeight && key.top >= 0,
				scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth}; })()`, &first)
		if first.Cards != n || !first.KeyVisible || first.Whole < 2 || first.Scroll > first.Width {
			t.Errorf("%d events, first screen: %+v; want %d cards, the key in view, at least two charts whole, no sideways scroll", n, first, n)
		}
		var last struct {
			HeadTop, HeadBottom, CardTop, CardBottom float64
		}
		s.eval(`(async () => { const cards = document.querySelectorAll('#front .card'); const c = cards[cards.length - 1];
			c.scrollIntoView({block: 'end'}); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
			const head = document.querySelector('.fronthead').getBoundingClientRect(), r = c.getBoundingClientRect();
			return {headTop: head.top, headBottom: head.bottom, cardTop: r.top, cardBottom: r.bottom}; })()`, &last)
		if last.HeadTop < -0.5 || last.CardTop < last.HeadBottom || last.CardBottom > 720.5 {
			t.Errorf("%d events, scrolled to the last card: question and key at %.0f-%.0f, the card at %.0f-%.0f; want the key at the top and the card whole below it",
				n, last.HeadTop, last.HeadBottom, last.CardTop, last.CardBottom)
		}
	}
}
