package reports

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/framing/framing/pipeline/tokenize"
)

// Texts returns the title and body an article was analysed from, for the
// HTML report to show it highlighted. report.json holds no article text (a
// corpus of thousands of articles would be copied into every report), so the
// HTML renderer asks for it; hit offsets are checked against the text given,
// and an article whose file changed since the analysis is shown without
// highlights and says so.
type Texts func(a Article) (title, body string, err error)

// DefaultHTMLArticles caps the articles report.html shows highlighted. Past a
// few hundred articles the page is too heavy to open and too long to read;
// the cap is shared out between events so each keeps some articles, and the
// page says how many it left out (report.json and report.md have them all).
const DefaultHTMLArticles = 150

// RenderOptions are what renderers need beside the report.
type RenderOptions struct {
	Texts       Texts // nil: report.html shows no article text
	MaxArticles int   // articles report.html shows highlighted; 0: DefaultHTMLArticles
	// AtPhase, when set, is called as WriteAll reaches each step ("records",
	// "charts", then each file committed): the crash tests stop the process
	// there.
	AtPhase func(phase string)
}

//go:embed html/report.html.tmpl
var htmlTemplate string

//go:embed html/report.css
var htmlCSS string

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f1":        func(f Float) string { return fixed(f, 1) },
	"f2":        func(f Float) string { return fixed(f, 2) },
	"ci":        ciText,
	"thousands": thousands,
	"plural":    plural,
	"pct":       percent,
}).Parse(htmlTemplate))

// WriteHTML renders the report as one self-contained HTML page: styles and
// charts inline, no script, no external resource, so it opens from file://,
// offline and in a classroom projector's browser alike. The page's
// Content-Security-Policy forbids scripts and remote loads outright: even a
// bug in escaping could not run code from a corpus file.
func WriteHTML(w io.Writer, r *Report, opt RenderOptions) error {
	page, err := buildPage(r, opt)
	if err != nil {
		return err
	}
	return pageTemplate.Execute(w, page)
}

// The page's view model: everything the template shows, computed here so
// the template only lays it out.
type page struct {
	R           *Report
	CSS         template.CSS
	CatCSS      template.CSS // colours and filter rules of this report's categories
	Legend      []legendCat
	Voices      []string
	Summary     []summaryRow
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
	CategoryInfo
	N     int    // its number on the page: hits carry it as a superscript
	Class string // "c<N>"
	Hits  int
	Hue   int
}

type summaryRow struct {
	Outlet, Text string
}

type eventView struct {
	Event, Anchor string
	Outlets       []Outlet
	Summary       []summaryRow
	Clear         []clearLine
	Compared      bool // two or more outlets
	Charts        []chartView
	Side          []sideView
	SideOutlets   []string
	Sentences     []sentenceGroup
	Headlines     []Headline
	Actors        []actorRow
	Omissions     []omissionRow
	Distinctive   []distinctiveRow
	Articles      []articleView
	NotShown      int
}

type corpusView struct {
	Outlets  []Outlet
	Charts   []chartView
	Unlinked []UnlinkedEntity
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
	Cells   [][]kwicView
}

type kwicView struct {
	kwic
	Voice, Speaker string
	Anchor         string // the article on the page, "" when not shown
	More           int    // on the last line: uses not listed
}

type sentenceGroup struct {
	Outlet    string
	Weighted  Float
	Sentences []LoadedSentence
}

type actorRow struct {
	Name, Role string
	Cells      []ActorStat // per outlet of the event
}

type omissionRow struct {
	Outlet, Actor string
	Elsewhere     int
	Outlets       int
}

type distinctiveRow struct {
	Outlet string
	Terms  []Distinctive
}

type articleView struct {
	Article
	Anchor string
	Title  template.HTML
	Blocks []blockView
	Marked int    // hits marked on the page
	Note   string // why the text is missing or unmarked
	Quotes int
}

type blockView struct {
	Heading bool
	HTML    template.HTML
}

// buildPage computes the page from the report.
func buildPage(r *Report, opt RenderOptions) (*page, error) {
	d, err := r.digest(opt)
	if err != nil {
		return nil, err
	}
	p := &page{R: r, CSS: template.CSS(htmlCSS), Voices: voiceNames, HasTexts: opt.Texts != nil, TotalHits: r.HitCount(), TotalQuotes: r.QuoteCount(),
		Categories: map[string]legendCat{}}
	for i, c := range r.Categories {
		lc := legendCat{CategoryInfo: c, N: i + 1, Class: "c" + strconv.Itoa(i+1), Hits: d.catHits[c.ID], Hue: hue(i)}
		p.Categories[c.ID] = lc
		if lc.Hits > 0 {
			p.Legend = append(p.Legend, lc)
		}
	}
	p.CatCSS = catCSS(p.Legend)
	for _, o := range r.Outlets {
		p.Summary = append(p.Summary, summaryRow{o.Outlet, summaryText(o)})
	}
	charts, err := Charts(r)
	if err != nil {
		return nil, err
	}
	chartsOf := func(event string) []chartView {
		var out []chartView
		for _, c := range charts {
			if c.Event == event {
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
	for ei, e := range r.Events {
		ev := eventView{Event: e.Event, Anchor: "e" + strconv.Itoa(ei+1), Outlets: e.Outlets, Clear: clearLines(r, e),
			Compared: len(e.Outlets) >= 2, Charts: chartsOf(e.Event)}
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
				for _, cell := range t.Cells {
					var lines []kwicView
					for _, hi := range cell.First {
						h := d.hits[hi]
						lines = append(lines, kwicView{kwic: kwicOf(*h, 70), Voice: h.Voice, Speaker: h.Speaker, Anchor: hitAnchor(anchors, *h, hi)})
					}
					if len(lines) > 0 {
						lines[len(lines)-1].More = cell.N - len(cell.First)
					}
					sv.Cells = append(sv.Cells, lines)
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
		for i, a := range r.Articles {
			if a.Event != e.Event {
				continue
			}
			if !shown[i] {
				ev.NotShown++
				p.NotShown++
				continue
			}
			av := renderArticle(d, a, anchors[a.ID], p.Categories, opt.Texts)
			p.Shown++
			ev.Articles = append(ev.Articles, av)
		}
		p.Events = append(p.Events, ev)
	}
	return p, nil
}

// catCSS colours each category's marks and swatches and hides its marks
// when its filter box is unchecked. Class names are generated ("c7"), never
// taken from the lexicon.
func catCSS(cats []legendCat) template.CSS {
	var b strings.Builder
	for _, c := range cats {
		fmt.Fprintf(&b, ".%s { --mark-ink: hsl(%d 70%% 27%%); }\n", c.Class, c.Hue)
		fmt.Fprintf(&b, "mark.hit.%s, .sw.%s { background: hsl(%d 80%% 85%%); }\n", c.Class, c.Class, c.Hue)
		fmt.Fprintf(&b, "body:has(#f-%s:not(:checked)) mark.hit.%s { background: transparent; border-bottom-color: transparent; text-decoration: none; }\n", c.Class, c.Class)
		fmt.Fprintf(&b, "body:has(#f-%s:not(:checked)) mark.hit.%s::after { content: none; }\n", c.Class, c.Class)
	}
	return template.CSS(b.String())
}

// hue spreads category colours around the colour wheel by the golden angle,
// so neighbouring categories never get neighbouring colours.
func hue(i int) int { return int(math.Mod(float64(i)*137.508+210, 360)) }

// hitAnchor links a hit to its mark in the article, when the article is on
// the page.
func hitAnchor(anchors map[string]string, h Hit, i int) string {
	if anchors[h.Article] == "" {
		return ""
	}
	return "h" + strconv.Itoa(i)
}

// shownArticles picks the articles report.html highlights: all of them up to
// the cap, else the cap shared out between events in turn, each event's
// articles in report order.
func shownArticles(r *Report, opt RenderOptions) []bool {
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

func actorName(r *Report, id string) string {
	for _, a := range r.Actors {
		if a.ID == id && a.Name != "" {
			return a.Name
		}
	}
	return id
}

// eventActors lists the actors the event's outlets mention most, with each
// outlet's mentions and agency.
func eventActors(r *Report, e EventReport, n int) []actorRow {
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
func distinctiveRows(ds []Distinctive, n int) []distinctiveRow {
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
func renderArticle(d *digest, a Article, anchor string, cats map[string]legendCat, texts Texts) articleView {
	hitIdx, quotes := d.byArticle[a.ID], d.quotes[a.ID]
	av := articleView{Article: a, Anchor: anchor, Title: template.HTML(html.EscapeString(a.Title))}
	title, body, err := texts(a)
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
		spans[h.Field] = append(spans[h.Field], hitSpan(h, i, cats[h.Category]))
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
func hitSpan(h Hit, i int, c legendCat) span {
	tip := fmt.Sprintf("%s (%s) · entry “%s” · %s", c.Label, h.Category, h.Term, h.Voice)
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
	cls := fmt.Sprintf("hit %s v-%s", c.Class, h.Voice)
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
	ExcludedChrome:   "page chrome (not counted)",
	ExcludedHeading:  "section heading (not counted)",
	ExcludedRepeated: "repeated page furniture (not counted)",
}

// excludedSpan greys out what is not the article's prose, and says why.
func excludedSpan(x ExcludedSpan) span {
	why := html.EscapeString(excludedReasons[x.Reason])
	cls := "excluded x-" + html.EscapeString(x.Reason)
	return span{start: x.Start, end: x.End, quote: true,
		open:  `<span class="` + cls + `" title="` + why + `" aria-description="` + why + `">`,
		cont:  `<span class="` + cls + ` cont">`,
		close: "</span>"}
}

func quoteSpan(q Quote) span {
	cls := "quote"
	if !q.Closed {
		cls += " open"
	}
	return span{start: q.Start, end: q.End, quote: true,
		open: `<span class="` + cls + `">`, cont: `<span class="` + cls + ` cont">`, close: "</span>"}
}
