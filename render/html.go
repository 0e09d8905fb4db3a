package render

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/framing/framing/internal/textfmt"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/reports"
)

// Texts returns the title and body an article was analysed from, by its
// path in the corpus (Article.Path; corpus.TextReader reads them), for the
// HTML report to show it highlighted. report.json holds no article text (a
// corpus of thousands of articles would be copied into every report), so the
// HTML renderer asks for it; hit offsets are checked against the text given,
// and an article whose file changed since the analysis is shown without
// highlights and says so.
type Texts func(path string) (title, body string, err error)

// DefaultHTMLArticles caps the articles report.html shows highlighted. Past a
// few hundred articles the page is too heavy to open and too long to read;
// the cap is shared out between events so each keeps some articles, and the
// page says how many it left out (report.json and report.md have them all).
const DefaultHTMLArticles = 150

// RenderOptions are what renderers need beside the report.
type RenderOptions struct {
	Texts       Texts // nil: report.html shows no article text
	MaxArticles int   // articles report.html shows highlighted; 0: DefaultHTMLArticles
	// Formats are the --format names WriteAll writes; nil: DefaultFormats.
	// report.json is always written.
	Formats []string
	// AtPhase, when set, is called as WriteAll reaches each step ("records",
	// "charts", then each file committed): the crash tests stop the process
	// there.
	AtPhase func(phase string)

	// memo holds what the formats share (the charts, the digest of the
	// records), so each is computed once per WriteAll; nil computes afresh.
	memo *memo
}

//go:embed html/report.html.tmpl
var htmlTemplate string

//go:embed html/report.css
var htmlCSS string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f1":        func(f reports.Float) string { return textfmt.Fixed(f, 1) },
	"f2":        func(f reports.Float) string { return textfmt.Fixed(f, 2) },
	"ci":        textfmt.Interval[reports.Float],
	"thousands": textfmt.Thousands,
	"plural":    textfmt.Plural,
	"pct":       textfmt.Percent[reports.Float],
	"word":      wordOf,
}).Parse(htmlTemplate))

// WriteHTML renders the report as one self-contained HTML page: styles and
// charts inline, no script, no external resource, so it opens from file://,
// offline and in a classroom projector's browser alike. The page's
// Content-Security-Policy forbids scripts and remote loads outright: even a
// bug in escaping could not run code from a corpus file.
func WriteHTML(w io.Writer, r *reports.Report, opt RenderOptions) error {
	page, err := buildPage(r, opt)
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, page)
}

// The page's view model: everything the template shows, computed here so
// the template only lays it out.
type page struct {
	R           *reports.Report
	CSS         template.CSS
	CatCSS      template.CSS // filter rules of this report's categories, and the reading view's linked terms
	Legend      []legendCat
	Voices      []voiceStyle
	Events      []eventView
	Corpus      corpusView
	Shown       int // articles shown highlighted
	NotShown    int
	HasTexts    bool
	TotalHits   int
	TotalQuotes int
	Categories  map[string]legendCat
}

type legendCat struct {
	reports.CategoryInfo
	N     int    // its number on the page: hits carry it as a superscript
	Class string // "c<N>"
	Hits  int
}

type summaryRow struct {
	Outlet, Text string
}

type eventView struct {
	Event, Anchor string
	Title         string // event.yaml's title, else the slug
	Date          string // "24 Nov 2024", "" when unknown
	Description   string
	Reading       string // the front page's one line
	Front         template.HTML
	Published     string // the articles' dates when every outlet's are the same
	CardMeta      string // the front card's line: "20 Jul 2012 · 5 articles, 23 Jul"
	Outlets       []reports.Outlet
	Articles      int // of the event, shown or not
	Summary       []summaryRow
	ClearOwn      []clearLine // in the outlets' own voice
	ClearAll      []clearLine // over all voices
	Compared      bool        // two or more outlets
	Charts        []chartView // shown open: voice, keyness
	MoreCharts    []chartView // behind a disclosure: categories, similarity, map
	Side          []sideView
	SideOutlets   []string
	Sentences     []sentenceGroup
	Headlines     []reports.Headline
	Actors        []actorRow
	Omissions     []omissionRow
	Distinctive   []distinctiveRow
	Pair          *readingPair
	Others        []articleView // the articles not in the reading pair
	NotShown      int
}

// readingPair is the two-column reading view: the articles of the two
// outlets whose authorial rates differ most, side by side; hovering or
// focusing a marked term marks the same lexicon term in both columns.
type readingPair struct {
	Left, Right                 string
	LeftArticles, RightArticles []articleView
}

type corpusView struct {
	Outlets  []reports.Outlet
	Charts   []chartView
	Unlinked []reports.UnlinkedEntity
	More     int
}

type chartView struct {
	Title string
	Kind  string
	SVG   template.HTML
}

type sideView struct {
	Term    string
	Outlets int
	Hits    int
	Cells   []sideCellView
}

type sideCellView struct {
	Outlet string
	Lines  []kwicView // shown
	More   []kwicView // behind "n more"
	Beyond int        // uses not listed at all (in the articles)
}

type kwicView struct {
	kwic
	Voice, Speaker string
	Anchor         string // the article on the page, "" when not shown
}

type sentenceGroup struct {
	Outlet    string
	Weighted  reports.Float
	Sentences []reports.LoadedSentence
}

type actorRow struct {
	Name, Role string
	Cells      []reports.ActorStat // per outlet of the event
}

type omissionRow struct {
	Outlet, Actor string
	Elsewhere     int
	Outlets       int
}

type distinctiveRow struct {
	Outlet string
	Terms  []reports.Distinctive
}

type articleView struct {
	reports.Article
	Anchor string
	Title  template.HTML
	Date   string
	Blocks []blockView
	Marked int    // hits marked on the page
	Note   string // why the text is missing or unmarked
	Quotes int
	terms  []int // the term classes of its marks
}

type blockView struct {
	Heading bool
	HTML    template.HTML
}

// sideShown is how many uses of a term per outlet the side-by-side view
// shows open; the rest of sideLines are behind a disclosure.
const sideShown = 3

// buildPage computes the page from the report.
func buildPage(r *reports.Report, opt RenderOptions) (*page, error) {
	d, err := opt.digest(r)
	if err != nil {
		return nil, err
	}
	p := &page{R: r, CSS: template.CSS(htmlCSS + voiceCSS()), Voices: voicePalette, HasTexts: opt.Texts != nil, TotalHits: r.HitCount(), TotalQuotes: r.QuoteCount(),
		Categories: map[string]legendCat{}}
	for i, c := range r.Categories {
		lc := legendCat{CategoryInfo: c, N: i + 1, Class: "c" + strconv.Itoa(i+1), Hits: d.catHits[c.ID]}
		p.Categories[c.ID] = lc
		if lc.Hits > 0 {
			p.Legend = append(p.Legend, lc)
		}
	}
	charts, err := opt.charts(r)
	if err != nil {
		return nil, err
	}
	chartsOf := func(event string, kinds ...string) []chartView {
		var out []chartView
		for _, c := range charts {
			if c.Event == event && (kinds == nil || slices.Contains(kinds, c.Kind)) {
				out = append(out, chartView{c.Title, c.Kind, template.HTML(c.SVG)})
			}
		}
		return out
	}
	p.Corpus = corpusView{Outlets: r.Outlets, Charts: chartsOf("")}
	p.Corpus.Unlinked = r.UnlinkedEntities
	if len(p.Corpus.Unlinked) > 15 {
		p.Corpus.More = len(p.Corpus.Unlinked) - 15
		p.Corpus.Unlinked = p.Corpus.Unlinked[:15]
	}

	shown := d.shown
	anchors := map[string]string{}
	for i, a := range r.Articles {
		if shown[i] {
			anchors[a.ID] = "a" + strconv.Itoa(i+1)
		}
	}
	terms := &termClasses{index: map[string]int{}}
	for ei, e := range r.Events {
		ev := eventView{Event: e.Event, Anchor: "e" + strconv.Itoa(ei+1), Title: eventTitle(e), Date: dayOf(e.Date), Description: e.Description,
			Reading: eventReading(r, e), Outlets: e.Outlets, Compared: len(e.Outlets) >= 2,
			Charts: chartsOf(e.Event, "voice", "keyness"), MoreCharts: chartsOf(e.Event, "categories", "similarity", "pca")}
		if fc := chartsOf(e.Event, "rates"); len(fc) > 0 {
			ev.Front = fc[0].SVG
		}
		shared := sharedDates(rateRows(r, e))
		ev.Published = strings.Join(shared, ", ")
		for _, l := range clearLines(r, e) {
			if l.AllVoices {
				ev.ClearAll = append(ev.ClearAll, l)
			} else {
				ev.ClearOwn = append(ev.ClearOwn, l)
			}
		}
		for _, o := range e.Outlets {
			ev.Summary = append(ev.Summary, summaryRow{o.Outlet, summaryText(o)})
			ev.SideOutlets = append(ev.SideOutlets, o.Outlet)
			if len(o.TopSentences) > 0 {
				n := min(3, len(o.TopSentences))
				ev.Sentences = append(ev.Sentences, sentenceGroup{o.Outlet, o.WeightedAuthorialPer1k, o.TopSentences[:n]})
			}
		}
		if ev.Compared {
			for _, t := range d.side[e.Event] {
				sv := sideView{Term: t.Term, Outlets: t.Outlets, Hits: t.Hits}
				for ci, cell := range t.Cells {
					cv := sideCellView{Outlet: e.Outlets[ci].Outlet, Beyond: cell.N - len(cell.First)}
					for k, hi := range cell.First {
						h := d.hits[hi]
						line := kwicView{kwic: kwicOf(*h, 70), Voice: h.Voice, Speaker: h.Speaker, Anchor: hitAnchor(anchors, *h, hi)}
						if k < sideShown {
							cv.Lines = append(cv.Lines, line)
						} else {
							cv.More = append(cv.More, line)
						}
					}
					sv.Cells = append(sv.Cells, cv)
				}
				ev.Side = append(ev.Side, sv)
			}
		}
		for _, hl := range r.Headlines {
			if hl.Event == e.Event && hl.Loaded > 0 && len(ev.Headlines) < headlineLines {
				ev.Headlines = append(ev.Headlines, hl)
			}
		}
		ev.Actors = eventActors(r, e, 10)
		for _, o := range r.Omissions {
			if o.Event == e.Event {
				ev.Omissions = append(ev.Omissions, omissionRow{o.Outlet, actorName(r, o.Actor), o.MentionsElsewhere, o.OutletsElsewhere})
			}
		}
		ev.Distinctive = distinctiveRows(e.Distinctive, 8)
		left, right := contrastingOutlets(e)
		var pair readingPair
		if left != "" {
			pair.Left, pair.Right = left, right
		}
		for i, a := range r.Articles {
			if a.Event != e.Event {
				continue
			}
			ev.Articles++
			if !shown[i] {
				ev.NotShown++
				p.NotShown++
				continue
			}
			av := renderArticle(d, a, anchors[a.ID], p.Categories, terms, opt.Texts)
			p.Shown++
			switch {
			case left != "" && a.Outlet == left:
				pair.LeftArticles = append(pair.LeftArticles, av)
			case left != "" && a.Outlet == right:
				pair.RightArticles = append(pair.RightArticles, av)
			default:
				ev.Others = append(ev.Others, av)
			}
		}
		if len(pair.LeftArticles) > 0 && len(pair.RightArticles) > 0 {
			ev.Pair = &pair
			terms.linkIn(pair)
		} else {
			// One side has no article on the page: no pair to read.
			ev.Others = append(append(pair.LeftArticles, pair.RightArticles...), ev.Others...)
			sort.SliceStable(ev.Others, func(i, j int) bool { return ev.Others[i].Anchor < ev.Others[j].Anchor })
		}
		ev.CardMeta = cardMeta(ev.Date, ev.Articles, shared)
		p.Events = append(p.Events, ev)
	}
	p.CatCSS = template.CSS(catCSS(p.Legend) + terms.css())
	return p, nil
}

// cardMeta is a front card's line of dates: the event's, then its articles'
// when they share dates and differ from the event's (the year left out when
// it is the event's).
func cardMeta(date string, articles int, published []string) string {
	var parts []string
	if date != "" {
		parts = append(parts, date)
	}
	s := textfmt.Plural(articles, "article")
	if len(published) > 0 && !(len(published) == 1 && published[0] == date) {
		var days []string
		for _, p := range published {
			if date != "" && len(p) > 5 && len(date) > 5 && p[len(p)-5:] == date[len(date)-5:] {
				p = p[:len(p)-5]
			}
			days = append(days, p)
		}
		s += ", " + strings.Join(days, "; ")
	}
	return strings.Join(append(parts, s), " · ")
}

// contrastingOutlets picks the reading view's two outlets: those with the
// highest and the lowest authorial loaded rate (ties by name), "" when the
// event has fewer than two.
func contrastingOutlets(e reports.EventReport) (string, string) {
	if len(e.Outlets) < 2 {
		return "", ""
	}
	os := slices.Clone(e.Outlets)
	sort.SliceStable(os, func(i, j int) bool {
		if os[i].AuthorialPer1k != os[j].AuthorialPer1k {
			return os[i].AuthorialPer1k > os[j].AuthorialPer1k
		}
		return os[i].Outlet < os[j].Outlet
	})
	return os[0].Outlet, os[len(os)-1].Outlet
}

// termClasses numbers the lexicon terms marked on the page ("k7"): every
// mark of a term carries its class, and the reading views link the marks of
// the terms they show with generated :has() rules, no script.
type termClasses struct {
	index  map[string]int
	linked []int // the classes a reading view shows, in order of first use
	seen   map[int]bool
}

func (t *termClasses) class(term string) string {
	n, ok := t.index[term]
	if !ok {
		n = len(t.index) + 1
		t.index[term] = n
	}
	return "k" + strconv.Itoa(n)
}

// linkIn records the terms a reading pair marks.
func (t *termClasses) linkIn(p readingPair) {
	if t.seen == nil {
		t.seen = map[int]bool{}
	}
	for _, list := range [][]articleView{p.LeftArticles, p.RightArticles} {
		for _, a := range list {
			for _, n := range a.terms {
				if !t.seen[n] {
					t.seen[n] = true
					t.linked = append(t.linked, n)
				}
			}
		}
	}
}

// css is the rule per linked term: while a mark of the term is hovered or
// focused in a reading view, every mark of the term in that view is
// outlined.
func (t *termClasses) css() string {
	var b strings.Builder
	for _, n := range t.linked {
		fmt.Fprintf(&b, ".pair:has(.k%[1]d:hover, .k%[1]d:focus) .k%[1]d { outline: 3px solid #1a1a1a; outline-offset: 1px; }\n", n)
	}
	return b.String()
}

// catCSS hides each category's marks when its filter box is unchecked.
// Categories have no colour (voices have): the mark's number says its
// category. Class names are generated ("c7"), never taken from the lexicon.
func catCSS(cats []legendCat) string {
	var b strings.Builder
	for _, c := range cats {
		fmt.Fprintf(&b, "body:has(#f-%s:not(:checked)) mark.hit.%s { background: transparent; border-bottom-color: transparent; text-decoration: none; }\n", c.Class, c.Class)
		fmt.Fprintf(&b, "body:has(#f-%s:not(:checked)) mark.hit.%s::after { content: none; }\n", c.Class, c.Class)
	}
	return b.String()
}

// hitAnchor links a hit to its mark in the article, when the article is on
// the page.
func hitAnchor(anchors map[string]string, h reports.Hit, i int) string {
	if anchors[h.Article] == "" {
		return ""
	}
	return "h" + strconv.Itoa(i)
}

// shownArticles picks the articles report.html highlights: all of them up to
// the cap, else the cap shared out between events in turn, each event's
// articles in report order.
func shownArticles(r *reports.Report, opt RenderOptions) []bool {
	max := opt.MaxArticles
	if max <= 0 {
		max = DefaultHTMLArticles
	}
	shown := make([]bool, len(r.Articles))
	if opt.Texts == nil {
		return shown
	}
	byEvent := map[string][]int{}
	var events []string
	for i, a := range r.Articles {
		if _, ok := byEvent[a.Event]; !ok {
			events = append(events, a.Event)
		}
		byEvent[a.Event] = append(byEvent[a.Event], i)
	}
	sort.Strings(events)
	for n, round := 0, 0; n < max; round++ {
		took := false
		for _, e := range events {
			if round < len(byEvent[e]) && n < max {
				shown[byEvent[e][round]] = true
				n++
				took = true
			}
		}
		if !took {
			break
		}
	}
	return shown
}

func actorName(r *reports.Report, id string) string {
	for _, a := range r.Actors {
		if a.ID == id && a.Name != "" {
			return a.Name
		}
	}
	return id
}

// eventActors lists the actors the event's outlets mention most, with each
// outlet's mentions and agency.
func eventActors(r *reports.Report, e reports.EventReport, n int) []actorRow {
	total := map[string]int{}
	for _, o := range e.Outlets {
		for id, st := range o.Actors {
			total[id] += st.Mentions
		}
	}
	ids := make([]string, 0, len(total))
	for id := range total {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if total[ids[i]] != total[ids[j]] {
			return total[ids[i]] > total[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	role := map[string]string{}
	for _, a := range r.Actors {
		role[a.ID] = a.Role
	}
	var rows []actorRow
	for _, id := range ids {
		row := actorRow{Name: actorName(r, id), Role: role[id]}
		for _, o := range e.Outlets {
			row.Cells = append(row.Cells, o.Actors[id])
		}
		rows = append(rows, row)
	}
	return rows
}

// distinctiveRows keeps each outlet's n most distinctive stems.
func distinctiveRows(ds []reports.Distinctive, n int) []distinctiveRow {
	var rows []distinctiveRow
	for _, d := range ds {
		if d.Kind != "stem" {
			continue
		}
		if len(rows) == 0 || rows[len(rows)-1].Outlet != d.Outlet {
			rows = append(rows, distinctiveRow{Outlet: d.Outlet})
		}
		if last := &rows[len(rows)-1]; len(last.Terms) < n {
			last.Terms = append(last.Terms, d)
		}
	}
	return rows
}

// renderArticle renders an article's title and body with its hits marked
// and its quotations shaded.
func renderArticle(d *digest, a reports.Article, anchor string, cats map[string]legendCat, terms *termClasses, texts Texts) articleView {
	hitIdx, quotes := d.byArticle[a.ID], d.quotes[a.ID]
	av := articleView{Article: a, Anchor: anchor, Title: template.HTML(html.EscapeString(a.Title)), Date: dayOf(a.Published)}
	title, body, err := texts(a.Path)
	if err != nil {
		av.Note = "The article's text could not be read: " + err.Error()
		return av
	}
	fields := map[string]string{"title": title, "body": body}
	spans := map[string][]span{}
	for _, i := range hitIdx {
		h := *d.hits[i]
		text := fields[h.Field]
		if h.Start < 0 || h.End > len(text) || h.Start > h.End || text[h.Start:h.End] != h.Text {
			av.Note = fmt.Sprintf("The file %s changed since it was analysed (hit %q not found at byte %d): shown without highlights. Run framing report again.", a.Path, h.Text, h.Start)
			spans = nil
			break
		}
		cls := terms.class(h.Term)
		av.terms = append(av.terms, terms.index[h.Term])
		spans[h.Field] = append(spans[h.Field], hitSpan(h, i, cats[h.Category], cls))
	}
	if spans != nil {
		av.Marked = len(hitIdx)
		for _, x := range a.Excluded {
			if x.End <= len(fields[x.Field]) {
				spans[x.Field] = append(spans[x.Field], excludedSpan(x))
			}
		}
		for _, q := range quotes {
			if q.End <= len(fields[q.Field]) {
				spans[q.Field] = append(spans[q.Field], quoteSpan(q))
				av.Quotes++
			}
		}
	}
	var b strings.Builder
	if title != "" {
		markup(&b, title, 0, len(title), spans["title"])
		av.Title = template.HTML(b.String())
	}
	for _, bl := range tokenize.Blocks(body) {
		from, to := bl.Start, bl.End
		if bl.Heading {
			from, to = headingText(body, from, to, spans["body"])
		}
		b.Reset()
		markup(&b, body, from, to, spans["body"])
		av.Blocks = append(av.Blocks, blockView{Heading: bl.Heading, HTML: template.HTML(b.String())})
	}
	return av
}

// headingText trims a heading's markers ("## ", "== ... ==") unless a span
// starts in them.
func headingText(text string, from, to int, spans []span) (int, int) {
	line := text[from:to]
	inner := strings.TrimLeft(line, "#=")
	inner = strings.TrimRight(inner, "=")
	lead := len(line) - len(strings.TrimLeft(line, "#="))
	trimmed := strings.TrimSpace(inner)
	s := from + lead + strings.Index(inner, trimmed)
	e := s + len(trimmed)
	for _, sp := range spans {
		if sp.start < to && sp.end > from && (sp.start < s || sp.end > e) {
			return from, to
		}
	}
	if s >= e {
		return from, to
	}
	return s, e
}

// hitSpan prepares a hit's <mark>. Its class names category and voice (the
// filters and styles key on them); data-hit ties it to report.json's hits
// array; data-n is the category number shown after it, so the category
// reads without colour; data-tip is what hover and focus show.
func hitSpan(h reports.Hit, i int, c legendCat, termClass string) span {
	tip := fmt.Sprintf("%s (%s) · entry “%s” · %s", c.Label, h.Category, h.Term, h.Voice)
	if h.Rule != "" {
		tip += " by rule " + h.Rule
	}
	if h.Speaker != "" {
		tip += " · speaker: " + h.Speaker
	} else if h.AttributedTo != "" {
		tip += " · attributed to: " + h.AttributedTo
	}
	if h.Cue != "" {
		tip += " · cue: " + h.Cue
	}
	if h.Headline {
		tip += " · headline"
	}
	scoring := h.Kind == "loaded" || h.Kind == "valence"
	if p := float64(h.Probability); !math.IsNaN(p) && scoring {
		verdict := "counted as loaded"
		if !h.Counted {
			verdict = "not counted"
		}
		tip += fmt.Sprintf(" · P(loaded) %.2f, %s", p, verdict)
		if len(h.Why) > 0 {
			tip += " · why: " + strings.Join(h.Why, "; ")
		}
	}
	cls := fmt.Sprintf("hit %s v-%s %s", c.Class, h.Voice, termClass)
	if scoring && !h.Counted {
		// A list's match the model does not count: in the records, shown
		// on request (the filter panel), never in the loaded colours.
		cls += " uncounted"
	}
	t := html.EscapeString(tip)
	return span{
		start: h.Start, end: h.End,
		open: fmt.Sprintf(`<mark id="h%d" class="%s" data-hit="%d" data-n="%d" tabindex="0" data-tip="%s" aria-description="%s">`,
			i, cls, i, c.N, t, t),
		cont:  fmt.Sprintf(`<mark class="%s cont" data-hit="%d">`, cls, i),
		close: "</mark>",
	}
}

// excludedReasons say, on the page, why text is not counted as prose.
var excludedReasons = map[string]string{
	reports.ExcludedChrome:   "page chrome (not counted)",
	reports.ExcludedHeading:  "section heading (not counted)",
	reports.ExcludedRepeated: "repeated page furniture (not counted)",
}

// excludedSpan greys out what is not the article's prose, and says why.
func excludedSpan(x reports.ExcludedSpan) span {
	why := html.EscapeString(excludedReasons[x.Reason])
	cls := "excluded x-" + html.EscapeString(x.Reason)
	return span{start: x.Start, end: x.End, quote: true,
		open:  `<span class="` + cls + `" title="` + why + `" aria-description="` + why + `">`,
		cont:  `<span class="` + cls + ` cont">`,
		close: "</span>"}
}

func quoteSpan(q reports.Quote) span {
	cls := "quote"
	if !q.Closed {
		cls += " open"
	}
	return span{start: q.Start, end: q.End, quote: true,
		open: `<span class="` + cls + `">`, cont: `<span class="` + cls + ` cont">`, close: "</span>"}
}
