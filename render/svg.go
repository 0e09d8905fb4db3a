package render

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framing/framing/reports"
)

// The bar charts, the heatmap, the front page's dot-and-interval charts and
// the keyness chart are written by hand rather than with gonum/plot (which
// draws the PCA map): each mark needs its own <title> (what a hover or a
// screen reader reads), value labels and the voice palette, and gonum/plot
// fills flat rectangles only.
//
// Every chart is drawn at the size it is shown (width and height in CSS
// pixels; the page only ever shrinks it to fit a narrow screen), so its
// text is the size it says: chartFont, 14 px or more, readable on a
// projector at 1280×720. Voices carry their palette colours
// (palette.go), the same in every chart; nothing else is coloured.

// chartFont is the smallest text in a chart, in CSS pixels.
const chartFont = 14

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
	fmt.Fprintf(&d.b, `<svg xmlns="http://www.w3.org/2000/svg" id="%s" role="img" aria-labelledby="%s-t %s-d" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif" font-size="%d" fill="#1a1a1a">`,
		id, id, id, w, h, w, h, chartFont)
	fmt.Fprintf(&d.b, "\n<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>\n", id, esc(title), id, esc(desc))
	return d
}

func (d *svgDoc) printf(format string, args ...any) { fmt.Fprintf(&d.b, format, args...) }

func (d *svgDoc) bytes() []byte {
	d.b.WriteString("</svg>\n")
	return []byte(d.b.String())
}

// textWidth estimates the width of s set in the charts' sans-serif at size
// px: per-character advances of a typical UI face (Roboto, Noto Sans,
// Segoe UI differ by a few per cent), rounded up so labels placed by it do
// not touch. The browser test measures the real boxes.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case strings.ContainsRune("iIljl.,:;'|!()[]’‘ ", r):
			w += 0.30
		case strings.ContainsRune("frt-", r):
			w += 0.40
		case strings.ContainsRune("mwMW@", r):
			w += 0.90
		case unicode.IsUpper(r):
			w += 0.70
		case unicode.IsDigit(r):
			w += 0.58
		default:
			w += 0.58
		}
	}
	return w * size
}

// fit shortens s with an ellipsis until it is at most px wide at size.
func fit(s string, px, size float64) string {
	if textWidth(s, size) <= px {
		return s
	}
	for len(s) > 0 {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if textWidth(s+"…", size) <= px {
			return strings.TrimRight(s, " ") + "…"
		}
	}
	return "…"
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten giving at
// most about n ticks up to max.
func niceStep(max float64, n int) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// axis draws vertical grid lines and tick labels for values 0..max mapped to
// x0..x0+width, from y0 to y1, about ticks ticks; it returns the scale's
// maximum. unit, when set, is written under the tick labels.
func (d *svgDoc) axis(x0, width, y0, y1, max float64, ticks int, unit string) float64 {
	step := niceStep(max, ticks)
	top := math.Ceil(max/step) * step
	if top == 0 {
		top = step
	}
	for v := 0.0; v <= top+step/2; v += step {
		x := x0 + width*v/top
		d.printf(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8c8c8" stroke-width="1"/><text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">%s</text>`+"\n",
			x, y0, x, y1, x, y1+chartFont+2, trimFloat(v))
	}
	if unit != "" {
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">%s</text>`+"\n", x0+width/2, y1+2*chartFont+8, esc(unit))
	}
	return top
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// maxBarRows caps the bars of a category chart: past thirty rows the chart
// is taller than a screen (the tables list every category).
const maxBarRows = 30

// categoryBars draws, per category, one row per outlet: a filled bar of its
// rate in its own voice (the authorial colour) over an outlined bar of its
// rate over all voices, labelled "authorial / all". Categories carry their
// number on the page (the legend's), outlets their names: no colour codes
// an outlet. The categories some outlet uses, most used in the outlets'
// own voice first, as many as fit maxBarRows.
func categoryBars(id, title string, outlets []reports.Outlet, cats []reports.CategoryInfo) Chart {
	type group struct {
		n        int // the category's number on the page
		cat      reports.CategoryInfo
		own, all float64
	}
	var groups []group
	for i, c := range cats {
		g := group{n: i + 1, cat: c}
		for _, o := range outlets {
			g.own += float64(o.Categories[c.ID].VoicePer1k.Authorial)
			g.all += float64(o.Categories[c.ID].Per1k)
		}
		if g.all > 0 {
			groups = append(groups, g)
		}
	}
	sort.SliceStable(groups, func(i, j int) bool {
		if groups[i].own != groups[j].own {
			return groups[i].own > groups[j].own
		}
		return groups[i].all > groups[j].all
	})
	maxCats := max(1, maxBarRows/max(1, len(outlets)))
	left := len(groups) - maxCats
	if left > 0 {
		groups = groups[:maxCats]
	}
	const width, labelW, rowH, headH, gap = 760.0, 230.0, 20.0, 24.0, 8.0
	plotTop := 8.0
	plotH := 0.0
	for range groups {
		plotH += headH + float64(len(outlets))*rowH + gap
	}
	height := plotTop + plotH + 2*chartFont + 16
	var desc strings.Builder
	desc.WriteString("Hits per 1,000 words of each lexicon category: in the outlet's own voice (filled bar), and over all voices, quoted and reported words included (outlined bar). ")
	maxV := 0.0
	for _, g := range groups {
		fmt.Fprintf(&desc, "%d %s: ", g.n, g.cat.Label)
		for i, o := range outlets {
			st := o.Categories[g.cat.ID]
			maxV = math.Max(maxV, float64(st.Per1k))
			if i > 0 {
				desc.WriteString("; ")
			}
			fmt.Fprintf(&desc, "%s %.2f authorial, %.2f all voices", o.Outlet, float64(st.VoicePer1k.Authorial), float64(st.Per1k))
		}
		desc.WriteString(". ")
	}
	if left > 0 {
		fmt.Fprintf(&desc, "%d less used categories are not drawn.", left)
	}
	d := newSVG(id, width, height, title, desc.String())
	barW := width - labelW - 90
	top := d.axis(labelW, barW, plotTop, plotTop+plotH, maxV, 5, "hits per 1,000 words: filled in the outlet's own voice, outlined over all voices")
	own := voiceStyleOf("authorial").Colour
	y := plotTop
	for _, g := range groups {
		d.printf(`<text x="6" y="%.1f" font-weight="700">%s</text>`+"\n", y+headH-7, esc(fit(fmt.Sprintf("%d  %s", g.n, g.cat.Label), width-12, chartFont)))
		y += headH
		for _, o := range outlets {
			st := o.Categories[g.cat.ID]
			a, all := float64(st.VoicePer1k.Authorial), float64(st.Per1k)
			wa, wall := barW*a/top, barW*all/top
			d.printf(`<g><title>%s — %s: %.2f per 1,000 words in its own voice, %.2f over all voices (%d hits, %d authorial)</title>`,
				esc(o.Outlet), esc(g.cat.Label), a, all, st.Hits, st.Voice.Authorial)
			d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="central">%s</text>`, labelW-8, y+rowH/2, esc(fit(o.Outlet, labelW-20, chartFont)))
			d.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#fff" stroke="%s" stroke-width="1.5"/>`, labelW, y+3, math.Max(wall, 0.5), rowH-6, allVoicesInk)
			if wa > 0 {
				d.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, labelW, y+3, wa, rowH-6, own)
			}
			d.printf(`<text x="%.1f" y="%.1f" dominant-baseline="central">%s / %s</text></g>`+"\n", labelW+math.Max(wa, wall)+6, y+rowH/2, trimFloat(a), trimFloat(all))
			y += rowH
		}
		y += gap
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

// voiceNames are the voices in the order the charts stack them.
var voiceNames = []string{"authorial", "quoted", "attributed", "negated", "distanced"}

// loadedVoice sums an outlet's loaded-category rates per voice, in the
// report's category order (float sums must not depend on map order).
func loadedVoice(o reports.Outlet, cats []reports.CategoryInfo) [5]float64 {
	// The counted loaded hits, each span once: the figures the rates and
	// tables beside the chart count.
	per1k := func(n int) float64 {
		if o.Tokens == 0 {
			return 0
		}
		return 1000 * float64(n) / float64(o.Tokens)
	}
	l := o.Loaded
	return [5]float64{per1k(l.Authorial), per1k(l.Quoted), per1k(l.Attributed), per1k(l.Negated), per1k(l.Distanced)}
}

// voiceBars draws one stacked bar per outlet: its loaded hits per 1,000
// words, split by whose words they are, in the voices' colours (the page's
// one legend names them; each segment's <title> too).
func voiceBars(id, title string, outlets []reports.Outlet, cats []reports.CategoryInfo) Chart {
	const width, labelW, barH, rowGap = 760.0, 230.0, 22.0, 8.0
	plotTop := 8.0
	plotH := float64(len(outlets)) * (barH + rowGap)
	// The axis, then a key of the voices' colours: the chart reads alone,
	// projected or copied out of the page.
	height := plotTop + plotH + 2*chartFont + 16 + chartFont + 14
	maxV := 0.0
	var desc strings.Builder
	desc.WriteString("Loaded hits per 1,000 words, split by voice: the outlet's own (authorial), quoted, attributed (reported speech), negated and distanced (marked as someone else's claim). ")
	vals := make([][5]float64, len(outlets))
	for i, o := range outlets {
		vals[i] = loadedVoice(o, cats)
		maxV = math.Max(maxV, sum(vals[i][:]))
		fmt.Fprintf(&desc, "%s: authorial %.2f, quoted %.2f, attributed %.2f, negated %.2f, distanced %.2f. ", o.Outlet, vals[i][0], vals[i][1], vals[i][2], vals[i][3], vals[i][4])
	}
	d := newSVG(id, width, height, title, desc.String())
	barW := width - labelW - 70
	top := d.axis(labelW, barW, plotTop, plotTop+plotH, maxV, 5, "loaded hits per 1,000 words, by voice")
	for i, o := range outlets {
		y := plotTop + float64(i)*(barH+rowGap) + rowGap/2
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="central">%s</text>`+"\n", labelW-8, y+barH/2, esc(fit(o.Outlet, labelW-20, chartFont)))
		x := labelW
		for k, v := range vals[i] {
			if v == 0 {
				continue
			}
			vs := voicePalette[k]
			w := barW * v / top
			d.printf(`<g class="v-%s"><title>%s — %s: %.2f per 1,000 words</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff" stroke-width="1"/>`,
				vs.Voice, esc(o.Outlet), vs.Label, v, x, y, w, barH, vs.Colour)
			label := trimFloat(v)
			if lw := textWidth(label, chartFont) + 8; w > lw {
				// A label inside the segment, on a white plate so it reads over any colour.
				d.printf(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="#fff"/><text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="central">%s</text>`,
					x+w/2-lw/2+2, y+3, lw-4, barH-6, x+w/2, y+barH/2, label)
			}
			d.printf("</g>\n")
			x += w
		}
		d.printf(`<text x="%.1f" y="%.1f" dominant-baseline="central" font-weight="700">%s</text>`+"\n", x+6, y+barH/2, trimFloat(sum(vals[i][:])))
	}
	ky := height - chartFont/2 - 6
	kx := labelW
	d.printf(`<g class="key">`)
	for _, vs := range voicePalette {
		d.printf(`<rect x="%.1f" y="%.1f" width="14" height="14" fill="%s" stroke="#555" stroke-width="0.5"/><text x="%.1f" y="%.1f" dominant-baseline="central">%s</text>`,
			kx, ky-7, vs.Colour, kx+19, ky, vs.Label)
		kx += 19 + textWidth(vs.Label, chartFont) + 18
	}
	d.printf("</g>\n")
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

// heatmap draws a symmetric outlet-by-outlet matrix, every cell labelled
// with its value (NaN: "–"): darker grey is more similar. Rows carry the
// outlets' numbers and names, columns their numbers only: names written
// across the top collide (sixteen of them at a legible size, or even two
// rotated ones, whose boxes overlap), numbers never do.
func heatmap(id, title, what string, names []string, m [][]reports.Float) Chart {
	n := len(names)
	const cell, colH = 52.0, 30.0
	labelW := 40.0
	for i, name := range names {
		labelW = math.Max(labelW, textWidth(fmt.Sprintf("%d  %s", i+1, name), chartFont)+16)
	}
	// Wide enough for a long outlet name whole (World Socialist Web Site):
	// a name cut short is ambiguous.
	labelW = math.Min(labelW, 460)
	width := math.Max(labelW+float64(n)*cell+8, 360)
	height := colH + float64(n)*cell + 8
	var desc strings.Builder
	desc.WriteString(what + " ")
	for i := range names {
		for j := i + 1; j < n; j++ {
			fmt.Fprintf(&desc, "%s and %s: %s. ", names[i], names[j], cellText(m[i][j]))
		}
	}
	d := newSVG(id, width, height, title, desc.String())
	for j := range names {
		x := labelW + float64(j)*cell + cell/2
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="middle" font-weight="700">%d</text>`+"\n", x, colH-10, j+1)
	}
	for i, name := range names {
		y := colH + float64(i)*cell
		d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="central"><tspan font-weight="700">%d</tspan>  %s</text>`+"\n",
			labelW-8, y+cell/2, i+1, esc(fit(name, labelW-40, chartFont)))
		for j := range names {
			v := float64(m[i][j])
			fill, ink := "#f2f2f2", "#1a1a1a"
			if !math.IsNaN(v) {
				// White to near black over [0, 1]: greys, no voice's colour.
				t := math.Max(0, math.Min(1, v))
				g := 255 - int(t*(255-40))
				fill = fmt.Sprintf("#%02x%02x%02x", g, g, g)
				if t > 0.5 {
					ink = "#fff"
				}
			}
			d.printf(`<g><title>%s and %s: %s</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#fff"/><text x="%.1f" y="%.1f" text-anchor="middle" dominant-baseline="central" fill="%s">%s</text></g>`+"\n",
				esc(names[i]), esc(names[j]), cellText(m[i][j]), labelW+float64(j)*cell, y, cell, cell, fill, labelW+float64(j)*cell+cell/2, y+cell/2, ink, cellText(m[i][j]))
		}
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

func cellText(f reports.Float) string {
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
