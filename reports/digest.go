package reports

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"
)

// digest is what the renderers take from the per-occurrence records:
// counts, and the few records they show. It costs two passes over the hits
// and one over the quotes, whatever their number, so rendering the report
// of 10,000 articles holds a few thousand records, not half a million.
type digest struct {
	catHits   map[string]int         // hits per category
	top       map[string][]TermCount // per outlet: its most frequent loaded terms
	side      map[string][]sideTerm  // per event: the side-by-side rows
	hits      map[int]*Hit           // every hit referred to above, and every hit of a shown article
	byArticle map[string][]int       // shown article id -> its hits, in order
	quotes    map[string][]Quote     // shown article id -> its quotes
	shown     []bool                 // per Report.Articles: highlighted in report.html
}

// hitKey is the part of a hit the first pass reads.
type hitKey struct {
	Article, Outlet, Term, Category, Field string
	Start, End                             int
}

// digestMemo keeps the last digest: report.md and report.html are rendered
// from the same report and options, and share one. Rendering one Report
// from several goroutines at once is not supported.
type digestMemo struct {
	key digestKey
	d   *digest
}

type digestKey struct {
	maxArticles int
	texts       bool
}

// TermCount is how often an outlet used one lexicon term in one category,
// with the first hit (in corpus order) as its example.
type TermCount struct {
	Term     string
	Category string
	N        int
	Example  Hit
	first    int
}

// topTermsN is how many terms per outlet the top-terms list keeps.
const topTermsN = 10

// The side-by-side reading shows this many terms per event, and this many
// uses per outlet and term.
const (
	sideTerms = 8
	sideLines = 12
)

// sideTerm is one loaded term and, per outlet of an event, its uses.
type sideTerm struct {
	Term    string
	Outlets int        // how many of the event's outlets use it
	Hits    int        // in all of them
	Cells   []sideCell // per outlet, in the event's order
}

// sideCell is an outlet's uses of a term: how many, and the first few.
type sideCell struct {
	N     int
	First []int // indices of the first sideLines hits
}

func (r *Report) digest(opt RenderOptions) (*digest, error) {
	key := digestKey{opt.MaxArticles, opt.Texts != nil}
	if r.digests.d != nil && r.digests.key == key {
		return r.digests.d, nil
	}
	d, err := buildDigest(r, opt)
	if err != nil {
		return nil, err
	}
	r.digests = digestMemo{key, d}
	return d, nil
}

func buildDigest(r *Report, opt RenderOptions) (*digest, error) {
	d := &digest{catHits: map[string]int{}, top: map[string][]TermCount{}, side: map[string][]sideTerm{},
		hits: map[int]*Hit{}, byArticle: map[string][]int{}, quotes: map[string][]Quote{}, shown: shownArticles(r, opt)}
	loaded := map[string]bool{}
	for _, c := range r.Categories {
		loaded[c.ID] = c.Kind == "loaded"
	}
	event := map[string]string{}
	shown := map[string]bool{}
	for i, a := range r.Articles {
		event[a.ID] = a.Event
		if d.shown[i] {
			shown[a.ID] = true
		}
	}
	col := map[string]map[string]int{} // event -> outlet -> column
	for _, e := range r.Events {
		col[e.Event] = map[string]int{}
		for i, o := range e.Outlets {
			col[e.Event][o.Outlet] = i
		}
	}

	// Pass 1: counts, and the indices of what to show.
	top := map[string]map[string]*TermCount{}
	side := map[string]map[string]*sideTerm{}
	type span struct {
		field      string
		start, end int
	}
	var article string
	seen := map[span]bool{} // spans of the current article already counted side by side
	need := map[int]bool{}  // hits to fetch in pass 2
	visit := func(i int, h *hitKey) {
		d.catHits[h.Category]++
		if shown[h.Article] {
			need[i] = true
			d.byArticle[h.Article] = append(d.byArticle[h.Article], i)
		}
		if !loaded[h.Category] {
			return
		}
		terms := top[h.Outlet]
		if terms == nil {
			terms = map[string]*TermCount{}
			top[h.Outlet] = terms
		}
		if tc := terms[h.Term+"\x00"+h.Category]; tc != nil {
			tc.N++
		} else {
			terms[h.Term+"\x00"+h.Category] = &TermCount{Term: h.Term, Category: h.Category, N: 1, first: i}
		}
		// Side by side: a span counted in two loaded categories is one use.
		if h.Article != article {
			article = h.Article
			clear(seen)
		}
		sp := span{h.Field, h.Start, h.End}
		if seen[sp] {
			return
		}
		seen[sp] = true
		ev := event[h.Article]
		c, ok := col[ev][h.Outlet]
		if !ok {
			return
		}
		terms2 := side[ev]
		if terms2 == nil {
			terms2 = map[string]*sideTerm{}
			side[ev] = terms2
		}
		lower := strings.ToLower(h.Term)
		t := terms2[lower]
		if t == nil {
			t = &sideTerm{Term: h.Term, Cells: make([]sideCell, len(col[ev]))}
			terms2[lower] = t
		}
		cell := &t.Cells[c]
		if cell.N == 0 {
			t.Outlets++
		}
		cell.N++
		if len(cell.First) < sideLines {
			cell.First = append(cell.First, i)
		}
		t.Hits++
	}
	if r.index != nil && r.recordPath(RecordHits) != "" {
		// Indexed: nothing to decode.
		i := 0
		var spans IndexSpans
		for k := range r.index {
			a := &r.Articles[k] // the index is the articles'
			spans.reset()
			if err := r.index[k].Unpack(r.spans, &spans); err != nil {
				return nil, fmt.Errorf("article %s: %w", a.ID, err)
			}
			for _, h := range spans.Hits {
				visit(i, &hitKey{a.ID, a.Outlet, h.Term, h.Category, h.Field, h.Start, h.End})
				i++
			}
		}
	} else {
		// Written apart, only the fields needed are decoded.
		apart, err := r.eachLine(RecordHits, func(i int, line []byte) error {
			var h hitKey
			if err := json.Unmarshal(line, &h); err != nil {
				return fmt.Errorf("records %s: record %d: %w", RecordFile(RecordHits), i+1, err)
			}
			visit(i, &h)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !apart {
			for i := range r.Hits {
				h := &r.Hits[i]
				visit(i, &hitKey{h.Article, h.Outlet, h.Term, h.Category, h.Field, h.Start, h.End})
			}
		}
	}

	// Choose, and list the hits to fetch.
	for outlet, terms := range top {
		list := make([]TermCount, 0, len(terms))
		for _, tc := range terms {
			list = append(list, *tc)
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].N != list[j].N {
				return list[i].N > list[j].N
			}
			if list[i].Term != list[j].Term {
				return list[i].Term < list[j].Term
			}
			return list[i].Category < list[j].Category
		})
		if len(list) > topTermsN {
			list = list[:topTermsN]
		}
		for _, tc := range list {
			need[tc.first] = true
		}
		d.top[outlet] = list
	}
	for ev, terms := range side {
		list := make([]sideTerm, 0, len(terms))
		for _, t := range terms {
			list = append(list, *t)
		}
		sort.Slice(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.Outlets != b.Outlets {
				return a.Outlets > b.Outlets
			}
			if a.Hits != b.Hits {
				return a.Hits > b.Hits
			}
			return a.Term < b.Term
		})
		if len(list) > sideTerms {
			list = list[:sideTerms]
		}
		for _, t := range list {
			for _, c := range t.Cells {
				for _, i := range c.First {
					need[i] = true
				}
			}
		}
		d.side[ev] = list
	}

	// Pass 2: fetch them, decoding those lines only.
	if err := fetchHits(r, need, d.hits); err != nil {
		return nil, err
	}
	for outlet, list := range d.top {
		for k := range list {
			list[k].Example = *d.hits[list[k].first]
		}
		d.top[outlet] = list
	}
	if err := fetchQuotes(r, shown, d.quotes); err != nil {
		return nil, err
	}
	return d, nil
}

// fetchHits puts the hits whose indices are in need into hits.
func fetchHits(r *Report, need map[int]bool, hits map[int]*Hit) error {
	if len(need) == 0 {
		return nil
	}
	path := r.recordPath(RecordHits)
	switch {
	case path == "":
		for i := range need {
			hits[i] = &r.Hits[i]
		}
		return nil
	case r.index == nil:
		_, err := r.eachLine(RecordHits, func(i int, line []byte) error {
			if !need[i] {
				return nil
			}
			var h Hit
			if err := json.Unmarshal(line, &h); err != nil {
				return fmt.Errorf("records %s: record %d: %w", RecordFile(RecordHits), i+1, err)
			}
			hits[i] = &h
			return nil
		})
		return err
	}
	// An article none of whose hits is needed is stepped over whole, by
	// its index's counts: only the few that hold one are unpacked.
	wanted := slices.Sorted(maps.Keys(need))
	var lines []lineAt
	var spans IndexSpans
	i, off := 0, int64(0)
	for k := range r.index {
		ix := &r.index[k]
		if len(wanted) == 0 || wanted[0] >= i+ix.Counts[0] {
			i, off = i+ix.Counts[0], off+ix.Bytes[0]
			continue
		}
		spans.reset()
		if err := ix.Unpack(r.spans, &spans); err != nil {
			return fmt.Errorf("article %s: %w", r.Articles[k].ID, err)
		}
		for _, h := range spans.Hits {
			if len(wanted) > 0 && wanted[0] == i {
				lines = append(lines, lineAt{i, off, h.Len})
				wanted = wanted[1:]
			}
			off += int64(h.Len)
			i++
		}
	}
	return readLines(path, lines, func(l lineAt, data []byte) error {
		var h Hit
		if err := json.Unmarshal(data, &h); err != nil {
			return err
		}
		hits[l.i] = &h
		return nil
	})
}

// fetchQuotes puts the quotes of the shown articles into quotes, by article.
func fetchQuotes(r *Report, shown map[string]bool, quotes map[string][]Quote) error {
	if len(shown) == 0 {
		return nil
	}
	path := r.recordPath(RecordQuotes)
	if path == "" || r.index == nil {
		return r.EachQuote(func(_ int, q *Quote) error {
			if shown[q.Article] {
				quotes[q.Article] = append(quotes[q.Article], *q)
			}
			return nil
		})
	}
	var lines []lineAt
	var spans IndexSpans
	i, off := 0, int64(0)
	for k := range r.index {
		ix, id := &r.index[k], r.Articles[k].ID
		if !shown[id] { // stepped over whole, by its index's counts
			i, off = i+ix.Counts[1], off+ix.Bytes[1]
			continue
		}
		spans.reset()
		if err := ix.Unpack(r.spans, &spans); err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
		for _, n := range spans.QuoteLens {
			lines = append(lines, lineAt{i, off, n})
			off += int64(n)
			i++
		}
	}
	return readLines(path, lines, func(_ lineAt, data []byte) error {
		var q Quote
		if err := json.Unmarshal(data, &q); err != nil {
			return err
		}
		quotes[q.Article] = append(quotes[q.Article], q)
		return nil
	})
}

// listedAgency is what report.md lists of the agency events: the first
// perOutlet listed events of each outlet, in corpus order, and how many
// more each has. From the index it reads only those lines.
func listedAgency(r *Report, perOutlet int) (map[string][]AgencyEvent, map[string]int, error) {
	shown, more := map[string][]AgencyEvent{}, map[string]int{}
	keep := func(outlet string) bool {
		if len(shown[outlet]) == perOutlet {
			more[outlet]++
			return false
		}
		return true
	}
	path := r.recordPath(RecordAgency)
	if path == "" || r.index == nil {
		err := r.EachAgency(func(_ int, e *AgencyEvent) error {
			if e.listed() && keep(e.Outlet) {
				shown[e.Outlet] = append(shown[e.Outlet], *e)
			}
			return nil
		})
		return shown, more, err
	}
	var lines []lineAt
	var spans IndexSpans
	counted := map[string]int{}
	i, off := 0, int64(0)
	for k := range r.index {
		outlet := r.Articles[k].Outlet
		spans.reset()
		if err := r.index[k].Unpack(r.spans, &spans); err != nil {
			return nil, nil, fmt.Errorf("article %s: %w", r.Articles[k].ID, err)
		}
		for _, a := range spans.Agency {
			if a.Listed {
				if counted[outlet] < perOutlet {
					lines = append(lines, lineAt{i, off, a.Len})
				} else {
					more[outlet]++
				}
				counted[outlet]++
			}
			off += int64(a.Len)
			i++
		}
	}
	err := readLines(path, lines, func(_ lineAt, data []byte) error {
		var e AgencyEvent
		if err := json.Unmarshal(data, &e); err != nil {
			return err
		}
		shown[e.Outlet] = append(shown[e.Outlet], e)
		return nil
	})
	return shown, more, err
}

// lineAt is record i's line in a record file: its offset and length.
type lineAt struct {
	i   int
	off int64
	n   int32
}

// readLines reads lines (in file order) from path and calls fn with each.
func readLines(path string, lines []lineAt, fn func(lineAt, []byte) error) error {
	if len(lines) == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("records: %w", err)
	}
	defer f.Close()
	var buf []byte
	for _, l := range lines {
		buf = slices.Grow(buf[:0], int(l.n))[:l.n]
		if _, err := f.ReadAt(buf, l.off); err != nil {
			return fmt.Errorf("records %s: record %d: %w", path, l.i+1, err)
		}
		if err := fn(l, buf); err != nil {
			return fmt.Errorf("records %s: record %d: %w", path, l.i+1, err)
		}
	}
	return nil
}
