package render

import (
	"sort"
	"strings"

	"github.com/framing/framing/reports"
)

// digest is what the renderers take from the per-occurrence records:
// counts, and the few records they show. It costs two passes over the hits
// and one over the quotes, whatever their number, so rendering the report
// of 10,000 articles holds a few thousand records, not half a million.
type digest struct {
	catHits   map[string]int             // hits per category
	top       map[string][]TermCount     // per outlet: its most frequent loaded terms
	side      map[string][]sideTerm      // per event: the side-by-side rows
	hits      map[int]*reports.Hit       // every hit referred to above, and every hit of a shown article
	byArticle map[string][]int           // shown article id -> its hits, in order
	quotes    map[string][]reports.Quote // shown article id -> its quotes
	shown     []bool                     // per Report.Articles: highlighted in report.html
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
	Example  reports.Hit
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

// digest is the digest of the report's records for these options, computed
// once per memo.
func (opt RenderOptions) digest(r *reports.Report) (*digest, error) {
	if opt.memo == nil {
		return buildDigest(r, opt)
	}
	m := opt.memo
	m.mu.Lock()
	defer m.mu.Unlock()
	key := digestKey{opt.MaxArticles, opt.Texts != nil}
	if m.digest != nil && m.digestKey == key {
		return m.digest, nil
	}
	d, err := buildDigest(r, opt)
	if err != nil {
		return nil, err
	}
	m.digest, m.digestKey = d, key
	return d, nil
}

func buildDigest(r *reports.Report, opt RenderOptions) (*digest, error) {
	d := &digest{catHits: map[string]int{}, top: map[string][]TermCount{}, side: map[string][]sideTerm{},
		hits: map[int]*reports.Hit{}, byArticle: map[string][]int{}, quotes: map[string][]reports.Quote{}, shown: shownArticles(r, opt)}
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
	visit := func(i int, h *reports.HitRef) {
		d.catHits[h.Category]++
		if shown[h.Article] {
			need[i] = true
			d.byArticle[h.Article] = append(d.byArticle[h.Article], i)
		}
		// The loaded terms are the counted hits: the model's (or a rule's)
		// verdict, not every match of a loaded list.
		if !h.Counted {
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
	if err := r.EachHitRef(visit); err != nil {
		return nil, err
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
	if err := r.HitsAt(need, d.hits); err != nil {
		return nil, err
	}
	for outlet, list := range d.top {
		for k := range list {
			list[k].Example = *d.hits[list[k].first]
		}
		d.top[outlet] = list
	}
	if err := r.QuotesOf(shown, d.quotes); err != nil {
		return nil, err
	}
	return d, nil
}
