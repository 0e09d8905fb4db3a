package pipeline

import (
	"sort"

	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/reports"
)

// ArticleResult is everything aggregation needs from one article: counters and
// the report's rows, no tokens. It is small, a pure function of the article
// and the lexicons, and merges by addition, so it can be cached and summed in
// any grouping.
type ArticleResult struct {
	Article reports.Article
	Bias    string // the outlet's third-party bias label, when the corpus has one

	Tokens    int   // word tokens
	Covered   int   // word tokens inside any lexicon match
	CatHits   []int // hits per category, indexed like Analyzer.Categories
	Sentences []SentenceCounts
	Hits      []reports.Hit
}

// SentenceCounts is one sentence's word tokens and category hits: the unit
// the bootstrap resamples.
type SentenceCounts struct {
	Tokens int
	Cats   []CatCount // sparse, by category index
}

// CatCount is a count for one category index.
type CatCount struct {
	Cat int
	N   int
}

// Summarize is the summarize stage: it reduces a Doc to its ArticleResult.
// relPath is the article's path relative to the corpus, as reports show it.
func (a *Analyzer) Summarize(d *Doc, relPath string) *ArticleResult {
	art := d.Article
	r := &ArticleResult{
		Article: reports.Article{ID: art.ID, Outlet: art.Outlet, Event: art.Event, Title: art.Title,
			Path: relPath, Sentences: len(d.Sentences), Hits: len(d.Hits)},
		Bias:      art.Bias,
		CatHits:   make([]int, len(a.cats)),
		Sentences: make([]SentenceCounts, len(d.Sentences)),
	}
	covered := make([]bool, len(d.Tokens))
	for _, h := range d.Hits {
		for i := h.First; i <= h.Last; i++ {
			covered[i] = true
		}
	}
	for si, s := range d.Sentences {
		for i := s.Tokens.Start; i < s.Tokens.End; i++ {
			if d.Tokens[i].Word {
				r.Sentences[si].Tokens++
				if covered[i] {
					r.Covered++
				}
			}
		}
		r.Tokens += r.Sentences[si].Tokens
	}
	loaded := 0
	for _, h := range d.Hits {
		ci := a.catIndex[h.Category]
		r.CatHits[ci]++
		r.Sentences[h.Sentence].Cats = addCount(r.Sentences[h.Sentence].Cats, ci)
		if h.Category.Kind == lexicons.Loaded {
			loaded++
		}
		field, start := d.Field(h.Start)
		s := d.Sentences[h.Sentence]
		r.Hits = append(r.Hits, reports.Hit{
			Article: art.ID, Outlet: art.Outlet, Term: h.Entry.Term, Category: h.Category.ID,
			Sentence: h.Sentence, Start: start, End: start + (h.End - h.Start), Field: field,
			Text: d.Text[h.Start:h.End], Context: d.Text[s.Start:s.End], ContextOffset: h.Start - s.Start,
		})
	}
	sortHits(r.Hits)
	r.Article.Tokens = r.Tokens
	r.Article.LoadedPer1k = per1k(loaded, r.Tokens)
	return r
}

func addCount(cs []CatCount, cat int) []CatCount {
	for i := range cs {
		if cs[i].Cat == cat {
			cs[i].N++
			return cs
		}
	}
	return append(cs, CatCount{Cat: cat, N: 1})
}

// sortHits orders an article's hits by position, then category: the order a
// reader meets them, independent of lexicon order.
func sortHits(hs []reports.Hit) {
	fieldRank := func(f string) int {
		if f == "title" {
			return 0
		}
		return 1
	}
	sort.SliceStable(hs, func(i, j int) bool {
		a, b := hs[i], hs[j]
		if fieldRank(a.Field) != fieldRank(b.Field) {
			return fieldRank(a.Field) < fieldRank(b.Field)
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Category < b.Category
	})
}

func per1k(n, tokens int) reports.Float {
	if tokens == 0 {
		return 0
	}
	return reports.Float(float64(n) * 1000 / float64(tokens))
}
