package render

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/framing/framing/internal/textfmt"
	"github.com/framing/framing/reports"
)

// The front page answers the question an instructor opens the report with
// — who loads the story in its own voice? — for every event at once, on one
// projector screen: per event, a dot-and-interval chart of each
// outlet's authorial loaded rate beside its all-voice rate, and one line
// that reads it.

// rateRow is one outlet of an event on the front page.
type rateRow struct {
	Outlet string
	Type   string           // the outlet's bias label, else its kind ("encyclopedia"), else ""
	Dates  []string         // its articles' dates, "2 Jan 2006", sorted, distinct
	Own    reports.Float    // authorial loaded rate
	CI     [2]reports.Float // its 95% interval
	All    reports.Float    // loaded rate over all voices
}

// rateRows lists an event's outlets, highest authorial rate first (ties by
// name), with their type and article dates.
func rateRows(r *reports.Report, e reports.EventReport) []rateRow {
	rows := make([]rateRow, 0, len(e.Outlets))
	for _, o := range e.Outlets {
		row := rateRow{Outlet: o.Outlet, Own: o.AuthorialPer1k, CI: o.AuthorialPer1kCI, All: o.LoadedPer1k}
		seen := map[string]bool{}
		for _, a := range r.Articles {
			if a.Event != e.Event || a.Outlet != o.Outlet {
				continue
			}
			if row.Type == "" {
				row.Type = a.Bias
				if row.Type == "" {
					row.Type = a.OutletKind
				}
			}
			if d := dayOf(a.Published); d != "" && !seen[d] {
				seen[d] = true
				row.Dates = append(row.Dates, d)
			}
		}
		sort.Slice(row.Dates, func(i, j int) bool { return dayTime(row.Dates[i]).Before(dayTime(row.Dates[j])) })
		rows = append(rows, row)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Own != rows[j].Own {
			return rows[i].Own > rows[j].Own
		}
		return rows[i].Outlet < rows[j].Outlet
	})
	return rows
}

const dayLayout = "2 Jan 2006"

// dayOf formats a front-matter date ("2024-11-29", RFC 3339) as "29 Nov
// 2024"; "" when there is none.
func dayOf(published string) string {
	if len(published) < 10 {
		return ""
	}
	t, err := time.Parse("2006-01-02", published[:10])
	if err != nil {
		return ""
	}
	return t.Format(dayLayout)
}

func dayTime(day string) time.Time {
	t, _ := time.Parse(dayLayout, day)
	return t
}

// sharedDates is the dates every row's articles have when they all have
// the same ones (the usual case: one day's coverage), else nil.
func sharedDates(rows []rateRow) []string {
	if len(rows) == 0 || len(rows[0].Dates) == 0 {
		return nil
	}
	first := strings.Join(rows[0].Dates, ",")
	for _, r := range rows[1:] {
		if strings.Join(r.Dates, ",") != first {
			return nil
		}
	}
	return rows[0].Dates
}

// Front-page chart geometry, in CSS pixels: two event cards side by side at
// 1280 px.
const (
	rateW      = 600.0
	rateLabelW = 262.0
	rateValueW = 96.0
	rateRowH   = 20.0
)

// rateChart draws an event's dot-and-interval chart: per outlet (rateRows
// order), a filled dot at its authorial loaded rate on its 95% interval, in
// the authorial colour, and a hollow ring at its rate over all voices; the
// values at the right, "authorial (all voices)".
func rateChart(id, title string, r *reports.Report, e reports.EventReport) Chart {
	rows := rateRows(r, e)
	shared := sharedDates(rows) != nil
	maxV := 0.0
	var desc strings.Builder
	desc.WriteString("Per outlet, loaded words per 1,000 words in its own voice (a filled dot, with its 95% interval) and over all voices, quoted and reported words included (a ring). ")
	for _, row := range rows {
		maxV = math.Max(maxV, math.Max(float64(row.All), float64(row.Own)))
		if hi := float64(row.CI[1]); !math.IsNaN(hi) {
			maxV = math.Max(maxV, hi)
		}
		fmt.Fprintf(&desc, "%s: %.2f in its own voice %s, %.2f over all voices. ", row.Outlet, float64(row.Own), textfmt.Interval(row.CI), float64(row.All))
	}
	const top = 2.0
	height := top + float64(len(rows))*rateRowH + chartFont + 8
	d := newSVG(id, rateW, height, title, desc.String())
	x0, x1 := rateLabelW+10, rateW-rateValueW-8
	scale := d.axis(x0, x1-x0, top, top+float64(len(rows))*rateRowH, maxV, 4, "")
	x := func(v reports.Float) float64 { return x0 + (x1-x0)*math.Max(0, float64(v))/scale }
	own := voiceStyleOf("authorial")
	for i, row := range rows {
		y := top + float64(i)*rateRowH + rateRowH/2
		label := row.Outlet
		meta := row.Type
		if !shared && len(row.Dates) > 0 {
			if meta != "" {
				meta += ", "
			}
			meta += strings.Join(row.Dates, ", ")
		}
		d.printf(`<g><title>%s: %.2f loaded words per 1,000 in its own voice %s; %.2f over all voices</title>`, esc(row.Outlet), float64(row.Own), textfmt.Interval(row.CI), float64(row.All))
		nameW := textWidth(label, chartFont) * 1.08 // bold
		if meta != "" && nameW+textWidth(" · "+meta, chartFont) <= rateLabelW {
			d.printf(`<text x="0" y="%.1f" dominant-baseline="central"><tspan font-weight="700">%s</tspan><tspan fill="#4d4d4d"> · %s</tspan></text>`, y, esc(label), esc(meta))
		} else {
			d.printf(`<text x="0" y="%.1f" dominant-baseline="central" font-weight="700">%s</text>`, y, esc(fit(label, rateLabelW/1.08, chartFont)))
		}
		if lo, hi := row.CI[0], row.CI[1]; !math.IsNaN(float64(lo)) && !math.IsNaN(float64(hi)) {
			d.printf(`<line class="ci" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="6" stroke-linecap="round"/>`, x(lo), y, math.Max(x(hi), x(lo)+0.5), y, own.Tint)
		}
		d.printf(`<circle class="all" cx="%.1f" cy="%.1f" r="7" fill="none" stroke="%s" stroke-width="2"/>`, x(row.All), y, allVoicesInk)
		d.printf(`<circle class="own" cx="%.1f" cy="%.1f" r="5.5" fill="%s" stroke="#fff" stroke-width="1"/>`, x(row.Own), y, own.Colour)
		d.printf(`<text x="%.1f" y="%.1f" dominant-baseline="central" text-anchor="end"><tspan font-weight="700">%s</tspan><tspan fill="#4d4d4d"> (%s)</tspan></text></g>`+"\n",
			rateW, y, fmt.Sprintf("%.1f", float64(row.Own)), fmt.Sprintf("%.1f", float64(row.All)))
	}
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}
}

// eventReading says in one line what an event's chart shows: whether the
// intervals separate any outlet's own-voice loaded rate from another's, and
// if so which. An outlet is not said to load the event most unless its
// interval clears the others': overlapping intervals are "no clear
// difference", the lesson the chart teaches. One line on the front page:
// the event's section says the rest (summaryText).
func eventReading(r *reports.Report, e reports.EventReport) string {
	rows := rateRows(r, e)
	if len(rows) == 0 {
		return ""
	}
	topRow := rows[0]
	if len(rows) == 1 {
		return fmt.Sprintf("Only %s covers this event: nothing to compare.", topRow.Outlet)
	}
	var clearly []string
	for _, d := range e.Comparison.ClearDifferences {
		if d.Measure == "authorial_per_1k" && d.Higher == topRow.Outlet {
			clearly = append(clearly, d.Lower)
		}
	}
	sort.Strings(clearly)
	switch {
	case topRow.Own == 0:
		return "No outlet writes a loaded word in its own voice."
	case len(clearly) == 0:
	case len(clearly) == len(rows)-1:
		return fmt.Sprintf("%s writes the most loaded words in its own voice, clearly more than %s.", topRow.Outlet, joinAnd(clearly, "the others"))
	case len(clearly) > 0:
		var rest []string
		for _, row := range rows[1:] {
			if !slices.Contains(clearly, row.Outlet) {
				rest = append(rest, row.Outlet)
			}
		}
		return fmt.Sprintf("%s writes more loaded words in its own voice than %s; no clear difference from %s.", topRow.Outlet, joinAnd(clearly, ""), joinAnd(rest, ""))
	}
	var pairs []string
	for _, d := range e.Comparison.ClearDifferences {
		if d.Measure == "authorial_per_1k" {
			pairs = append(pairs, d.Higher+" writes more than "+d.Lower)
		}
	}
	if len(pairs) == 0 {
		return "No clear difference in the outlets' own voice: their 95% intervals overlap."
	}
	sort.Strings(pairs)
	return fmt.Sprintf("No outlet clearly writes the most loaded words in its own voice (%s's interval overlaps the others'); %s.", topRow.Outlet, joinAnd(pairs, ""))
}

// joinAnd joins names as "A", "A and B", "A, B and C"; all, when set, is
// said instead of a list of three or more.
func joinAnd(names []string, all string) string {
	switch {
	case len(names) == 1:
		return names[0]
	case len(names) == 2:
		return names[0] + " and " + names[1]
	case all != "":
		return all
	default:
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
}

// keynessTerms is how many words each side of a keyness chart shows.
const keynessTerms = 10

// keynessFiller are words a keyness chart leaves out, with numbers: dates
// and the filler of news writing, which set two outlets apart by when and
// how much they wrote, not by how they framed it. report.json and the
// distinctive-terms tables keep every stem.
var keynessFiller = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "today": true, "yesterday": true, "tomorrow": true, "tonight": true,
	"week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true, "day": true, "days": true,
	"night": true, "morning": true, "evening": true, "afternoon": true, "hour": true, "hours": true, "minute": true, "minutes": true,
	"including": true, "include": true, "includes": true, "also": true, "said": true, "says": true, "say": true, "told": true,
	"according": true, "percent": true, "per": true, "cent": true, "mr": true, "mrs": true, "ms": true, "would": true, "could": true,
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true,
	"ten": true, "first": true, "second": true, "third": true, "last": true, "many": true, "several": true, "since": true,
}

// keynessWord reports whether a distinctive word belongs in a keyness
// chart: no digit, no date, no filler.
func keynessWord(d reports.Distinctive) bool {
	w := strings.ToLower(d.Form)
	if w == "" {
		w = d.Term
	}
	return !strings.ContainsAny(w, "0123456789") && !keynessFiller[w] && !keynessFiller[d.Term]
}

// keynessChart draws, for an event with two outlets, the words that set
// them apart, as quanteda's textplot_keyness does: the first outlet's most
// key words (signed G², largest first) as bars to the right, the second's
// to the left, each word as written (Distinctive.Form) beside its bar, a
// star when its q < 0.05. ok is false when neither outlet has a key word.
func keynessChart(id, title string, e reports.EventReport) (Chart, bool) {
	a, b := e.Outlets[0].Outlet, e.Outlets[1].Outlet
	side := func(outlet string) []reports.Distinctive {
		var rows []reports.Distinctive
		for _, d := range e.Distinctive {
			if d.Outlet == outlet && d.Kind == "stem" && d.G2 > 0 && !math.IsNaN(float64(d.G2)) && keynessWord(d) {
				rows = append(rows, d)
			}
		}
		sort.SliceStable(rows, func(i, j int) bool {
			if rows[i].G2 != rows[j].G2 {
				return rows[i].G2 > rows[j].G2
			}
			return rows[i].Term < rows[j].Term
		})
		if len(rows) > keynessTerms {
			rows = rows[:keynessTerms]
		}
		return rows
	}
	ra, rb := side(a), side(b)
	if len(ra)+len(rb) == 0 {
		return Chart{}, false
	}
	maxG := 0.0
	var desc strings.Builder
	fmt.Fprintf(&desc, "Signed log-likelihood keyness (G²) of word stems: words %s uses more than %s to the right, words %s uses more to the left. ", a, b, b)
	for _, rows := range [][]reports.Distinctive{ra, rb} {
		for _, d := range rows {
			maxG = math.Max(maxG, float64(d.G2))
			fmt.Fprintf(&desc, "%s: %s, G² %.1f (%d vs %d uses). ", d.Outlet, wordOf(d), float64(d.G2), d.Count, d.CountRest)
		}
	}
	const width, rowH, head = 760.0, 22.0, 34.0
	n := len(ra) + len(rb)
	height := head + float64(n)*rowH + 2*chartFont + 20
	d := newSVG(id, width, height, title, desc.String())
	mid := width / 2
	half := mid - 150
	shadeA, shadeB := outletShades[0], outletShades[1]
	// Key: which side is which outlet.
	d.printf(`<rect x="%.1f" y="6" width="14" height="14" fill="%s"/><text x="%.1f" y="13" dominant-baseline="central">%s uses more</text>`+"\n", mid+10, shadeA, mid+30, esc(fit(a, mid-130, chartFont)))
	d.printf(`<rect x="%.1f" y="6" width="14" height="14" fill="%s"/><text x="%.1f" y="13" dominant-baseline="central" text-anchor="end">%s uses more</text>`+"\n", mid-24, shadeB, mid-30, esc(fit(b, mid-130, chartFont)))
	step := niceStep(maxG, 3)
	scale := math.Ceil(maxG/step) * step
	if scale == 0 {
		scale = 1
	}
	y1 := head + float64(n)*rowH
	for v := 0.0; v <= scale+step/2; v += step {
		for _, sign := range []float64{1, -1} {
			if v == 0 && sign < 0 {
				continue
			}
			xx := mid + sign*half*v/scale
			d.printf(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#c8c8c8"/><text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">%s</text>`+"\n", xx, head, xx, y1, xx, y1+chartFont+2, trimFloat(sign*v))
		}
	}
	d.printf(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="#444">signed G² (log-likelihood keyness); * q &lt; 0.05</text>`+"\n", mid, y1+2*chartFont+8)
	row := 0
	draw := func(rows []reports.Distinctive, sign float64, shade string) {
		for _, k := range rows {
			y := head + float64(row)*rowH
			w := half * float64(k.G2) / scale
			xBar := mid
			if sign < 0 {
				xBar = mid - w
			}
			word := wordOf(k)
			if k.Q < 0.05 {
				word += "*"
			}
			d.printf(`<g><title>%s: %s, G² %.1f, %d uses vs %d in the other outlet, q %.3f</title><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" stroke="#1a1a1a" stroke-width="0.5"/>`,
				esc(k.Outlet), esc(wordOf(k)), float64(k.G2), k.Count, k.CountRest, float64(k.Q), xBar, y+3, math.Max(w, 0.5), rowH-6, shade)
			if sign > 0 {
				d.printf(`<text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="central">%s</text></g>`+"\n", mid-6, y+rowH/2, esc(fit(word, half-10, chartFont)))
			} else {
				d.printf(`<text x="%.1f" y="%.1f" dominant-baseline="central">%s</text></g>`+"\n", mid+6, y+rowH/2, esc(fit(word, half-10, chartFont)))
			}
			row++
		}
	}
	draw(ra, 1, shadeA)
	// The second outlet's words from the least to the most key, so the
	// longest bars sit at the ends, as in textplot_keyness.
	rev := make([]reports.Distinctive, len(rb))
	for i, k := range rb {
		rev[len(rb)-1-i] = k
	}
	draw(rev, -1, shadeB)
	return Chart{File: chartFile(id), Title: title, SVG: d.bytes()}, true
}

// wordOf is a distinctive term as readers see it: its spelling, else the
// stem.
func wordOf(d reports.Distinctive) string {
	if d.Form != "" {
		return d.Form
	}
	return d.Term
}
