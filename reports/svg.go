package reports

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
)

// The bar charts and the heatmap are written by hand rather than with
// gonum/plot (which draws the PCA map): gonum/plot fills bars with flat
// colour only, and the report promises colour is never the only carrier.
// Here every series also has a fill pattern, every bar and cell a value
// label, and every bar a <title> that a hover or a screen reader reads.

// svgDoc accumulates one SVG figure. Everything from the report that goes
// into it is escaped by esc.
type svgDoc struct {
	b    strings.Builder
	id   string // unique in the page: prefixes every id in the figure
	w, h float64
}

func esc(s string) string { return html.EscapeString(s) }

func newSVG(id string, w, h float64, title, desc string) *svgDoc {
	d := &svgDoc{id: id, w: w, h: h}
	fmt.Fprintf(&d.b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %.0f %.0f" width="100%%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, sans-serif" font-size="12">`,
		id, id, id, w, h)
	fmt.Fprintf(&d.b, "\n<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>\n", id, esc(title), id, esc(desc))
	return d
}

func (d *svgDoc) printf(format string, args ...any) { fmt.Fprintf(&d.b, format, args...) }

func (d *svgDoc) bytes() []byte {
	d.b.WriteString("</svg>\n")
	return []byte(d.b.String())
}

// seriesColours are colour-blind safe (Okabe-Ito, darker members first so
// white pattern strokes stay visible).
var seriesColours = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"}

// patterns tell series apart without colour: drawn in white over the
// series colour.
var patterns = []string{
	"", // solid
	`<path d="M0,8 L8,0" stroke="#fff" stroke-width="1.5"/>`,           // diagonal
	`<circle cx="4" cy="4" r="1.6" fill="#fff"/>`,                      // dots
	`<path d="M0,4 H8" stroke="#fff" stroke-width="1.5"/>`,             // horizontal
	`<path d="M0,0 L8,8 M0,8 L8,0" stroke="#fff" stroke-width="1.2"/>`, // cross
	`<path d="M4,0 V8" stroke="#fff" stroke-width="1.5"/>`,             // vertical
	`<path d="M0,0 L8,8" stroke="#fff" stroke-width="1.5"/>`,           // reverse diagonal
	`<path d="M0,4 H8 M4,0 V8" stroke="#fff" stroke-width="1.2"/>`,     // grid
}

// patternDefs declares the fill of series i as url(#<id>-s<i>).
func (d *svgDoc) patternDefs(n int) {
	d.printf("<defs>")
	for i := 0; i < n; i++ {
		d.printf(`<pattern id="%s-s%d" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="%s"/>%s</pattern>`,
			d.id, i, seriesColours[i%len(seriesColours)], patterns[(i/len(seriesColours)+i)%len(patterns)])
	}
	d.printf("</defs>\n")
}

func (d *svgDoc) fill(i int) string { return fmt.Sprintf("url(#%s-s%d)", d.id, i) }

// legend draws a swatch and a name per series, wrapping rows; it returns
// the height used.
func (d *svgDoc) legend(x, y float64, names []string) float64 {
	cx, row := x, 0
	for i, n := range names {
		label := short(n, 30)
		w := 24 + 7*float64(len([]rune(label)))
		if cx+w > d.w-10 && cx > x {
			cx, row = x, row+1
		}
		yy := y + float64(row)*18
		d.printf(`<g><title>%s</title><rect x="%.1f" y="%.1f" width="14" height="12" fill="%s" stroke="#333" stroke-width="0.5"/><text x="%.1f" y="%.1f">%s</text></g>`+"\n",
			esc(n), cx, yy, d.fill(i), cx+18, yy+10, esc(label))
		cx += w + 12
	}
	return float64(row+1) * 18
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten giving at
// most about five ticks up to max.
func niceStep(max float64) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// axis draws vertical grid lines and tick labels for values 0..max mapped to
// x0..x0+width, from y0 to y1; it returns the scale's maximum.
func (d *svgDoc) axis(x0, width, y0, y1, max float64, unit string) float64 {
	step := niceStep(max)
	top := math.Ceil(max/step) * step
	if top == 0 {
		top = step
	}
	for v := 0.0; v <= top+step/2; v += step {
		x := x0 + width*v/top
		d.printf(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ccc" stroke-width="0.7"/><text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">%s</text>`+"\n",
			x, y0, x, y1, x, y1+14, trimFloat(v))
	}
	d.printf(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">%s</text>`+"\n", x0+width/2, y1+30, esc(unit))
	return top
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// categoryBars draws grouped horizontal bars: per category, one bar per
// outlet of its rate per 1,000 words. Only categories some outlet uses are
// drawn, most used first, at most maxCats.
func categoryBars(id, title string, outlets []Outlet, cats []CategoryInfo, maxCats int) Chart {
	type group struct {
		cat   CategoryInfo
		total float64
	}
	var groups []group
	for _, c := range cats {
		t := 0.0
		for _, o := range outlets {
			t += float64(o.Categories[c.ID].Per1k)
		}
		if t > 0 {
			groups = append(groups, group{c, t})
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].total > groups[j].total })
	left := len(groups) - maxCats
	if left > 0 {
		groups = groups[:maxCats]
	}
	names := make([]string, len(outlets))
	for i, o := range outlets {
		names[i] = o.Outlet
	}
	const width, labelW, barH, gap = 760.0, 210.0, 11.0, 12.0
	legendH := 18 * float64(1+len(names)/4)
	plotTop := 14 + legendH + 6
	groupH := float64(len(outlets))*(barH+1) + gap
	plotH := float64(len(groups)) * groupH
	height := plotTop + plotH + 44
	var desc strings.Builder
	desc.WriteString("Hits per 1,000 words of each lexicon category, one bar per outlet. ")
	max := 0.0
	for _, g := range groups {
		fmt.Fprintf(&desc, "%s: ", g.cat.Label)
		for i, o := range outlets {
			v := float64(o.Categories[g.cat.ID].Per1k)
			max = math.Max(max, v)
			if i > 0 {
				desc.WriteString(", ")
			}
			fmt.Fprintf(&desc, "%s %.2f", o.Outlet, v)
		}
		desc.WriteString(". ")
	}
	if left > 0 {
		fmt.Fprintf(&desc, "%d less used categories are not drawn.", left)
	}
	d := newSVG(id, width, height, title, desc.String())
	d.patternDefs(len(outlets))
	d.legend(labelW, 4, names)
	barW := width - labelW - 60
	top := d.axis(labelW, barW, plotTop-4, plotTop+plotH, max, "hits per 1,000 words")
	for gi, g := range groups {
		y := plotTop + float64(gi)*groupH
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n",
			labelW-8, y+float64(len(outlets))*(barH+1)/2, esc(short(g.cat.Label, 32)))
		for i, o := range outlets {
			v := float64(o.Categories[g.cat.ID].Per1k)
			by := y + float64(i)*(barH+1)
			w := barW * v / top
			d.printf(`<g><title>%s — %s: %.2f per 1,000 words (%d hits)</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#333" stroke-width="0.4"/><text x="%.1f" y="%.1f" dominant-baseline="middle" font-size="10">%s</text></g>`+"\n",
				esc(o.Outlet), esc(g.cat.Label), v, o.Categories[g.cat.ID].Hits, labelW, by, w, barH, d.fill(i), labelW+w+3, by+barH/2+1, trimFloat(v))
		}
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

// voiceNames are the voices in the order the charts stack them.
var voiceNames = []string{"authorial", "quoted", "attributed", "negated", "distanced"}

// loadedVoice sums an outlet's loaded-category rates per voice, in the
// report's category order (float sums must not depend on map order).
func loadedVoice(o Outlet, cats []CategoryInfo) [5]float64 {
	var v [5]float64
	for _, cat := range cats {
		c, ok := o.Categories[cat.ID]
		if !ok || cat.Kind != "loaded" {
			continue
		}
		v[0] += float64(c.VoicePer1k.Authorial)
		v[1] += float64(c.VoicePer1k.Quoted)
		v[2] += float64(c.VoicePer1k.Attributed)
		v[3] += float64(c.VoicePer1k.Negated)
		v[4] += float64(c.VoicePer1k.Distanced)
	}
	return v
}

// voiceBars draws one stacked bar per outlet: its loaded hits per 1,000
// words, split by whose words they are.
func voiceBars(id, title string, outlets []Outlet, cats []CategoryInfo) Chart {
	const width, labelW, barH = 760.0, 210.0, 18.0
	plotTop := 14 + 18 + 8.0
	plotH := float64(len(outlets)) * (barH + 8)
	height := plotTop + plotH + 44
	max := 0.0
	var desc strings.Builder
	desc.WriteString("Loaded hits per 1,000 words, split by voice: the outlet's own (authorial), quoted, attributed (reported speech), negated and distanced (marked as someone else's claim). ")
	vals := make([][5]float64, len(outlets))
	for i, o := range outlets {
		vals[i] = loadedVoice(o, cats)
		max = math.Max(max, sum(vals[i][:]))
		fmt.Fprintf(&desc, "%s: authorial %.2f, quoted %.2f, attributed %.2f, negated %.2f, distanced %.2f. ", o.Outlet, vals[i][0], vals[i][1], vals[i][2], vals[i][3], vals[i][4])
	}
	d := newSVG(id, width, height, title, desc.String())
	d.patternDefs(len(voiceNames))
	d.legend(labelW, 4, voiceNames)
	barW := width - labelW - 60
	top := d.axis(labelW, barW, plotTop-4, plotTop+plotH, max, "loaded hits per 1,000 words")
	for i, o := range outlets {
		y := plotTop + float64(i)*(barH+8)
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", labelW-8, y+barH/2, esc(short(o.Outlet, 30)))
		x := labelW
		for k, v := range vals[i] {
			if v == 0 {
				continue
			}
			w := barW * v / top
			d.printf(`<g><title>%s — %s: %.2f per 1,000 words</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#333" stroke-width="0.4"/>`,
				esc(o.Outlet), voiceNames[k], v, x, y, w, barH, d.fill(k))
			if w > 34 {
				// A label inside the segment, on a white plate so it reads over the pattern.
				d.printf(`<rect x="%.1f" y="%.1f" width="30" height="12" fill="#fff" opacity="0.85"/><text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="middle" font-size="10">%s</text>`,
					x+w/2-15, y+barH/2-6, x+w/2, y+barH/2+1, trimFloat(v))
			}
			d.printf("</g>\n")
			x += w
		}
		t := sum(vals[i][:])
		d.printf(`<text x="%.1f" y="%.1f" dominant-baseline="middle" font-size="10">%s</text>`+"\n", x+3, y+barH/2+1, trimFloat(t))
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

// heatmap draws a symmetric outlet-by-outlet matrix, every cell labelled
// with its value (NaN: "–"): darker is more similar.
func heatmap(id, title, what string, names []string, m [][]Float) Chart {
	n := len(names)
	const labelW, cell = 200.0, 46.0
	colH := 150.0
	width := labelW + float64(n)*cell + 130 // room for the last rotated column label
	height := colH + float64(n)*cell + 20
	var desc strings.Builder
	desc.WriteString(what + " ")
	for i := range names {
		for j := i + 1; j < n; j++ {
			fmt.Fprintf(&desc, "%s and %s: %s. ", names[i], names[j], cellText(m[i][j]))
		}
	}
	d := newSVG(id, math.Max(width, 320), height, title, desc.String())
	for j, name := range names {
		x := labelW + float64(j)*cell + cell/2
		d.printf(`<text transform="translate(%.1f,%.1f) rotate(-50)" font-size="11">%s</text>`+"\n", x, colH-6, esc(short(name, 24)))
	}
	for i, name := range names {
		y := colH + float64(i)*cell
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle" font-size="11">%s</text>`+"\n", labelW-6, y+cell/2, esc(short(name, 30)))
		for j := range names {
			v := float64(m[i][j])
			fill, ink := "#f2f2f2", "#000"
			if !math.IsNaN(v) {
				// White to dark blue over [0, 1].
				t := math.Max(0, math.Min(1, v))
				r, g, b := 255-int(t*(255-8)), 255-int(t*(255-48)), 255-int(t*(255-107))
				fill = fmt.Sprintf("#%02x%02x%02x", r, g, b)
				if t > 0.55 {
					ink = "#fff"
				}
			}
			d.printf(`<g><title>%s and %s: %s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff"/><text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="middle" font-size="11" fill="%s">%s</text></g>`+"\n",
				esc(names[i]), esc(names[j]), cellText(m[i][j]), labelW+float64(j)*cell, y, cell, cell, fill, labelW+float64(j)*cell+cell/2, y+cell/2, ink, cellText(m[i][j]))
		}
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

func cellText(f Float) string {
	if f != f {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(f))
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
