package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/framing/framing/internal/textfmt"
)

// Diffing two report sets (`framing diff OLD NEW`) tells a CI job
// what changed between two runs, most serious first:
//
//   - contract: report.json's public contract broke — the schema changed,
//     or a field OLD has is gone or changed type in NEW (added fields are
//     the contract's way to grow, and are fine);
//   - provenance: what the run was made from changed — generator version,
//     a lexicon or gazetteer (by sha256), the statistics settings, the
//     corpus counts, articles added, removed or edited (by the file's
//     sha256);
//   - drift: the results moved — a rate of an outlet (per event and over
//     the corpus: the authorial and all-voice loaded rates, each
//     category's rate over all voices and in the authorial voice) beyond
//     the tolerance, or hits added or removed, keyed by (article, field,
//     start, end, category, counted).
//
// A rate change is called clear when the new value lies outside the old
// run's 95% interval of that rate: a change the old run's own uncertainty
// does not cover. Equality is |new − old| ≤ atol + rtol·|old|: report.json
// rounds to 6 decimals, so the default atol is 1e-6.

// Diff levels, least to most serious. A diff's Level is its most serious
// difference; `framing diff --fail-on L` exits 1 when Level ≥ L.
const (
	LevelSame       = "same"
	LevelDrift      = "drift"
	LevelProvenance = "provenance"
	LevelContract   = "contract"
)

// DiffLevels are the levels in order of seriousness.
var DiffLevels = []string{LevelSame, LevelDrift, LevelProvenance, LevelContract}

// LevelRank orders levels; -1 for an unknown one.
func LevelRank(level string) int {
	for i, l := range DiffLevels {
		if l == level {
			return i
		}
	}
	return -1
}

// DiffSchema identifies the JSON form of a diff.
const DiffSchema = "framing.diff/v1"

// Tolerance says when two rates are the same.
type Tolerance struct {
	Rel, Abs float64
}

// DefaultTolerance treats report.json's 6-decimal rounding as equality.
var DefaultTolerance = Tolerance{Rel: 0, Abs: 1e-6}

func (t Tolerance) same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(b-a) <= t.Abs+t.Rel*math.Abs(a)
}

// ReportDiff is what changed from one report to another.
type ReportDiff struct {
	Schema     string         `json:"schema"`
	Level      string         `json:"level"` // the most serious difference: same | drift | provenance | contract
	Contract   []string       `json:"contract"`
	Provenance []Change       `json:"provenance"`
	Articles   ArticleChanges `json:"articles"`
	// Events and Outlets list what only one report has: a new outlet's
	// rates did not move, they began, so they are listed here, not as
	// rates.
	Events  NameChanges      `json:"events"`
	Outlets []OutletPresence `json:"outlets"`
	// Rates are grouped by event and outlet, the group with the largest
	// move first, and the largest move first in each.
	Rates     []RateChange `json:"rates"`
	Hits      HitChanges   `json:"hits"`
	Tolerance Tolerance    `json:"tolerance"`
}

// Change is one provenance field, old and new.
type Change struct {
	What string `json:"what"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// ArticleChanges lists articles by id.
type ArticleChanges struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Edited  []string `json:"edited"`
}

// NameChanges lists names only one report has.
type NameChanges struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// OutletPresence is an outlet in a scope (an event, or "" for the whole
// corpus) that only one report has.
type OutletPresence struct {
	Event  string `json:"event"`
	Outlet string `json:"outlet"`
	Change string `json:"change"` // added | removed
}

// RateChange is one rate that moved beyond the tolerance, or appeared or
// disappeared with its category.
type RateChange struct {
	Event   string   `json:"event"` // "" for the whole corpus
	Outlet  string   `json:"outlet"`
	Measure string   `json:"measure"` // authorial_per_1k, loaded_per_1k, or a category id
	Voice   string   `json:"voice"`   // authorial | all
	Old     Float    `json:"old"`     // null when the rate is new
	New     Float    `json:"new"`     // null when it is gone
	OldCI   [2]Float `json:"old_ci"`
	// Clear: the new value is outside the old 95% interval.
	Clear bool `json:"clear"`
}

// HitChanges counts and lists (the first MaxListedHits of each) the hits
// only one report has.
type HitChanges struct {
	Added       int      `json:"added"`
	Removed     int      `json:"removed"`
	AddedList   []HitKey `json:"added_list"`
	RemovedList []HitKey `json:"removed_list"`
}

// HitKey identifies a hit across runs.
type HitKey struct {
	Article  string `json:"article"`
	Field    string `json:"field"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Voice    string `json:"voice"`
	// Counted: the model's verdict is part of a hit's identity, so a hit
	// that stops (or starts) counting shows as one removed and one added.
	Counted bool `json:"counted"`
}

// MaxListedHits caps the hits a diff lists of each kind.
const MaxListedHits = 50

// Diff compares two reports: old and new as read (ReadJSONFile), oldRaw and
// newRaw their report.json bytes (for the contract check, which looks at
// the fields as written).
func Diff(old, new *Report, oldRaw, newRaw []byte, tol Tolerance) (*ReportDiff, error) {
	d := &ReportDiff{Schema: DiffSchema, Tolerance: tol, Contract: []string{}, Provenance: []Change{}, Rates: []RateChange{},
		Articles: ArticleChanges{Added: []string{}, Removed: []string{}, Edited: []string{}},
		Events:   NameChanges{Added: []string{}, Removed: []string{}}, Outlets: []OutletPresence{},
		Hits: HitChanges{AddedList: []HitKey{}, RemovedList: []HitKey{}}}
	var err error
	if d.Contract, err = contractBreaks(oldRaw, newRaw); err != nil {
		return nil, err
	}
	d.provenance(old, new)
	d.rates(old, new, tol)
	if err := d.hits(old, new); err != nil {
		return nil, err
	}
	switch {
	case len(d.Contract) > 0:
		d.Level = LevelContract
	case len(d.Provenance) > 0 || len(d.Articles.Added)+len(d.Articles.Removed)+len(d.Articles.Edited) > 0 ||
		len(d.Events.Added)+len(d.Events.Removed) > 0:
		d.Level = LevelProvenance
	case len(d.Rates) > 0 || len(d.Outlets) > 0 || d.Hits.Added+d.Hits.Removed > 0:
		d.Level = LevelDrift
	default:
		d.Level = LevelSame
	}
	return d, nil
}

// contractBreaks lists the fields of old's report.json that new lacks or
// gives another JSON type, by path ("events[].outlets[].ci"); a schema
// change is a break of its own.
func contractBreaks(oldRaw, newRaw []byte) ([]string, error) {
	var o, n any
	if err := json.Unmarshal(oldRaw, &o); err != nil {
		return nil, fmt.Errorf("old report.json: %w", err)
	}
	if err := json.Unmarshal(newRaw, &n); err != nil {
		return nil, fmt.Errorf("new report.json: %w", err)
	}
	out := []string{}
	if om, ok := o.(map[string]any); ok {
		if nm, ok := n.(map[string]any); ok && om["schema"] != nm["schema"] {
			out = append(out, fmt.Sprintf("schema: %v → %v", om["schema"], nm["schema"]))
		}
	}
	op, np := map[string]string{}, map[string]string{}
	shape(o, "", op)
	shape(n, "", np)
	paths := make([]string, 0, len(op))
	for p := range op {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	gone := map[string]bool{}
	for _, p := range paths {
		switch nt, ok := np[p]; {
		case !ok:
			gone[p] = true
			if gone[parentPath(p)] {
				continue // said of its parent
			}
			if c := elementsOf(p); c != "" && !hasPath(np, c) && hasPath(np, parentPath(c)) {
				continue // new's array or map is empty: no element to have the field
			}
			out = append(out, p+": gone")
		case nt != op[p] && op[p] != "null" && nt != "null":
			out = append(out, fmt.Sprintf("%s: %s → %s", p, op[p], nt))
		}
	}
	return out, nil
}

// shape records the JSON type at every path of v. Array elements share one
// path ("hits[]"); object keys that are data (maps: categories, ci, actors
// by id) are generalised too ("{}"), so a category added or gone is not a
// contract change. A path seen with several types keeps "mixed" unless one
// is null.
func shape(v any, path string, out map[string]string) {
	kind := "null"
	switch x := v.(type) {
	case map[string]any:
		kind = "object"
		if isDataMap(path) {
			for _, c := range x {
				shape(c, path+"{}", out)
			}
		} else {
			for k, c := range x {
				shape(c, join(path, k), out)
			}
		}
	case []any:
		kind = "array"
		for _, c := range x {
			shape(c, path+"[]", out)
		}
	case string:
		kind = "string"
	case float64:
		kind = "number"
	case bool:
		kind = "boolean"
	}
	if prev, ok := out[path]; ok && prev != kind {
		switch {
		case prev == "null":
		case kind == "null":
			kind = prev
		default:
			kind = "mixed"
		}
	}
	out[path] = kind
}

// elementsOf is the nearest path of elements (of an array, "x[]", or a
// data map, "x{}") that p is in, or p itself; "" when there is none.
func elementsOf(p string) string {
	for q := p; q != ""; q = parentPath(q) {
		if strings.HasSuffix(q, "[]") || strings.HasSuffix(q, "{}") {
			return q
		}
	}
	return ""
}

func hasPath(m map[string]string, p string) bool { _, ok := m[p]; return ok }

// parentPath is the path a path is inside: "a.b[]" → "a.b", "a.b" → "a".
func parentPath(p string) string {
	switch {
	case strings.HasSuffix(p, "[]"):
		return strings.TrimSuffix(p, "[]")
	case strings.HasSuffix(p, "{}"):
		return strings.TrimSuffix(p, "{}")
	}
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[:i]
	}
	return ""
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// dataMaps are the report's maps keyed by data (category ids, actor ids,
// cue words, record kinds), not by field names.
var dataMaps = []string{"categories", "ci", "authorial_ci", "actors", "cues", "terms", "files", "counts", "bytes", "crc32c", "voice_per_1k_by"}

func isDataMap(path string) bool {
	i := strings.LastIndexAny(path, ".]")
	last := path[i+1:]
	if path == "categories" || strings.HasSuffix(path, "[]") {
		return false // the report's category list is an array of objects
	}
	for _, m := range dataMaps {
		if last == m {
			return true
		}
	}
	return false
}

func (d *ReportDiff) change(what, old, new string) {
	if old != new {
		d.Provenance = append(d.Provenance, Change{what, old, new})
	}
}

func (d *ReportDiff) provenance(old, new *Report) {
	d.change("generator", old.Generator.Name+" "+old.Generator.Version, new.Generator.Name+" "+new.Generator.Version)
	lex := func(r *Report) map[string]LexiconInfo {
		m := map[string]LexiconInfo{}
		for _, l := range r.Lexicons {
			m[l.Name] = l
		}
		return m
	}
	ol, nl := lex(old), lex(new)
	for _, name := range sortedUnion(keys(ol), keys(nl)) {
		o, n := ol[name], nl[name]
		d.change("lexicon "+name, lexText(o), lexText(n))
	}
	gaz := func(r *Report) map[string]string {
		m := map[string]string{}
		for _, g := range r.Gazetteers {
			m[g.Event] = g.SHA256
		}
		return m
	}
	oe, ne := map[string]bool{}, map[string]bool{}
	for _, e := range old.Corpus.Events {
		oe[e] = true
	}
	for _, e := range new.Corpus.Events {
		ne[e] = true
	}
	for _, e := range sortedUnion(keys(oe), keys(ne)) {
		switch {
		case !oe[e]:
			d.Events.Added = append(d.Events.Added, e)
		case !ne[e]:
			d.Events.Removed = append(d.Events.Removed, e)
		}
	}
	og, ng := gaz(old), gaz(new)
	for _, ev := range sortedUnion(keys(og), keys(ng)) {
		if ev != "" && (!oe[ev] || !ne[ev]) {
			continue // an event added or removed: listed as such
		}
		// An event without a gazetteer of its own inherits the shared one:
		// a change there is the shared file's, reported once.
		inherits := func(m map[string]string) bool { return m[ev] == "" || m[ev] == m[""] }
		if ev != "" && inherits(og) && inherits(ng) {
			continue
		}
		label := "gazetteer " + ev
		if ev == "" {
			label = "gazetteer (shared)"
		}
		d.change(label, short12(og[ev]), short12(ng[ev]))
	}
	d.change("stats", statsText(old.Stats), statsText(new.Stats))
	c := func(ci CorpusInfo) string {
		return fmt.Sprintf("%d articles, %d tokens, %d sentences, %d events, %d skipped", ci.Articles, ci.Tokens, ci.Sentences, len(ci.Events), ci.Skipped)
	}
	d.change("corpus", c(old.Corpus), c(new.Corpus))
	oa, na := map[string]Article{}, map[string]Article{}
	for _, a := range old.Articles {
		oa[a.ID] = a
	}
	for _, a := range new.Articles {
		na[a.ID] = a
	}
	for _, id := range sortedUnion(keys(oa), keys(na)) {
		o, inOld := oa[id]
		n, inNew := na[id]
		switch {
		case !inOld:
			d.Articles.Added = append(d.Articles.Added, id)
		case !inNew:
			d.Articles.Removed = append(d.Articles.Removed, id)
		case o.SHA256 != "" && n.SHA256 != "" && o.SHA256 != n.SHA256,
			(o.SHA256 == "" || n.SHA256 == "") && (o.Tokens != n.Tokens || o.Title != n.Title || o.Sentences != n.Sentences):
			d.Articles.Edited = append(d.Articles.Edited, id)
		}
	}
}

func lexText(l LexiconInfo) string {
	if l.Name == "" {
		return ""
	}
	return fmt.Sprintf("%s (sha256 %.12s)", l.Version, l.SHA256)
}

func statsText(s StatsInfo) string {
	return fmt.Sprintf("%d resamples, level %v, seed %d, prior %s", s.Resamples, float64(s.Level), s.Seed, s.Prior)
}

func short12(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sortedUnion(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{a, b} {
		for _, k := range list {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// rateOf is one measured rate of an outlet with its interval.
type rateOf struct {
	v  Float
	ci [2]Float
}

// ratesOf lists an outlet's rates by "measure\x00voice".
func ratesOf(o Outlet) map[string]rateOf {
	nan := [2]Float{NaN(), NaN()}
	m := map[string]rateOf{
		"authorial_per_1k\x00authorial": {o.AuthorialPer1k, o.AuthorialPer1kCI},
		"loaded_per_1k\x00all":          {o.LoadedPer1k, nan},
	}
	for id, st := range o.Categories {
		ci, ok := o.CI[id]
		if !ok {
			ci = nan
		}
		m[id+"\x00all"] = rateOf{st.Per1k, ci}
		aci, ok := o.AuthorialCI[id]
		if !ok {
			aci = nan
		}
		m[id+"\x00authorial"] = rateOf{st.VoicePer1k.Authorial, aci}
	}
	return m
}

func (d *ReportDiff) rates(old, new *Report, tol Tolerance) {
	scopes := func(r *Report) map[string][]Outlet {
		m := map[string][]Outlet{"": r.Outlets}
		for _, e := range r.Events {
			m[e.Event] = e.Outlets
		}
		return m
	}
	os, ns := scopes(old), scopes(new)
	events := sortedUnion(keys(os), keys(ns))
	// Events first, in name order; the whole corpus last.
	sort.SliceStable(events, func(i, j int) bool { return events[i] != "" && events[j] == "" })
	added := map[string]bool{}
	for _, e := range append(slices.Clone(d.Events.Added), d.Events.Removed...) {
		added[e] = true
	}
	for _, ev := range events {
		if added[ev] {
			continue
		}
		byName := func(list []Outlet) map[string]Outlet {
			m := map[string]Outlet{}
			for _, o := range list {
				m[o.Outlet] = o
			}
			return m
		}
		oo, no := byName(os[ev]), byName(ns[ev])
		for _, name := range sortedUnion(keys(oo), keys(no)) {
			o, inOld := oo[name]
			n, inNew := no[name]
			switch {
			case !inOld:
				d.Outlets = append(d.Outlets, OutletPresence{Event: ev, Outlet: name, Change: "added"})
				continue
			case !inNew:
				d.Outlets = append(d.Outlets, OutletPresence{Event: ev, Outlet: name, Change: "removed"})
				continue
			}
			var or, nr map[string]rateOf
			if inOld {
				or = ratesOf(o)
			}
			if inNew {
				nr = ratesOf(n)
			}
			for _, k := range sortedUnion(keys(or), keys(nr)) {
				a, inA := or[k]
				b, inB := nr[k]
				measure, voice, _ := strings.Cut(k, "\x00")
				c := RateChange{Event: ev, Outlet: name, Measure: measure, Voice: voice, Old: NaN(), New: NaN(), OldCI: [2]Float{NaN(), NaN()}}
				if inA {
					c.Old, c.OldCI = a.v, a.ci
				}
				if inB {
					c.New = b.v
				}
				if inA && inB && tol.same(float64(a.v), float64(b.v)) {
					continue
				}
				if inA && inB {
					lo, hi := float64(a.ci[0]), float64(a.ci[1])
					c.Clear = !math.IsNaN(lo) && !math.IsNaN(hi) && (float64(b.v) < lo || float64(b.v) > hi)
				}
				if !inA && float64(b.v) == 0 || !inB && float64(a.v) == 0 {
					continue // a category with no hits appearing or going: nothing moved
				}
				d.Rates = append(d.Rates, c)
			}
		}
	}
	sortRates(d.Rates)
}

// sortRates groups rate changes by event and outlet (events in name order,
// the whole corpus last), the outlet with the largest move first in its
// event, and the largest move first in each group: the drift a reader
// should see first.
func sortRates(rs []RateChange) {
	move := func(r RateChange) float64 {
		d := math.Abs(float64(r.New) - float64(r.Old))
		if math.IsNaN(d) {
			return math.Inf(1) // a rate that began or ended
		}
		return d
	}
	largest := map[[2]string]float64{}
	for _, r := range rs {
		k := [2]string{r.Event, r.Outlet}
		largest[k] = math.Max(largest[k], move(r))
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Event != b.Event {
			if a.Event == "" || b.Event == "" {
				return b.Event == ""
			}
			return a.Event < b.Event
		}
		if a.Outlet != b.Outlet {
			la, lb := largest[[2]string{a.Event, a.Outlet}], largest[[2]string{b.Event, b.Outlet}]
			if la != lb {
				return la > lb
			}
			return a.Outlet < b.Outlet
		}
		return move(a) > move(b)
	})
}

func (d *ReportDiff) hits(old, new *Report) error {
	set := func(r *Report) (map[HitKey]bool, []HitKey, error) {
		m := map[HitKey]bool{}
		var order []HitKey
		err := r.EachHit(func(_ int, h *Hit) error {
			k := HitKey{h.Article, h.Field, h.Start, h.End, h.Category, h.Text, h.Voice, h.Counted}
			if !m[k] {
				m[k] = true
				order = append(order, k)
			}
			return nil
		})
		return m, order, err
	}
	om, oorder, err := set(old)
	if err != nil {
		return fmt.Errorf("old report: %w", err)
	}
	nm, norder, err := set(new)
	if err != nil {
		return fmt.Errorf("new report: %w", err)
	}
	// A hit whose voice changed is one removed and one added: the voice
	// is part of what a hit says.
	for _, k := range norder {
		if !om[k] {
			d.Hits.Added++
			if len(d.Hits.AddedList) < MaxListedHits {
				d.Hits.AddedList = append(d.Hits.AddedList, k)
			}
		}
	}
	for _, k := range oorder {
		if !nm[k] {
			d.Hits.Removed++
			if len(d.Hits.RemovedList) < MaxListedHits {
				d.Hits.RemovedList = append(d.Hits.RemovedList, k)
			}
		}
	}
	return nil
}

// WriteDiffJSON writes the diff as indented JSON.
func WriteDiffJSON(w io.Writer, d *ReportDiff) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// WriteDiffText writes the diff for a terminal or a CI log (md: Markdown,
// for a pull-request comment).
func WriteDiffText(w io.Writer, d *ReportDiff, md bool) error {
	var b strings.Builder
	h := func(s string) {
		if md {
			fmt.Fprintf(&b, "\n### %s\n\n", s)
		} else {
			fmt.Fprintf(&b, "\n%s\n%s\n", s, strings.Repeat("-", len([]rune(s))))
		}
	}
	item := func(format string, args ...any) {
		if md {
			b.WriteString("- ")
		} else {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, format+"\n", args...)
	}
	code := func(s string) string {
		if md {
			return "`" + strings.ReplaceAll(s, "`", "'") + "`"
		}
		return s
	}
	if md {
		fmt.Fprintf(&b, "## framing diff: %s\n", d.Level)
	} else {
		fmt.Fprintf(&b, "framing diff: %s\n", d.Level)
	}
	if d.Level == LevelSame {
		b.WriteString("\nThe reports agree: same contract, same provenance, every rate within the tolerance, the same hits.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	if len(d.Contract) > 0 {
		h(fmt.Sprintf("Contract broken (%d)", len(d.Contract)))
		for _, c := range d.Contract {
			item("%s", code(c))
		}
	}
	if n := len(d.Provenance) + len(d.Articles.Added) + len(d.Articles.Removed) + len(d.Articles.Edited); n > 0 {
		h("Provenance")
		for _, c := range d.Provenance {
			item("%s: %s → %s", c.What, orNone(c.Old), orNone(c.New))
		}
		for _, l := range []struct {
			what string
			ids  []string
		}{{"added", d.Articles.Added}, {"removed", d.Articles.Removed}, {"edited", d.Articles.Edited}} {
			if len(l.ids) > 0 {
				item("articles %s (%d): %s", l.what, len(l.ids), listCut(l.ids, 10, code))
			}
		}
		for _, l := range []struct {
			what string
			ids  []string
		}{{"added", d.Events.Added}, {"removed", d.Events.Removed}} {
			if len(l.ids) > 0 {
				item("events %s (%d): %s", l.what, len(l.ids), listCut(l.ids, 10, code))
			}
		}
	}
	if len(d.Outlets) > 0 {
		h(fmt.Sprintf("Outlets added or removed (%d)", len(d.Outlets)))
		for _, o := range d.Outlets {
			ev := o.Event
			if ev == "" {
				ev = "(whole corpus)"
			}
			item("%s · %s: %s", ev, o.Outlet, o.Change)
		}
	}
	if len(d.Rates) > 0 {
		clear := 0
		for _, r := range d.Rates {
			if r.Clear {
				clear++
			}
		}
		h(fmt.Sprintf("Rates that moved (%d; %d clearly: outside the old 95%% interval)", len(d.Rates), clear))
		if md {
			b.WriteString("| event | outlet | measure | voice | old | new | old 95% interval | |\n|---|---|---|---|---:|---:|---|---|\n")
		}
		group := ""
		for i, r := range d.Rates {
			if i == 100 {
				item("… %d more (see --format json)", len(d.Rates)-100)
				break
			}
			ev := r.Event
			if ev == "" {
				ev = "(whole corpus)"
			}
			if g := ev + " · " + r.Outlet; g != group && !md {
				group = g
				fmt.Fprintf(&b, "  %s\n", g)
			}
			mark := ""
			if r.Clear {
				mark = "clear"
			}
			if md {
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", textfmt.MarkdownEscape(ev), textfmt.MarkdownEscape(r.Outlet), code(r.Measure), r.Voice,
					fixedOrNone(r.Old), fixedOrNone(r.New), textfmt.Interval(r.OldCI), mark)
			} else {
				item("  %s (%s): %s → %s  [old %s] %s", r.Measure, r.Voice, fixedOrNone(r.Old), fixedOrNone(r.New), textfmt.Interval(r.OldCI), mark)
			}
		}
	}
	if d.Hits.Added+d.Hits.Removed > 0 {
		h(fmt.Sprintf("Hits: %d added, %d removed", d.Hits.Added, d.Hits.Removed))
		for _, l := range []struct {
			sign string
			keys []HitKey
		}{{"+", d.Hits.AddedList}, {"−", d.Hits.RemovedList}} {
			for i, k := range l.keys {
				if i == 20 {
					item("%s … (see --format json)", l.sign)
					break
				}
				counted := "not counted"
				if k.Counted {
					counted = "counted"
				}
				item("%s %s %s %d–%d %s %s (%s, %s)", l.sign, code(k.Article), k.Field, k.Start, k.End, code(k.Text), k.Category, k.Voice, counted)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func fixedOrNone(f Float) string {
	if math.IsNaN(float64(f)) {
		return "–"
	}
	return textfmt.Fixed(f, 3)
}

func listCut(ids []string, n int, code func(string) string) string {
	var parts []string
	for i, id := range ids {
		if i == n {
			parts = append(parts, fmt.Sprintf("… %d more", len(ids)-n))
			break
		}
		parts = append(parts, code(id))
	}
	return strings.Join(parts, ", ")
}
