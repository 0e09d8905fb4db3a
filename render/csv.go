package render

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/reports"
)

// Tidy exports: the report's numbers as CSV files next to
// report.json, one observation a row, for R, pandas, quanteda and LIWC
// users — who would otherwise have to flatten report.json's nesting
// themselves. UTF-8 with a header row (RFC 4180, through encoding/csv);
// a null (an interval the bootstrap did not compute, a rate of an outlet
// with no words) is an empty cell; floats are written as in report.json
// (at most 6 decimals). Rows come in report order, so the files are as
// deterministic as report.json.

// OutletsCSVHeader is outlets.csv's header. One row per scope, outlet,
// category and voice: event is empty for the whole corpus; voice is "all"
// or one of the five voices; category "loaded" (no lexicon category id has
// no slash) is the counted loaded hits, each span once, the headline
// figure. ci_lo and ci_hi are the 95% interval of per_1k: for "all" and
// "authorial", report.json's (the sentence bootstrap's, widened to the
// exact Poisson interval of the count); for the other voices, the exact
// Poisson interval of the count alone; empty for an outlet with no words.
var OutletsCSVHeader = []string{"event", "outlet", "category", "voice", "hits", "tokens", "per_1k", "ci_lo", "ci_hi"}

// ArticlesCSVHeader is articles.csv's header: one row per article analysed.
var ArticlesCSVHeader = []string{"id", "event", "outlet", "title", "published", "outlet_kind", "bias", "path", "tokens", "sentences", "hits",
	"loaded_per_1k", "authorial_per_1k", "weighted_loaded_per_1k", "weighted_authorial_per_1k", "excluded_tokens"}

// HitsCSVHeader is hits.csv's header: one row per hit, index being its
// index in report.json's hits (or line of hits.jsonl); start and end are
// byte offsets into the article's field (body or title), as in report.json.
// kind is the primary category's kind; counted says whether the hit counts
// as loaded (the model's or a rule's verdict), probability is the model's
// P(loaded) (empty with the lexicon scorer), categories every category of
// the span, separated by "|".
var HitsCSVHeader = []string{"index", "article", "event", "outlet", "field", "start", "end", "text", "term", "category", "voice", "speaker",
	"cue", "attributed_to", "actor", "weight", "polarity", "sentence", "headline", "rule", "kind", "counted", "probability", "categories", "scoring_rule"}

// WriteOutletsCSV writes outlets.csv.
func WriteOutletsCSV(w io.Writer, r *reports.Report) error {
	cw := csv.NewWriter(w)
	cw.Write(OutletsCSVHeader)
	scope := func(event string, outlets []reports.Outlet) {
		for _, o := range outlets {
			tokens := strconv.Itoa(o.Tokens)
			row := func(category, voice string, hits int, per1k reports.Float, ci [2]reports.Float, hasCI bool) {
				if !hasCI && o.Tokens > 0 && !math.IsNaN(float64(o.AuthorialPer1kCI[0])) {
					// No bootstrap for this voice (but intervals asked
					// for): the exact Poisson interval of its count.
					level := float64(r.Stats.Level)
					if !(level > 0 && level < 1) {
						level = 0.95
					}
					x := stats.PoissonInterval(hits, level)
					k := 1000 / float64(o.Tokens)
					ci, hasCI = [2]reports.Float{reports.Float(x.Lo * k), reports.Float(x.Hi * k)}, true
				}
				lo, hi := "", ""
				if hasCI {
					lo, hi = csvFloat(ci[0]), csvFloat(ci[1])
				}
				cw.Write([]string{event, o.Outlet, category, voice, strconv.Itoa(hits), tokens, csvFloat(per1k), lo, hi})
			}
			row("loaded", "all", o.Loaded.Total(), o.LoadedPer1k, o.LoadedPer1kCI, true)
			row("loaded", "authorial", o.Loaded.Authorial, o.AuthorialPer1k, o.AuthorialPer1kCI, true)
			for _, c := range r.Categories {
				st, ok := o.Categories[c.ID]
				if !ok {
					continue
				}
				ci, hasCI := o.CI[c.ID]
				row(c.ID, "all", st.Hits, st.Per1k, ci, hasCI)
				aci, hasACI := o.AuthorialCI[c.ID]
				row(c.ID, "authorial", st.Voice.Authorial, st.VoicePer1k.Authorial, aci, hasACI)
				row(c.ID, "quoted", st.Voice.Quoted, st.VoicePer1k.Quoted, [2]reports.Float{}, false)
				row(c.ID, "attributed", st.Voice.Attributed, st.VoicePer1k.Attributed, [2]reports.Float{}, false)
				row(c.ID, "negated", st.Voice.Negated, st.VoicePer1k.Negated, [2]reports.Float{}, false)
				row(c.ID, "distanced", st.Voice.Distanced, st.VoicePer1k.Distanced, [2]reports.Float{}, false)
			}
		}
	}
	for _, e := range r.Events {
		scope(e.Event, e.Outlets)
	}
	scope("", r.Outlets)
	cw.Flush()
	return cw.Error()
}

// WriteArticlesCSV writes articles.csv.
func WriteArticlesCSV(w io.Writer, r *reports.Report) error {
	cw := csv.NewWriter(w)
	cw.Write(ArticlesCSVHeader)
	for _, a := range r.Articles {
		cw.Write([]string{a.ID, a.Event, a.Outlet, a.Title, a.Published, a.OutletKind, a.Bias, a.Path,
			strconv.Itoa(a.Tokens), strconv.Itoa(a.Sentences), strconv.Itoa(a.Hits),
			csvFloat(a.LoadedPer1k), csvFloat(a.AuthorialPer1k), csvFloat(a.WeightedLoadedPer1k), csvFloat(a.WeightedAuthorialPer1k),
			strconv.Itoa(a.ExcludedTokens)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteHitsCSV writes hits.csv, reading the hits one at a time (from
// hits.jsonl for a large corpus): it holds none of them.
func WriteHitsCSV(w io.Writer, r *reports.Report) error {
	event := make(map[string]string, len(r.Articles))
	for _, a := range r.Articles {
		event[a.ID] = a.Event
	}
	cw := csv.NewWriter(w)
	cw.Write(HitsCSVHeader)
	err := r.EachHit(func(i int, h *reports.Hit) error {
		cw.Write([]string{strconv.Itoa(i), h.Article, event[h.Article], h.Outlet, h.Field, strconv.Itoa(h.Start), strconv.Itoa(h.End),
			h.Text, h.Term, h.Category, h.Voice, h.Speaker, h.Cue, h.AttributedTo, h.Actor, csvFloat(h.Weight), h.Polarity,
			strconv.Itoa(h.Sentence), strconv.FormatBool(h.Headline), h.Rule, h.Kind, strconv.FormatBool(h.Counted), csvFloat(h.Probability),
			strings.Join(h.Categories, "|"), h.ScoringRule})
		return cw.Error()
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvFloat writes a Float as report.json does, and null as an empty cell.
func csvFloat(f reports.Float) string {
	b, _ := f.MarshalJSON()
	if string(b) == "null" {
		return ""
	}
	return string(b)
}
