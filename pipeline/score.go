package pipeline

import (
	"math"
	"slices"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/voice"
)

// whyFeatures is how many features a hit's "why" lists.
const whyFeatures = 4

// scoreStage decides what counts as loaded. With the model scorer, every
// scored word gets its probability of being loaded; a hit of a loaded or
// valence category counts when the model accepts it (its highest word
// probability at or above the threshold, within the sentence's cap); a
// word the model accepts that no hit holds becomes a hit of its own
// (model/unlisted); a hit of the loaded-report-verb rule always counts.
// Every sentence gets its probability of being biased. With the lexicon
// scorer, every hit of a loaded category counts, as word lists count.
type scoreStage struct {
	scorer   string
	feats    *featureSpace
	word     *model.Compiled
	sent     *model.Compiled
	m        *model.Model
	unlisted *lexicons.Category
	rule     *lexicons.Category
	legal    *legalTerms
}

func (scoreStage) Name() string { return StageScore }

func (s scoreStage) Run(d *Doc) {
	if s.scorer == ScorerLexicon {
		for i := range d.Hits {
			h := &d.Hits[i]
			h.P = math.NaN()
			h.Counted = slices.Contains(h.Categories, s.rule) || slices.ContainsFunc(h.Categories, func(c *lexicons.Category) bool { return c.Kind == lexicons.Loaded })
		}
		return
	}
	// One sentence at a time: a word's features are read by its
	// probability, its hit's "why" and its sentence's probability, all
	// within the sentence, so only one sentence's vectors are ever held.
	//
	// Only the words that can matter are scored: the words of hits, and
	// the words some list holds (the only ones the model may accept without
	// a hit: ScoreCandidate); every word of a sentence only when the
	// sentence has a counted loaded word in the outlet's own voice, the
	// sentences the most-loaded list ranks by the sentence model. Scoring
	// every word cost three times the rest of the analysis, for
	// probabilities nothing read.
	c := s.feats.context(d)
	class := s.classes(d)
	nf := len(s.feats.names)
	d.WordP = make([]float64, len(d.Tokens))
	d.SentenceP = make([]float64, len(d.Sentences))
	// Buffers for the longest sentence, reused for every sentence.
	longest, scored := 0, 0
	for _, sent := range d.Sentences {
		n := 0
		for i := sent.Tokens.Start; i < sent.Tokens.End; i++ {
			d.WordP[i] = math.NaN()
			if Scoreable(d.Tokens[i]) {
				n++
			}
		}
		longest, scored = max(longest, sent.Tokens.End-sent.Tokens.Start), max(scored, n)
	}
	xs := make([][]float64, longest)
	buf := make([]float64, scored*nf)
	words := make([]model.SentenceWord, 0, scored)
	inHit := make([]bool, longest)
	var added []Hit
	hit := 0 // the first hit of the sentence (hits are in text order)
	for si, sent := range d.Sentences {
		from := sent.Tokens.Start
		x := xs[:sent.Tokens.End-from]
		clear(x)
		held := inHit[:len(x)]
		clear(held)
		first := hit
		for k := first; k < len(d.Hits) && d.Hits[k].First < sent.Tokens.End; k++ {
			for i := d.Hits[k].First; i <= d.Hits[k].Last; i++ {
				held[i-from] = true
			}
		}
		rest := s.feats.sentenceFeatures(d, c, si, x, buf, func(i int) bool { return held[i-from] || c.candidate(i) })
		for k, v := range x {
			if v != nil {
				d.WordP[from+k] = s.word.Prob(v)
			}
		}
		accepted := s.accept(d, sent, class)
		own := false // a counted loaded word in the outlet's own voice
		for ; hit < len(d.Hits) && d.Hits[hit].First < sent.Tokens.End; hit++ {
			h := &d.Hits[hit]
			h.P = math.NaN()
			best := -1
			for k := h.First; k <= h.Last; k++ {
				if !math.IsNaN(d.WordP[k]) && (best < 0 || d.WordP[k] > d.WordP[best]) {
					best = k
				}
			}
			if best >= 0 {
				h.P = d.WordP[best]
				h.Why = s.word.Explain(x[best-from], whyFeatures)
			}
			switch {
			case slices.Contains(h.Categories, s.rule):
				h.Counted, h.ScoringRule = true, s.rule.ID
			case !h.Loaded():
			case s.legal.holds(d, h.First, h.Last):
				h.Counted, h.ScoringRule = false, LegalTermRule
			default:
				h.Counted = best >= 0 && slices.ContainsFunc(accepted, func(i int) bool { return i >= h.First && i <= h.Last })
			}
			own = own || h.Counted && h.Label.Voice == voice.Authorial
		}
		// Words the model accepts that no hit holds, outside names.
		for _, i := range accepted {
			if held[i-from] || c.tok[i].name || s.legal.holds(d, i, i) {
				continue
			}
			t := d.Tokens[i]
			e := &lexicons.Entry{Term: t.Norm, Categories: []*lexicons.Category{s.unlisted}, Weight: d.WordP[i]}
			l := d.Voice.Label(i, i)
			added = append(added, Hit{Entry: e, Category: s.unlisted, Categories: []*lexicons.Category{s.unlisted},
				Weight: d.WordP[i], Start: t.Start, End: t.End, First: i, Last: i, Sentence: si,
				Label: l, P: d.WordP[i], Counted: true, Why: s.word.Explain(x[i-from], whyFeatures)})
			own = own || l.Voice == voice.Authorial
		}
		d.SentenceP[si] = math.NaN()
		if own {
			// The rest of the sentence's words, for the sentence model.
			s.feats.sentenceFeatures(d, c, si, x, rest, func(i int) bool { return x[i-from] == nil })
			for k, v := range x {
				if v != nil && math.IsNaN(d.WordP[from+k]) {
					d.WordP[from+k] = s.word.Prob(v)
				}
			}
			d.SentenceP[si] = s.sentence(d, c, si, x, words)
		}
	}
	if len(added) > 0 {
		d.Hits = append(d.Hits, added...)
		sortDocHits(d.Hits)
	}
}

// classes is the evidence class of every token (EvidenceClass of the
// strongest hit holding it; ClassUnlisted for none).
func (s scoreStage) classes(d *Doc) []int {
	out := make([]int, len(d.Tokens))
	for i := range out {
		out[i] = ClassUnlisted
	}
	for _, h := range d.Hits {
		c := EvidenceClass(h)
		for i := h.First; i <= h.Last; i++ {
			out[i] = min(out[i], c)
		}
	}
	return out
}

// accept is which words of sentence sent the model accepts: probability at
// or above the threshold of its evidence class (Model.ThresholdFor), the
// most probable first, at most the model's cap per sentence. The words are
// in text order.
func (s scoreStage) accept(d *Doc, sent tokenize.Sentence, class []int) []int {
	var idx []int
	for i := sent.Tokens.Start; i < sent.Tokens.End; i++ {
		if p := d.WordP[i]; !math.IsNaN(p) && p >= s.m.ThresholdFor(class[i]) {
			idx = append(idx, i)
		}
	}
	if s.m.PerSentence > 0 && len(idx) > s.m.PerSentence {
		slices.SortStableFunc(idx, func(a, b int) int {
			switch {
			case d.WordP[a] > d.WordP[b]:
				return -1
			case d.WordP[a] < d.WordP[b]:
				return 1
			}
			return a - b
		})
		idx = idx[:s.m.PerSentence]
		slices.Sort(idx)
	}
	return idx
}

// sentence is the probability that sentence si is biased, from its
// words' features and probabilities.
func (s scoreStage) sentence(d *Doc, c *docContext, si int, xs [][]float64, words []model.SentenceWord) float64 {
	// xs is indexed from the sentence's first token.
	sent := d.Sentences[si]
	in := sentenceCounts(d, si, si+1)
	in.ReportCues = c.cues[si]
	in.Bag = len(s.feats.names)
	in.Words = words[:0]
	for k, x := range xs {
		if x == nil {
			continue
		}
		i := sent.Tokens.Start + k
		v := c.voiceOf(d, i)
		others := v == voice.Quoted || v == voice.Attributed
		in.Words = append(in.Words, model.SentenceWord{P: d.WordP[i], Quoted: others, Features: x})
	}
	return s.sent.Prob(model.SentenceFeatures(in, s.m.Threshold))
}

// The evidence classes of a word, by what curated list holds it: each has
// its own acceptance threshold, since the model alone must be surer than
// the model with a list of loaded words behind it.
const (
	ClassLoaded   = 1 // a hit of a loaded category (framing's lists, a rule)
	ClassValence  = 2 // a hit of a valence category only (strongly valenced words)
	ClassUnlisted = 3 // no hit: the model alone
)

// EvidenceClass is the class of the words of a hit (ClassUnlisted for a hit
// of epistemic categories only, which the model does not judge).
func EvidenceClass(h Hit) int {
	class := ClassUnlisted
	for _, c := range h.Categories {
		switch {
		case c.Kind == lexicons.Loaded && c.ID != ModelLexicon+"/"+Unlisted:
			return ClassLoaded
		case c.Kind == lexicons.Valence:
			class = ClassValence
		}
	}
	return class
}
