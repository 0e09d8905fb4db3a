package pipeline

import (
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

// matchStage: every lexicon over every sentence; a hit for each category a
// match counts in.
type matchStage struct{ matcher *lexicons.Matcher }

func (matchStage) Name() string { return StageMatch }

func (s matchStage) Run(d *Doc) {
	for si, sent := range d.Sentences {
		toks := d.Tokens[sent.Tokens.Start:sent.Tokens.End]
		s.matcher.Match(toks, func(m lexicons.Match) {
			first, last := sent.Tokens.Start+m.First, sent.Tokens.Start+m.Last
			for _, c := range m.Cats {
				d.Hits = append(d.Hits, Hit{Entry: m.Entry, Category: c, Sentence: si,
					First: first, Last: last, Start: d.Tokens[first].Start, End: d.Tokens[last].End})
			}
		})
	}
}

// voiceStage finds the document's quotes, report cues, speakers and
// negation scopes, and labels every hit with its voice and the rule that
// decided it.
type voiceStage struct{ voice *voice.Analyzer }

func (voiceStage) Name() string { return StageVoice }

func (s voiceStage) Run(d *Doc) {
	d.Voice = s.voice.Analyze(d.Text, d.Blocks, d.Sentences, d.Tokens)
	for i := range d.Hits {
		d.Hits[i].Label = d.Voice.Label(d.Hits[i].First, d.Hits[i].Last)
	}
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
