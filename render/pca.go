package render

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"math"
	"regexp"
	"strings"

	"github.com/framing/framing/reports"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The map of outlets (PCA) is drawn with gonum/plot, which lays out the
// axes, ticks and grid; framing adds the outlet labels (outletLabels), since
// gonum/plot's Labels plotter writes each label at its point and a dozen
// outlets overprint each other.

// pcaSize is the map's size in CSS pixels (gonum/plot's SVG units are
// points; the SVG is given the same number in pixels, so a 14-point font
// is 14 pixels on the page).
const pcaW, pcaH = 720.0, 480.0

// pcaKeyW is the width of the key a numbered map lists its outlets in.
const pcaKeyW = 260.0

func pcaChart(id, title string, p *reports.PCA) (Chart, error) {
	svg, placed, err := drawPCA(id, title, p, false)
	if err == nil && !placed {
		// Some name found no free place: number the points, and list the
		// names in a key beside the map.
		svg, _, err = drawPCA(id, title, p, true)
	}
	return Chart{File: chartFile(id), Title: title, SVG: svg}, err
}

// sansFont is the charts' face at size points: Liberation Sans, metrically
// compatible with Arial and Helvetica, so the widths labels are placed by
// hold in most browsers.
func sansFont(size float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Length(size)}
}

// drawPCA draws the map, the points labelled by name or (numbered) by
// number with a key; placed reports whether every label found a place
// clear of the other labels and points.
func drawPCA(id, title string, p *reports.PCA, numbered bool) ([]byte, bool, error) {
	pl := plot.New()
	for _, st := range []*text.Style{&pl.Title.TextStyle, &pl.X.Label.TextStyle, &pl.Y.Label.TextStyle, &pl.X.Tick.Label, &pl.Y.Tick.Label} {
		st.Font = sansFont(chartFont)
	}
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
		return nil, false, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: color.RGBA{0x1a, 0x1a, 0x1a, 0xff}, Radius: vg.Length(pointRadius), Shape: draw.CircleGlyph{}}
	texts := make([]string, len(p.Outlets))
	for i, o := range p.Outlets {
		texts[i] = o
		if numbered {
			texts[i] = fmt.Sprint(i + 1)
		}
	}
	labels := &outletLabels{XYs: xy, Texts: texts, Style: text.Style{Color: color.Black, Font: sansFont(chartFont), Handler: pl.TextHandler}}
	pl.Add(plotter.NewGrid(), sc, labels)
	// Room around the points for their labels.
	dx, dy := pl.X.Max-pl.X.Min, pl.Y.Max-pl.Y.Min
	if dx == 0 {
		dx = 1
	}
	if dy == 0 {
		dy = 1
	}
	pl.X.Min, pl.X.Max = pl.X.Min-0.08*dx, pl.X.Max+0.08*dx
	pl.Y.Min, pl.Y.Max = pl.Y.Min-0.1*dy, pl.Y.Max+0.1*dy

	w := pcaW
	keyW := 0.0
	if numbered {
		keyW = pcaKeyW
		w += keyW
	}
	c := vgsvg.New(vg.Length(w), vg.Length(pcaH))
	dc := draw.New(c)
	pl.Draw(draw.Crop(dc, 0, -vg.Length(keyW), 0, 0))
	if numbered {
		st := text.Style{Color: color.Black, Font: sansFont(chartFont), Handler: pl.TextHandler, YAlign: draw.YTop}
		line := vg.Length(chartFont + 7)
		for i, o := range p.Outlets {
			name := fit(o, keyW-40, chartFont)
			dc.FillText(st, vg.Point{X: vg.Length(pcaW + 12), Y: vg.Length(pcaH) - 12 - vg.Length(i)*line}, fmt.Sprintf("%d  %s", i+1, name))
		}
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, false, err
	}
	desc := "Each point is an outlet; outlets close together use the lexicon's categories at similar rates. "
	for i, o := range p.Outlets {
		if numbered {
			desc += fmt.Sprintf("%d: ", i+1)
		}
		desc += fmt.Sprintf("%s at (%.2f, %.2f). ", o, float64(p.Coords[i][0]), float64(p.Coords[i][1]))
	}
	svg, err := svgWithTitle(b.String(), w, pcaH, id, title, desc)
	return svg, !labels.Collided, err
}

// pointRadius is the radius of an outlet's point on the map.
const pointRadius = 5

// outletLabels writes each point's label at the first of eight places
// around it (right, left, above, below, then the diagonals) where it
// overlaps no other label, no point and stays inside the plot; a label with
// no such place is written on the right, and Collided is set.
type outletLabels struct {
	XYs      plotter.XYs
	Texts    []string
	Style    text.Style
	Collided bool
}

// labelSlack widens the measured labels: the browser may set the text in a
// wider face than Liberation Sans (DejaVu Sans is about 10% wider).
const labelSlack = 1.15

func (l *outletLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(l.XYs))
	var taken []vg.Rectangle
	r := vg.Length(pointRadius + 1)
	for i, xy := range l.XYs {
		pts[i] = vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		taken = append(taken, vg.Rectangle{Min: vg.Point{X: pts[i].X - r, Y: pts[i].Y - r}, Max: vg.Point{X: pts[i].X + r, Y: pts[i].Y + r}})
	}
	st := l.Style
	st.XAlign, st.YAlign = draw.XLeft, draw.YBottom
	gap := vg.Length(pointRadius + 4)
	for i, txt := range l.Texts {
		w := st.Width(txt)*labelSlack + 2
		h := st.Height(txt)
		pt := pts[i]
		candidates := []vg.Point{
			{X: pt.X + gap, Y: pt.Y - h/2},         // right
			{X: pt.X - gap - w, Y: pt.Y - h/2},     // left
			{X: pt.X - w/2, Y: pt.Y + gap},         // above
			{X: pt.X - w/2, Y: pt.Y - gap - h},     // below
			{X: pt.X + gap*0.7, Y: pt.Y + gap*0.7}, // above right
			{X: pt.X - gap*0.7 - w, Y: pt.Y + gap*0.7},
			{X: pt.X + gap*0.7, Y: pt.Y - gap*0.7 - h},
			{X: pt.X - gap*0.7 - w, Y: pt.Y - gap*0.7 - h},
		}
		at, ok := candidates[0], false
		for _, cand := range candidates {
			rect := vg.Rectangle{Min: cand, Max: vg.Point{X: cand.X + w, Y: cand.Y + h}}
			if rect.Min.X < c.Min.X || rect.Max.X > c.Max.X || rect.Min.Y < c.Min.Y || rect.Max.Y > c.Max.Y {
				continue
			}
			clear := true
			for _, t := range taken {
				if overlaps(rect, t) {
					clear = false
					break
				}
			}
			if clear {
				at, ok = cand, true
				break
			}
		}
		if !ok {
			l.Collided = true
		}
		taken = append(taken, vg.Rectangle{Min: at, Max: vg.Point{X: at.X + w, Y: at.Y + h}})
		c.FillText(st, at, txt)
	}
}

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// DataRange is the points' range: the labels make room for themselves.
func (l *outletLabels) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, p := range l.XYs {
		xmin, xmax = math.Min(xmin, p.X), math.Max(xmax, p.X)
		ymin, ymax = math.Min(ymin, p.Y), math.Max(ymax, p.Y)
	}
	return
}

var svgOpenTag = regexp.MustCompile(`<svg [^>]*>`)

// svgWithTitle gives gonum/plot's SVG the report's id, a role, a title and a
// description that screen readers read (gonum/plot writes none), and its
// size in CSS pixels.
func svgWithTitle(out string, w, h float64, id, title, desc string) ([]byte, error) {
	out = strings.TrimPrefix(out, `<?xml version="1.0"?>`+"\n")
	loc := svgOpenTag.FindStringIndex(out)
	if loc == nil {
		return nil, fmt.Errorf("chart %q: no <svg> element in the plot", title)
	}
	open := out[loc[0]:loc[1]]
	open = strings.Replace(open, "<svg ", fmt.Sprintf(`<svg id="%s" role="img" aria-labelledby="%s-t %s-d" `, id, id, id), 1)
	open = regexp.MustCompile(`width="[^"]*" height="[^"]*"`).ReplaceAllString(open, fmt.Sprintf(`width="%.0f" height="%.0f"`, w, h))
	out = out[:loc[0]] + open + fmt.Sprintf("\n<title id=\"%s-t\">", id) + html.EscapeString(title) +
		fmt.Sprintf("</title><desc id=\"%s-d\">", id) + html.EscapeString(desc) + "</desc>" + out[loc[1]:]
	return []byte(out), nil
}
