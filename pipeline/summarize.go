package pipeline

import (
	"sort"
	"strings"

	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/voice"
	"github.com/framing/framing/reports"
)

// Voice indices of the counters, in voice.Voices() order.
const (
	vAuthorial = iota
	vQuoted
	vAttributed
	vNegated
	nVoices
)

func voiceIndex(v string) int {
	switch v {
	case voice.Quoted:
		return vQuoted
	case voice.Attributed:
		return vAttributed
	case voice.Negated:
		return vNegated
	}
	return vAuthorial
}

// VoiceCounts counts hits by voice, indexed by the v* constants.
type VoiceCounts [nVoices]int

func (v VoiceCounts) total() int { return v[0] + v[1] + v[2] + v[3] }

func (v VoiceCounts) report() reports.VoiceCounts {
	return reports.VoiceCounts{Authorial: v[vAuthorial], Quoted: v[vQuoted], Attributed: v[vAttributed], Negated: v[vNegated]}
}

// ArticleResult is everything aggregation needs from one article: counters and
// the report's rows, no tokens. It is small, a pure function of the article,
// the lexicons and the cue list, and merges by addition, so it can be cached
// and summed in any grouping.
type ArticleResult struct {
	Article reports.Article
	Bias    string // the outlet's third-party bias label, when the corpus has one

	Tokens    int           // word tokens
	Covered   int           // word tokens inside any lexicon match
	CatVoice  []VoiceCounts // hits per category (indexed like Analyzer.Categories) and voice
	Sentences []SentenceCounts
	Hits      []reports.Hit
	Quotes    []reports.Quote
	Headline  reports.Headline
	Verbs     reports.ReportVerbs
	Speakers  map[string]*reports.Speaker
}

// SentenceCounts is one sentence's word tokens and category hits: the unit
// the bootstrap resamples.
type SentenceCounts struct {
	Tokens int
	Cats   []CatCount // sparse
}

// CatCount is a count for one category index and voice.
type CatCount struct {
	Cat, Voice, N int
}

// Summarize is the summarize stage: it reduces a Doc to its ArticleResult.
// relPath is the article's path relative to the corpus, as reports show it.
func (a *Analyzer) Summarize(d *Doc, relPath string) *ArticleResult {
	art := d.Article
	r := &ArticleResult{
		Article: reports.Article{ID: art.ID, Outlet: art.Outlet, Event: art.Event, Title: art.Title,
			Path: relPath, Sentences: len(d.Sentences), Hits: len(d.Hits)},
		Bias:      art.Bias,
		CatVoice:  make([]VoiceCounts, len(a.cats)),
		Sentences: make([]SentenceCounts, len(d.Sentences)),
		Verbs:     reports.ReportVerbs{Cues: map[string]int{}},
		Speakers:  map[string]*reports.Speaker{},
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
	a.summarizeVoices(d, r)
	loaded, authorial := 0, 0
	for _, h := range d.Hits {
		ci, vi := a.catIndex[h.Category], voiceIndex(h.Label.Voice)
		r.CatVoice[ci][vi]++
		r.Sentences[h.Sentence].Cats = addCount(r.Sentences[h.Sentence].Cats, ci, vi)
		isLoaded := h.Category.Kind == lexicons.Loaded
		if isLoaded {
			loaded++
			if vi == vAuthorial {
				authorial++
			}
		}
		field, start := d.Field(h.Start)
		s := d.Sentences[h.Sentence]
		r.Hits = append(r.Hits, reports.Hit{
			Article: art.ID, Outlet: art.Outlet, Term: h.Entry.Term, Category: h.Category.ID,
			Sentence: h.Sentence, Start: start, End: start + (h.End - h.Start), Field: field,
			Text: d.Text[h.Start:h.End], Context: d.Text[s.Start:s.End], ContextOffset: h.Start - s.Start,
			Voice: h.Label.Voice, Speaker: h.Label.Speaker, SpeakerPhrase: h.Label.Phrase, Cue: h.Label.Cue,
			AttributedTo: h.Label.AttributedTo, Headline: s.Headline,
		})
		if s.Headline {
			r.Headline.Hits++
			if isLoaded {
				r.Headline.Loaded++
				r.Headline.Terms = append(r.Headline.Terms, h.Entry.Term)
			}
		}
		if sp := h.Label.Speaker; sp != "" && isLoaded && (vi == vQuoted || vi == vAttributed) {
			x := r.speaker(sp)
			x.LoadedHits++
			x.Terms[h.Entry.Term]++
		}
	}
	sortHits(r.Hits)
	r.Article.Tokens = r.Tokens
	r.Article.LoadedPer1k = per1k(loaded, r.Tokens)
	r.Article.AuthorialPer1k = per1k(authorial, r.Tokens)
	return r
}

// summarizeVoices records the article's quotes, headline, report verbs and
// speakers.
func (a *Analyzer) summarizeVoices(d *Doc, r *ArticleResult) {
	art := d.Article
	v := d.Voice
	for qi, q := range v.Quotes {
		field, start := d.Field(q.Start)
		row := reports.Quote{Article: art.ID, Outlet: art.Outlet, Field: field, Start: start,
			End: start + (q.End - q.Start), Closed: q.Closed}
		if by := v.QuoteBy[qi]; by >= 0 {
			at := v.Attributions[by]
			row.Speaker, row.Cue = at.Speaker, at.Cue.Text
			if at.Speaker != "" && q.Depth == 0 {
				r.speaker(at.Speaker).Quotes++
			}
		}
		r.Quotes = append(r.Quotes, row)
	}
	for _, at := range v.Attributions {
		switch at.Cue.Mark {
		case voice.MarkNeutral:
			r.Verbs.Neutral++
		case voice.MarkLoaded:
			r.Verbs.Loaded++
		}
		r.Verbs.Cues[at.Cue.Term]++
		if at.Speaker != "" {
			r.speaker(at.Speaker).Attributions++
		}
	}
	var parts []string
	last := -1
	for _, s := range d.Sentences {
		if s.Headline && s.Block != last {
			last = s.Block
			b := d.Blocks[s.Block]
			parts = append(parts, strings.TrimSpace(strings.Trim(d.Text[b.Start:b.End], "#= ")))
		}
	}
	r.Headline = reports.Headline{Article: art.ID, Outlet: art.Outlet, Event: art.Event,
		Text: strings.Join(parts, " — "), Terms: []string{}}
}

func (r *ArticleResult) speaker(name string) *reports.Speaker {
	s := r.Speakers[name]
	if s == nil {
		s = &reports.Speaker{Speaker: name, Terms: map[string]int{}}
		r.Speakers[name] = s
	}
	return s
}

func addCount(cs []CatCount, cat, v int) []CatCount {
	for i := range cs {
		if cs[i].Cat == cat && cs[i].Voice == v {
			cs[i].N++
			return cs
		}
	}
	return append(cs, CatCount{Cat: cat, Voice: v, N: 1})
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
