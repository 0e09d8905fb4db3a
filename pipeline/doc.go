// Package pipeline analyses articles in staged workers: the document
// record (Doc), the per-article stages, and the runner.
//
// Data flows one way; each stage reads what the stages before it wrote into
// a Doc and adds its own part:
//
//	read      path                 -> corpus.Article
//	segment   Article              -> Doc.Text, Blocks, Sentences, Tokens (tagged)
//	stem      Doc.Tokens           -> Token.Stem
//	match     Doc + lexicon Matcher-> Doc.Hits
//	voice     Doc + cue list       -> Doc.Voice (quotes, attributions, negations), Hit.Label
//	actors    Doc + gazetteer      -> Doc.Mentions, Doc.Agency, Hit.Actor, Hit.SpeakerActor
//	ner       Doc (optional)       -> Doc.Entities: names no actor covers
//	summarize Doc                  -> ArticleResult (counters and report rows only)
//
// The stages between segment and summarize are Stage values (Analyzer.Stages),
// each a small type with one Run method. Analyzer.AnalyzeCorpus runs them over a
// corpus, each with its own workers, and hands results on in corpus order
// whatever the scheduling, so any number of workers gives the same
// results; a panic in one article is that article's problem (a diagnostic
// naming the file and the stage), never the run's. Analyzer.Analyze runs
// them over one article. A Doc (with its tokens) lives only until its
// ArticleResult is made.
//
// Aggregation, comparison and the report are package aggregate's; the
// whole run, package run's.
package pipeline

import (
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/actors"
	"github.com/framing/framing/pipeline/voice"
)

// Version is framing's version: written into every report, and part of
// every cache key (an article analysed by another version is analysed again).
const Version = "0.1.0"

// Doc is one article under analysis.
type Doc struct {
	Article *corpus.Article

	// Text is what is analysed: the body, preceded by the title and a blank
	// line when the body does not open with its own headline. Every offset in
	// a Doc is into Text; BodyStart maps them back to the body.
	Text      string
	BodyStart int

	Blocks    []tokenize.Block
	Sentences []tokenize.Sentence
	Tokens    []tokenize.Token
	Excluded  []Excluded // what is not prose: chrome, headings, repeated runs
	Hits      []Hit
	Voice     *voice.Result
	Mentions  []actors.Mention
	Agency    []actors.Event
	Clauses   []int // clause id of each token
	Entities  []actors.Entity
	// WordP is each token's probability of being loaded (the score stage;
	// NaN for a token it does not score), SentenceP each sentence's
	// probability of being biased.
	WordP     []float64
	SentenceP []float64

	// What the match stage finds for the stages after it: which words
	// stand inside multi-word names, and which categories of the model's
	// feature lexicons hold each token (one matching pass serves the hits
	// and the features).
	names   []bool
	members [][]member
}

// Hit is one span of text that a lexicon entry (or a rule, or the
// loadedness model alone) holds: one hit whatever the number of categories
// that match it, the categories kept on it.
type Hit struct {
	Entry *lexicons.Entry // the primary category's entry
	// Category is the primary category: the first of Categories, which are
	// in the order of the lexicons, then of their categories.
	Category   *lexicons.Category
	Categories []*lexicons.Category
	Weight     float64         // the highest intensity weight of its entries
	Start, End int             // byte offsets into Doc.Text
	First      int             // first token index
	Last       int             // last token index (inclusive)
	Sentence   int             // index into Doc.Sentences
	Label      voice.Label     // set by the voice stage
	Actor      *lexicons.Actor // set by the actors stage
	// SpeakerActor is the actor the hit's speaker resolves to.
	SpeakerActor *lexicons.Actor
	// P is the loadedness model's probability that the span is loaded:
	// the highest of its words' (the score stage; NaN with the lexicon
	// scorer). Counted says it counts in the loaded rate and is highlighted
	// in the loaded colours; Why lists what moved P most.
	P       float64
	Counted bool
	Why     []model.Contribution
	// ScoringRule is the rule that decided Counted over the model, if any:
	// the loaded-report-verb rule's category (always counts) or
	// LegalTermRule (never counts).
	ScoringRule string
}

// Loaded reports whether the hit is judged for loadedness: it has a
// category of a scoring kind (loaded, valence). A hit of epistemic
// categories only (a hedge) is counted in its own tables, never as loaded.
func (h *Hit) Loaded() bool {
	for _, c := range h.Categories {
		if c.Kind.Scoring() {
			return true
		}
	}
	return false
}

// Field reports whether an offset of Text falls in the title or the body, and
// the offset within that field.
func (d *Doc) Field(off int) (field string, rel int) {
	if off < d.BodyStart {
		return "title", off
	}
	return "body", off - d.BodyStart
}
