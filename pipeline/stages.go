package pipeline

import (
	"slices"
	"sort"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/actors"
	"github.com/framing/framing/pipeline/voice"
)

// A Stage is one per-article step between Segment, which makes the Doc,
// and Summarize, which turns it into an ArticleResult: it reads what the
// stages before it wrote into the Doc and adds its own part. Stages are
// immutable after NewAnalyzer and safe for concurrent use, each Doc
// being one goroutine's. The runner gives each its own workers.
type Stage interface {
	Name() string
	Run(d *Doc)
}

// Stages are the analyzer's stages between Segment and Summarize, in order.
func (a *Analyzer) Stages() []Stage { return a.stages }

// Stage returns the stage of that name, or nil when the analyzer has none
// (ner when entity recognition is off).
func (a *Analyzer) Stage(name string) Stage {
	for _, s := range a.stages {
		if s.Name() == name {
			return s
		}
	}
	return nil
}

// stemStage: Snowball stems for every word token.
type stemStage struct{ stemmer *tokenize.Stemmer }

func (stemStage) Name() string { return StageStem }
func (s stemStage) Run(d *Doc) { s.stemmer.StemAll(d.Tokens) }

// matchStage: every lexicon over every sentence; one hit per span of text,
// with every category that matches it. A match that lies inside another
// (a lexicon's "ammunition" inside another's "live ammunition") joins the
// longer span's hit. A word inside a multi-word proper name or title
// ("Terrorism" in "National Counter Terrorism Authority", "Justice" in
// "Justice Department") names, and is no hit, unless its entry says
// `names: true`.
//
// The same pass records, for the score stage, which categories of the
// model's feature lexicons hold each token, before any of these rules.
type matchStage struct {
	matcher *lexicons.Matcher
	rank    map[*lexicons.Category]int // the scoring categories, in order: lexicon, then category
	feature map[*lexicons.Category]bool
}

func (matchStage) Name() string { return StageMatch }

func (s matchStage) Run(d *Doc) {
	names := nameRuns(d)
	d.names = names
	d.members = nil
	if len(s.feature) > 0 {
		d.members = make([][]member, len(d.Tokens))
	}
	for si, sent := range d.Sentences {
		from := len(d.Hits)
		toks := d.Tokens[sent.Tokens.Start:sent.Tokens.End]
		s.matcher.Match(toks, func(m lexicons.Match) {
			first, last := sent.Tokens.Start+m.First, sent.Tokens.Start+m.Last
			cats := m.Cats
			scoring := 0
			for _, c := range cats {
				if s.feature[c] {
					for i := first; i <= last; i++ {
						d.members[i] = append(d.members[i], member{c, m.Entry.Weight})
					}
				}
				if _, ok := s.rank[c]; ok {
					scoring++
				}
			}
			if scoring < len(cats) {
				// A feature lexicon's category only: no hit of its own.
				cats = slices.DeleteFunc(slices.Clone(cats), func(c *lexicons.Category) bool { _, ok := s.rank[c]; return !ok })
			}
			if len(cats) == 0 || !m.Entry.Names && insideName(names, first, last) {
				return
			}
			d.Hits = append(d.Hits, Hit{Entry: m.Entry, Categories: cats, Weight: m.Entry.Weight, Sentence: si,
				First: first, Last: last, Start: d.Tokens[first].Start, End: d.Tokens[last].End})
		})
		d.Hits = append(d.Hits[:from], s.merge(d.Hits[from:])...)
	}
}

// merge turns one sentence's matches into spans: sorted by position,
// longest first at one start, a match inside the span before it joining
// that span's hit (its categories after the span's own, each once).
func (s matchStage) merge(hs []Hit) []Hit {
	if len(hs) == 0 {
		return hs
	}
	orig := slices.Clone(hs)
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].First != hs[j].First {
			return hs[i].First < hs[j].First
		}
		if hs[i].Last != hs[j].Last {
			return hs[i].Last > hs[j].Last
		}
		return s.rank[hs[i].Categories[0]] < s.rank[hs[j].Categories[0]]
	})
	out := hs[:1]
	out[0].Categories = slices.Clone(out[0].Categories)
	for _, h := range hs[1:] {
		top := &out[len(out)-1]
		if h.First >= top.First && h.Last <= top.Last {
			for _, c := range h.Categories {
				if !slices.Contains(top.Categories, c) {
					top.Categories = append(top.Categories, c)
				}
			}
			top.Weight = max(top.Weight, h.Weight)
			continue
		}
		h.Categories = slices.Clone(h.Categories)
		out = append(out, h)
	}
	for i := range out {
		h := &out[i]
		slices.SortStableFunc(h.Categories, func(a, b *lexicons.Category) int { return s.rank[a] - s.rank[b] })
		h.Category = h.Categories[0]
		if !slices.Contains(h.Entry.Categories, h.Category) {
			// The primary category came from a nested entry: the hit
			// names the entry of its primary category.
			for _, x := range orig {
				if x.First >= h.First && x.Last <= h.Last && slices.Contains(x.Entry.Categories, h.Category) {
					h.Entry = x.Entry
					break
				}
			}
		}
	}
	return out
}

// insideName reports whether the tokens [first, last] lie inside a
// multi-word name that is longer than them.
func insideName(names []bool, first, last int) bool {
	for i := first; i <= last; i++ {
		if !names[i] {
			return false
		}
	}
	return first > 0 && names[first-1] || last+1 < len(names) && names[last+1]
}

// voiceStage finds the document's quotes, report cues, speakers and
// negation scopes, labels every hit with its voice and the rule that
// decided it, and makes a hit of every loaded report verb in the author's
// voice (rules/loaded-report-verb).
type voiceStage struct {
	voice         *voice.Analyzer
	reportVerbCat *lexicons.Category
}

func (voiceStage) Name() string { return StageVoice }

func (s voiceStage) Run(d *Doc) {
	d.Voice = s.voice.Analyze(d.Text, d.Blocks, d.Sentences, d.Tokens)
	for i := range d.Hits {
		d.Hits[i].Label = d.Voice.Label(d.Hits[i].First, d.Hits[i].Last)
	}
	addReportVerbHits(d, s.reportVerbCat)
}

// actorsStage: actor mentions from the event's gazetteer, the agency of
// violence verbs, the actor each hit attaches to, and the actor each
// speaker resolves to.
type actorsStage struct{ a *Analyzer }

func (actorsStage) Name() string { return StageActors }

func (s actorsStage) Run(d *Doc) {
	a := s.a
	g := a.Gazetteer(d.Article.Event)
	d.Mentions = actors.Mentions(g, d.Tokens, d.Sentences)
	d.Agency = a.actors.Agency(d.Tokens, d.Sentences, d.Mentions)
	d.Clauses = actors.ClauseIDs(d.Tokens, d.Sentences)
	for i := range d.Hits {
		h := &d.Hits[i]
		h.SpeakerActor = a.speakerActor(d, g, h.Label)
		h.Actor = hitActor(d, h)
	}
}

// nerStage, on only when entity recognition is: prose's entity recognizer,
// keeping the names no actor mention covers.
type nerStage struct{ ner *actors.Recognizer }

func (nerStage) Name() string { return StageNER }

func (s nerStage) Run(d *Doc) {
	d.Entities = actors.Unlinked(s.ner.Entities(d.Text, d.Tokens, d.Sentences), d.Mentions)
}
