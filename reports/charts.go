package reports

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"html"
	"image/color"
	"regexp"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Chart is one SVG figure of the report: written as a file next to
// report.md (which links it), inlined into report.html.
type Chart struct {
	ID    string // chartKey(Kind, Event)
	File  string // path under the report directory, e.g. "charts/pca-5f3a09c2.svg"
	Title string // what it shows, for captions and screen readers
	Event string // the event it is about, "" for the whole corpus
	Kind  string // categories | voice | similarity | pca
	SVG   []byte
}

// ChartDir is the folder of the report directory the charts are written to.
const ChartDir = "charts"

// maxBarCategories caps the categories of a grouped bar chart: past a
// dozen groups the bars stop being readable (the tables list them all).
const maxBarCategories = 12

// Charts draws the report's figures. Each event gets its category rates
// (grouped bars), its loaded hits by voice, the similarity of its outlets
// (two or more) and their map (PCA, three or more); the whole corpus gets
// the voice bars, the similarity heatmap and the map. A figure whose data is
// missing is left out.
//
// A chart's file name ends with the CRC-32C of its SVG ("charts/voice-
// 5f3a09c2.svg"): a report.md links the charts of its own run, which a run
// that fails midway never overwrites (issue 17), and WriteAll removes the
// charts no report links any more. A report draws its charts once
// (memoized): report.md and report.html share them.
func Charts(r *Report) ([]Chart, error) {
	r.charts.mu.Lock()
	defer r.charts.mu.Unlock()
	if r.charts.done {
		return r.charts.list, r.charts.err
	}
	r.charts.list, r.charts.err = drawCharts(r)
	r.charts.done = true
	for i := range r.charts.list {
		c := &r.charts.list[i]
		c.File = strings.TrimSuffix(c.File, ".svg") + fmt.Sprintf("-%08x.svg", crc32.Checksum(c.SVG, castagnoli))
	}
	return r.charts.list, r.charts.err
}

// chartsMemo holds a report's drawn charts.
type chartsMemo struct {
	mu   sync.Mutex
	done bool
	list []Chart
	err  error
}

// chartLink is the file of the chart with this key, as report.md links it.
func chartLink(r *Report, key string) string {
	charts, _ := Charts(r)
	for _, c := range charts {
		if c.ID == key {
			return c.File
		}
	}
	return chartFile(key)
}

func drawCharts(r *Report) ([]Chart, error) {
	var out []Chart
	add := func(c Chart, event, kind string) {
		c.ID, c.Event, c.Kind = chartKey(kind, event), event, kind
		out = append(out, c)
	}
	for _, e := range r.Events {
		if len(e.Outlets) == 0 {
			continue
		}
		add(categoryBars(chartKey("categories", e.Event), "Category rates per outlet: "+e.Event, e.Outlets, r.Categories, maxBarCategories), e.Event, "categories")
		add(voiceBars(chartKey("voice", e.Event), "Whose words the loaded terms are: "+e.Event, e.Outlets, r.Categories), e.Event, "voice")
		if len(e.Outlets) >= 2 {
			add(heatmap(chartKey("similarity", e.Event), "How alike the outlets' category profiles are: "+e.Event, similarityWhat, outletNames(e.Outlets), e.Comparison.Cosine), e.Event, "similarity")
		}
		if e.PCA != nil {
			c, err := pcaChart(chartKey("pca", e.Event), "Map of the outlets covering "+e.Event, e.PCA)
			if err != nil {
				return nil, err
			}
			add(c, e.Event, "pca")
		}
	}
	if len(r.Outlets) > 0 {
		add(voiceBars(chartKey("voice", ""), "Whose words the loaded terms are: every outlet", r.Outlets, r.Categories), "", "voice")
	}
	if len(r.Outlets) >= 2 {
		add(heatmap(chartKey("similarity", ""), "How alike the outlets' category profiles are: every outlet", similarityWhat, outletNames(r.Outlets), r.Comparison.Cosine), "", "similarity")
	}
	if r.PCA != nil {
		c, err := pcaChart(chartKey("pca", ""), "Map of outlets: first two principal components of their category rates", r.PCA)
		if err != nil {
			return nil, err
		}
		add(c, "", "pca")
	}
	return out, nil
}

const similarityWhat = "Cosine similarity of the outlets' per-1,000-word category rates: 1 means the same mix of categories, 0 nothing in common; a dash marks an outlet with no hits."

func outletNames(os []Outlet) []string {
	names := make([]string, len(os))
	for i, o := range os {
		names[i] = o.Outlet
	}
	return names
}

// palette is colour-blind safe (Okabe-Ito); charts never rely on colour
// alone: every point and bar is labelled.
var palette = []color.RGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

func pcaChart(id, title string, p *PCA) (Chart, error) {
	pl := plot.New()
	pl.Title.Text = title
	pl.X.Label.Text = fmt.Sprintf("PC1 (%.0f%% of variance)", 100*float64(p.Explained[0]))
	if len(p.Explained) > 1 {
		pl.Y.Label.Text = fmt.Sprintf("PC2 (%.0f%% of variance)", 100*float64(p.Explained[1]))
	}
	xy := make(plotter.XYs, len(p.Outlets))
	for i, c := range p.Coords {
		xy[i].X, xy[i].Y = float64(c[0]), float64(c[1])
	}
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return Chart{}, err
	}
	sc.GlyphStyle.Radius = vg.Points(4)
	sc.GlyphStyleFunc = func(i int) (s draw.GlyphStyle) {
		s = sc.GlyphStyle
		s.Color = palette[i%len(palette)]
		return s
	}
	labels, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: p.Outlets})
	if err != nil {
		return Chart{}, err
	}
	for i := range labels.TextStyle {
		labels.TextStyle[i].XAlign = -0.5
		labels.TextStyle[i].YAlign = 0.5
	}
	pl.Add(plotter.NewGrid(), sc, labels)
	// Room for labels at the edges.
	pl.X.Max += (pl.X.Max - pl.X.Min) * 0.35
	pl.Y.Min -= (pl.Y.Max - pl.Y.Min) * 0.1
	pl.Y.Max += (pl.Y.Max - pl.Y.Min) * 0.1
	desc := "Each point is an outlet; outlets close together use the lexicon's categories at similar rates. "
	for i, o := range p.Outlets {
		desc += fmt.Sprintf("%s at (%.2f, %.2f). ", o, float64(p.Coords[i][0]), float64(p.Coords[i][1]))
	}
	svg, err := render(pl, 6.5*vg.Inch, 4.5*vg.Inch, id, title, desc)
	return Chart{File: chartFile(id), Title: title, SVG: svg}, err
}

var svgOpen = regexp.MustCompile(`<svg [^>]*>`)

var notIDChar = regexp.MustCompile(`[^a-z0-9]+`)

// chartID makes an element id from a chart's name: ids must be unique when
// the report's charts are inlined into one page.
func chartID(name string) string {
	return "chart-" + strings.Trim(notIDChar.ReplaceAllString(strings.ToLower(name), "-"), "-")
}

// chartKey is the element id of an event's chart of a kind (the whole
// corpus's when event is "").
func chartKey(kind, event string) string {
	if event == "" {
		return chartID(kind)
	}
	return chartID(kind + "-" + event)
}

// chartFile is where the chart with this id is written.
func chartFile(id string) string {
	return ChartDir + "/" + strings.TrimPrefix(id, "chart-") + ".svg"
}

// render draws a plot as SVG with a title and description that screen
// readers read (gonum/plot writes none), scaled to its container.
func render(pl *plot.Plot, w, h vg.Length, id, title, desc string) ([]byte, error) {
	wt, err := pl.WriterTo(w, h, "svg")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, err
	}
	out := b.String()
	out = strings.TrimPrefix(out, `<?xml version="1.0"?>`+"\n")
	loc := svgOpen.FindStringIndex(out)
	if loc == nil {
		return nil, fmt.Errorf("chart %q: no <svg> element in the plot", title)
	}
	open := out[loc[0]:loc[1]]
	open = strings.Replace(open, "<svg ", fmt.Sprintf(`<svg id="%s" role="img" aria-labelledby="%s-t %s-d" preserveAspectRatio="xMidYMid meet" `, id, id, id), 1)
	open = regexp.MustCompile(`width="[^"]*" height="[^"]*"`).ReplaceAllString(open, `width="100%"`)
	out = out[:loc[0]] + open + fmt.Sprintf("\n<title id=\"%s-t\">", id) + html.EscapeString(title) +
		fmt.Sprintf("</title><desc id=\"%s-d\">", id) + html.EscapeString(desc) + "</desc>" + out[loc[1]:]
	return []byte(out), nil
}
