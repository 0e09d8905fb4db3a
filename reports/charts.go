package reports

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Chart is one SVG figure of the report: written as a file next to
// report.md, inlined into report.html.
type Chart struct {
	File  string // file name, e.g. "pca.svg"
	Title string // what it shows, for captions and screen readers
	SVG   []byte
}

// Charts draws the report's figures with gonum/plot. A figure whose data is
// missing (a PCA needs three outlets) is left out.
func Charts(r *Report) ([]Chart, error) {
	var out []Chart
	if r.PCA != nil {
		c, err := pcaChart("pca.svg", "Map of outlets: first two principal components of their category rates", r.PCA)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	for _, e := range r.Events {
		if e.PCA != nil {
			c, err := pcaChart("pca-"+e.Event+".svg", "Map of the outlets covering "+e.Event, e.PCA)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// palette is colour-blind safe (Okabe-Ito); charts never rely on colour
// alone: every point and bar is labelled.
var palette = []color.RGBA{
	{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{230, 159, 0, 255}, {86, 180, 233, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

func pcaChart(file, title string, p *PCA) (Chart, error) {
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
	svg, err := render(pl, 6.5*vg.Inch, 4.5*vg.Inch, chartID(file), title, desc)
	return Chart{File: file, Title: title, SVG: svg}, err
}

var svgOpen = regexp.MustCompile(`<svg [^>]*>`)

// chartID makes an element id from a chart's file name: ids must be unique
// when the report's charts are inlined into one page.
func chartID(file string) string {
	return "chart-" + regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.TrimSuffix(strings.ToLower(file), ".svg"), "-")
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
