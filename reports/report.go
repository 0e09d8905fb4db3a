// Package reports defines the framing report and renders it.
//
// Report is one typed value and the single source of truth: report.json is its
// serialization, and report.md and report.html are pure functions of it, so
// the three formats can never disagree.
//
// The JSON is a public contract ("framing.report/v1"): CI jobs diff it. Fields
// are only ever added, never renamed, removed or retyped. Field order is the
// struct order and maps are written with sorted keys, so the same analysis
// gives the same bytes.
package reports

import (
	"encoding/json"
	"math"

	"github.com/framing/framing/internal/diag"
)

// Schema identifies the JSON contract.
const Schema = "framing.report/v1"

// Report is everything framing found in one corpus.
type Report struct {
	Schema     string         `json:"schema"`
	Generator  Generator      `json:"generator"`
	Corpus     CorpusInfo     `json:"corpus"`
	Lexicons   []LexiconInfo  `json:"lexicons"`
	Categories []CategoryInfo `json:"categories"`
	Outlets    []Outlet       `json:"outlets"`
	Articles   []Article      `json:"articles"`
	Hits       []Hit          `json:"hits"`
	Comparison Comparison     `json:"comparison"`
	Problems   []Problem      `json:"problems"`
	Quotes     []Quote        `json:"quotes"`
	Headlines  []Headline     `json:"headlines"`

	// Actors are the gazetteer actors mentioned in the corpus, by id. An event
	// may redefine a shared actor (its "police" are Pakistani police); the
	// definition listed is the first met in event order.
	Actors           []ActorInfo      `json:"actors"`
	Gazetteers       []GazetteerInfo  `json:"gazetteers"`
	Mentions         []Mention        `json:"mentions"`
	Agency           []AgencyEvent    `json:"agency"`
	Omissions        []Omission       `json:"omissions"`
	UnlinkedEntities []UnlinkedEntity `json:"unlinked_entities"`

	// Distinctive terms of each outlet against all other outlets pooled.
	Distinctive []Distinctive `json:"distinctive"`
	// PCA maps the outlets by their category rates (3 or more outlets).
	PCA *PCA `json:"pca"`
	// Events repeats the outlet rows and comparisons within each event:
	// outlets covering the same story, compared with each other only.
	Events []EventReport `json:"events"`
	// Stats records how the statistics were computed.
	Stats StatsInfo `json:"stats"`
	// Records says whether hits, quotes, mentions and agency are inline
	// above or in JSON Lines files beside this one (large corpora), and how
	// many there are of each.
	Records RecordsInfo `json:"records"`
	// Voice lists the voice rules in precedence order and those switched
	// off for an ablation (--voice-off): a hit's rule is one of them.
	Voice VoiceRulesInfo `json:"voice"`

	records   *RecordFiles  // the files being written, before they are committed
	recordDir string        // the directory of a report read from a file
	index     []RecordIndex // per article, when the records were written apart by this process
	spans     *SpanTable    // the index was packed with
}

// VoiceRulesInfo records the voice stage's rules.
type VoiceRulesInfo struct {
	Rules    []string `json:"rules"`
	Disabled []string `json:"disabled"`
}

// StatsInfo records the settings of the statistics, to reproduce them.
type StatsInfo struct {
	Resamples int    `json:"resamples"` // bootstrap resamples
	Level     Float  `json:"level"`     // confidence level of the intervals
	Seed      uint64 `json:"seed"`      // bootstrap seed
	Prior     string `json:"prior"`     // Fightin' Words prior: "pooled" corpus counts, or a background corpus
	// Method names how the intervals were computed: the
	// percentile bootstrap, or for common categories of large outlets the
	// delta-method interval (stats.IntervalsMethod); "" when none were.
	Method string `json:"method"`
}

// EventReport is one event's outlets compared with each other.
type EventReport struct {
	Event string `json:"event"`
	// Title, Date and Description come from the event folder's event.yaml
	// (corpus.EventInfo), for readers: "PTI 'Final Call' protest in
	// Islamabad" rather than its folder's slug. Empty when the corpus says
	// nothing; renderers then show the slug.
	Title       string        `json:"title"`
	Date        string        `json:"date"`
	Description string        `json:"description"`
	Outlets     []Outlet      `json:"outlets"`
	Comparison  Comparison    `json:"comparison"`
	Distinctive []Distinctive `json:"distinctive"`
	PCA         *PCA          `json:"pca"`
}

// Distinctive is how strongly an outlet over-uses a term (a word stem, stop
// words excluded, or a lexicon category) against the other outlets pooled.
type Distinctive struct {
	Outlet    string `json:"outlet"`
	Term      string `json:"term"`
	Kind      string `json:"kind"`       // stem | category
	Count     int    `json:"count"`      // in the outlet
	CountRest int    `json:"count_rest"` // in the other outlets
	Z         Float  `json:"z"`          // Fightin' Words log-odds z-score (informative Dirichlet prior)
	G2        Float  `json:"g2"`         // signed log-likelihood keyness, Williams-corrected
	P         Float  `json:"p"`          // two-sided p of z
	PG2       Float  `json:"p_g2"`       // p of G2 under chi-squared(1)
	Q         Float  `json:"q"`          // Benjamini-Hochberg q-value of p, across the outlet's terms of this kind
	Delta     Float  `json:"delta"`      // the log-odds ratio itself
	// Form is how a stem is written: the outlet's most frequent spelling of
	// it over the corpus ("massacre" for the stem "massacr"), a capitalised
	// spelling counting as the lower-case one when the outlet writes both.
	// Readers see words, not stems. Empty for categories.
	Form string `json:"form,omitempty"`
}

// PCA is a map of outlets: positions on the first two principal components
// of their per-1k category rates.
type PCA struct {
	Outlets   []string            `json:"outlets"`
	Coords    [][2]Float          `json:"coords"`
	Explained []Float             `json:"explained"` // share of variance per component
	Loadings  map[string][2]Float `json:"loadings"`  // per category: weight on PC1, PC2
}

// TermShift is one lexicon term's contribution to the divergence of two
// outlets, with its share of each outlet's hits.
type TermShift struct {
	Term         string `json:"term"`
	Contribution Float  `json:"contribution"` // bits
	A            Float  `json:"a"`            // share of A's hits
	B            Float  `json:"b"`            // share of B's hits
}

// PairTerms explains the lexical divergence of two outlets: the JSD of their
// distributions over lexicon terms and the terms that contribute most. The
// top terms plus Other sum to the JSD.
type PairTerms struct {
	A              string      `json:"a"`
	B              string      `json:"b"`
	JSD            Float       `json:"jsd"`
	Terms          []TermShift `json:"terms"`
	Other          Float       `json:"other"`
	JSDAuthorial   Float       `json:"jsd_authorial"`
	TermsAuthorial []TermShift `json:"terms_authorial"`
	OtherAuthorial Float       `json:"other_authorial"`
}

// ClearDifference is a rate where two outlets' 95% intervals do not overlap.
type ClearDifference struct {
	Measure string `json:"measure"` // "authorial_per_1k" or a category id
	Higher  string `json:"higher"`
	Lower   string `json:"lower"`
	// Voice is "authorial" when a category's rate is compared in the
	// outlets' own voice only (Outlet.AuthorialCI), "" when over all
	// voices (Outlet.CI). authorial_per_1k is authorial by definition and
	// keeps "".
	Voice string `json:"voice,omitempty"`
}

// ActorInfo describes an actor of the gazetteers.
type ActorInfo struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"` // person | organisation | place | group
	Role string `json:"role"` // government, opposition, security forces, protesters, media, ...
}

// GazetteerInfo identifies the gazetteer an event was analysed with.
type GazetteerInfo struct {
	Event  string   `json:"event"`
	Paths  []string `json:"paths"`
	SHA256 string   `json:"sha256"`
	Actors int      `json:"actors"`
}

// Mention is an actor named in an article. Offsets are as for Hit.
type Mention struct {
	Article string `json:"article"`
	Outlet  string `json:"outlet"`
	Actor   string `json:"actor"`
	Field   string `json:"field"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// AgencyEvent is one use of a violence or coercion verb, with who does it to
// whom when the text names them.
type AgencyEvent struct {
	Article   string `json:"article"`
	Outlet    string `json:"outlet"`
	Verb      string `json:"verb"`    // cue-list entry: "kill" for "were killed"
	Text      string `json:"text"`    // as written
	Agent     string `json:"agent"`   // actor id, "" when unnamed
	Patient   string `json:"patient"` // actor id, "" when unnamed
	Passive   bool   `json:"passive"`
	Agentless bool   `json:"agentless"` // a passive with no "by": responsibility left unnamed
	Voice     string `json:"voice"`     // whose words the verb is in
	Field     string `json:"field"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Context   string `json:"context"`
}

// listed is whether report.md lists the event: it names an agent or a
// patient, or leaves the agent unnamed on purpose (an agentless passive).
func (e *AgencyEvent) Listed() bool { return e.Agent != "" || e.Patient != "" || e.Agentless }

// Omission is an actor other outlets covering the same event mention often
// and this outlet never does.
type Omission struct {
	Event             string `json:"event"`
	Outlet            string `json:"outlet"`
	Actor             string `json:"actor"`
	MentionsElsewhere int    `json:"mentions_elsewhere"`
	OutletsElsewhere  int    `json:"outlets_elsewhere"`
}

// UnlinkedEntity is a name prose's entity recognizer found that no gazetteer
// actor covers: a candidate for the gazetteer (framing actors suggest).
type UnlinkedEntity struct {
	Text     string `json:"text"`
	Label    string `json:"label"` // the recognizer's most frequent label for it
	Count    int    `json:"count"`
	Articles int    `json:"articles"`
	Event    string `json:"event"`   // the event it is most frequent in
	Example  string `json:"example"` // a sentence it appears in
}

// Generator names the program that wrote the report. There is deliberately no
// timestamp: two runs over the same input give the same bytes.
type Generator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// CorpusInfo sums up what was analysed.
type CorpusInfo struct {
	Articles  int      `json:"articles"`
	Tokens    int      `json:"tokens"`    // word tokens: the denominator of every rate
	Sentences int      `json:"sentences"` // sentences, headlines included
	Events    []string `json:"events"`    // event slugs, sorted
	Skipped   int      `json:"skipped"`   // files not analysed (see problems)
}

// LexiconInfo identifies a lexicon exactly, so a result can be reproduced.
type LexiconInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	SHA256  string `json:"sha256"`
	Licence string `json:"licence"`
	Source  string `json:"source"`
	Entries int    `json:"entries"`
}

// CategoryInfo describes one category (ids are "lexicon/category").
type CategoryInfo struct {
	ID          string `json:"id"`
	Label       string `json:"label"`
	Kind        string `json:"kind"` // loaded | epistemic
	Lexicon     string `json:"lexicon"`
	Description string `json:"description"`
}

// Outlet is one outlet's totals over its articles. Its stance vector is the
// per_1k of its categories, in the order of Report.Categories.
type Outlet struct {
	Outlet      string                  `json:"outlet"`
	Articles    int                     `json:"articles"`
	Tokens      int                     `json:"tokens"`
	Sentences   int                     `json:"sentences"`
	Coverage    Float                   `json:"coverage"`      // share of word tokens matched by any entry (LIWC's "Dic")
	LoadedPer1k Float                   `json:"loaded_per_1k"` // loaded hits (each span once) per 1,000 word tokens, all voices
	Categories  map[string]CategoryStat `json:"categories"`
	// Loaded counts the loaded hits (those counted: see Hit.Counted), each
	// span once, by voice: the numerators of loaded_per_1k and
	// authorial_per_1k.
	Loaded VoiceCounts `json:"loaded"`

	// Voice counts the outlet's hits (all categories) by voice.
	Voice VoiceCounts `json:"voice"`
	// AuthorialPer1k is the headline figure: loaded hits (those counted:
	// see Hit.Counted), each span once, in the outlet's own voice only, per
	// 1,000 word tokens.
	AuthorialPer1k Float `json:"authorial_per_1k"`
	// ReportVerbs is how the outlet introduces others' words.
	ReportVerbs ReportVerbs `json:"report_verbs"`
	// Speakers are the people and bodies the outlet quotes or reports, most
	// reported first (at most 10).
	Speakers []Speaker `json:"speakers"`

	// Actors is the outlet's actor stance: for each actor it mentions, the
	// loaded and epistemic categories in the same clauses, split by voice,
	// and how often the actor is agent or patient of violence.
	Actors map[string]ActorStat `json:"actors"`
	// Agentless passives of violence verbs ("several were injured"), a
	// classic marker of responsibility left unnamed.
	AgentlessPassives     int   `json:"agentless_passives"`
	AgentlessPassivePer1k Float `json:"agentless_passive_per_1k"`

	// CI holds bootstrap 95% intervals (sentences resampled) of each
	// category's per_1k; AuthorialPer1kCI that of authorial_per_1k.
	CI               map[string][2]Float `json:"ci"`
	AuthorialPer1kCI [2]Float            `json:"authorial_per_1k_ci"`
	// AuthorialCI holds the same intervals of each category's rate in the
	// outlet's own voice only (CategoryStat.VoicePer1k.Authorial): the
	// summary states authorial figures, so its differences are authorial
	// too.
	AuthorialCI map[string][2]Float `json:"authorial_ci"`
	// LoadedPer1kCI is the interval of loaded_per_1k (all voices).
	LoadedPer1kCI [2]Float `json:"loaded_per_1k_ci"`

	// Weighted loaded scores: the sum of the intensities (entry weights) of
	// loaded hits per 1,000 word tokens, all voices and authorial only.
	WeightedLoadedPer1k    Float `json:"weighted_loaded_per_1k"`
	WeightedAuthorialPer1k Float `json:"weighted_authorial_per_1k"`
	// TopSentences are the outlet's most loaded sentences in its own voice
	// (by weighted score), at most 10.
	TopSentences []LoadedSentence `json:"top_sentences"`
}

// ActorStat is one outlet's framing of one actor.
type ActorStat struct {
	Mentions   int                      `json:"mentions"`
	Coverage   Float                    `json:"coverage"` // share of the outlet's actor mentions
	Categories map[string]ActorCategory `json:"categories"`
	Agent      int                      `json:"agent"`   // agent of a violence verb
	Patient    int                      `json:"patient"` // patient of a violence verb
}

// ActorCategory counts hits of a category in clauses mentioning an actor.
type ActorCategory struct {
	Hits  int         `json:"hits"`
	Voice VoiceCounts `json:"voice"`
}

// CategoryStat counts one category's hits.
type CategoryStat struct {
	Kind       string      `json:"kind"`
	Hits       int         `json:"hits"`
	Per1k      Float       `json:"per_1k"`
	Voice      VoiceCounts `json:"voice"`
	VoicePer1k VoiceRates  `json:"voice_per_1k"`
}

// VoiceCounts splits hits by voice. Every hit has exactly one voice.
// Distanced counts hits the outlet marks as someone else's claim ("the
// alleged killings"); reports written before it counted them as authorial.
type VoiceCounts struct {
	Authorial  int `json:"authorial"`
	Quoted     int `json:"quoted"`
	Attributed int `json:"attributed"`
	Negated    int `json:"negated"`
	Distanced  int `json:"distanced"`
}

// Total is the number of hits counted.
func (v VoiceCounts) Total() int {
	return v.Authorial + v.Quoted + v.Attributed + v.Negated + v.Distanced
}

// VoiceRates is VoiceCounts per 1,000 word tokens.
type VoiceRates struct {
	Authorial  Float `json:"authorial"`
	Quoted     Float `json:"quoted"`
	Attributed Float `json:"attributed"`
	Negated    Float `json:"negated"`
	Distanced  Float `json:"distanced"`
}

// ReportVerbs counts the report cues an outlet uses in its own voice.
type ReportVerbs struct {
	Neutral int            `json:"neutral"` // said, stated, told, according to
	Loaded  int            `json:"loaded"`  // claimed, alleged, insisted, admitted, denied
	Cues    map[string]int `json:"cues"`    // by cue-list entry
}

// Speaker is someone an outlet quotes or reports.
type Speaker struct {
	Speaker      string         `json:"speaker"`
	Quotes       int            `json:"quotes"`       // quotations attributed to them
	Attributions int            `json:"attributions"` // report cues with them as subject
	LoadedHits   int            `json:"loaded_hits"`  // loaded hits in their words (quoted or attributed)
	Terms        map[string]int `json:"terms"`        // those hits by lexicon term
	Actor        string         `json:"actor"`        // the gazetteer actor the speaker resolves to, "" when none
}

// Article is one analysed article's totals.
type Article struct {
	ID          string `json:"id"`
	Outlet      string `json:"outlet"`
	Event       string `json:"event"`
	Title       string `json:"title"`
	Path        string `json:"path"` // relative to the corpus directory, with forward slashes
	Tokens      int    `json:"tokens"`
	Sentences   int    `json:"sentences"`
	Hits        int    `json:"hits"`
	LoadedPer1k Float  `json:"loaded_per_1k"`
	// AuthorialPer1k counts only loaded hits in the outlet's own voice.
	AuthorialPer1k Float `json:"authorial_per_1k"`
	// Weighted scores, as for Outlet.
	WeightedLoadedPer1k    Float `json:"weighted_loaded_per_1k"`
	WeightedAuthorialPer1k Float `json:"weighted_authorial_per_1k"`
	// ExcludedTokens counts the word tokens left out of Tokens because they
	// are not the article's prose; Excluded says where they are and why.
	ExcludedTokens int            `json:"excluded_tokens"`
	Excluded       []ExcludedSpan `json:"excluded"`
	// From the article's front matter: its date (YYYY-MM-DD or RFC 3339),
	// what kind of outlet published it, and a third party's bias label for
	// the outlet; each "" when not given.
	Published  string `json:"published"`
	OutletKind string `json:"outlet_kind"`
	Bias       string `json:"bias"`
	// SHA256 is the hex sha256 of the article's file: framing diff tells an
	// edited article from an unchanged one by it.
	SHA256 string `json:"sha256"`
}

// ExcludedSpan is a stretch of an article that is not counted as its prose,
// so its words are neither counted nor matched: page chrome (a video player's
// "JUST WATCHED … Replay More Videos", "READ MORE:" links), a section heading
// (structure, not prose: "=== Warnings of terrorist attack ==="), or a run of
// words repeated verbatim three times or more (a gallery strip).
type ExcludedSpan struct {
	Field  string `json:"field"` // body | title
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Reason string `json:"reason"` // chrome | heading | repeated
	Tokens int    `json:"tokens"` // word tokens left out
}

// Reasons a span is excluded from an article's prose.
const (
	ExcludedChrome   = "chrome"
	ExcludedHeading  = "heading"
	ExcludedRepeated = "repeated"
)

// Hit is one lexicon match, counted for one category.
//
// Start and End are byte offsets into the article's body (the text after the
// front matter) when Field is "body", and into its title when Field is "title"
// (a title the body does not repeat is analysed too: headlines frame).
type Hit struct {
	Article  string `json:"article"`
	Outlet   string `json:"outlet"`
	Term     string `json:"term"`     // the lexicon entry, as written
	Category string `json:"category"` // "lexicon/category"
	Sentence int    `json:"sentence"` // index of the sentence in the article (title first, when analysed)
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Field    string `json:"field"`   // body | title
	Text     string `json:"text"`    // the matched words, exactly as in the text
	Context  string `json:"context"` // the sentence the hit is in
	// ContextOffset is where Text begins in Context (bytes), so a reader can
	// mark the hit without searching for it (a word may occur twice).
	ContextOffset int `json:"context_offset"`

	Voice         string `json:"voice"`          // authorial | quoted | attributed | negated | distanced
	Speaker       string `json:"speaker"`        // whose words, normalised ("Mohsin Naqvi"); "" when authorial or unknown
	SpeakerPhrase string `json:"speaker_phrase"` // the speaker as written ("Interior Minister Mohsin Naqvi")
	Cue           string `json:"cue"`            // the report cue introducing the words, as written
	AttributedTo  string `json:"attributed_to"`  // the speaker of a report cue governing the hit, even when quoted or negated
	Headline      bool   `json:"headline"`       // in the title or the body's opening heading
	Actor         string `json:"actor"`          // the actor the hit attaches to: the subject of its clause, else the nearest actor named in it
	SpeakerActor  string `json:"speaker_actor"`  // the actor the speaker resolves to
	Weight        Float  `json:"weight"`         // the entry's intensity, 0-1
	Polarity      string `json:"polarity"`       // negative | positive | neutral | "" (none)
	// Rule is the voice rule that decided Voice (pipeline/voice: own-cue,
	// quotation, negation, denial, refutation, attribution/forward,
	// attribution/backward, attribution/according-to,
	// attribution/claim-that, distancing, authorial).
	Rule string `json:"rule"`
	// A hit is one span of text, whatever the number of categories that
	// match it: Category is the first of Categories (lexicon order), Kind
	// its kind (loaded, valence, epistemic).
	Categories []string `json:"categories"`
	Kind       string   `json:"kind"`
	// Probability is the loadedness model's probability that the span is
	// loaded (null with the lexicon scorer). Counted says the hit counts
	// in the loaded rate and is highlighted in the loaded colours: the
	// model accepted it, or a rule made it, or (lexicon scorer) it is in a
	// loaded category. A hit that is not counted stays in the records.
	// Why lists the features that moved Probability most.
	Probability Float    `json:"probability"`
	Counted     bool     `json:"counted"`
	Why         []string `json:"why"`
	// ScoringRule is the rule that decided Counted over the model, if any:
	// rules/loaded-report-verb (the author's choice of a loaded report
	// verb: always counts) or rules/legal-term (a crime word that names a
	// charge: never counts).
	ScoringRule string `json:"scoring_rule,omitempty"`
}

// LoadedSentence is a sentence and the charged words in it, in the outlet's
// own voice, weighted by intensity.
type LoadedSentence struct {
	Article  string   `json:"article"`
	Outlet   string   `json:"outlet"`
	Sentence int      `json:"sentence"`
	Field    string   `json:"field"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Text     string   `json:"text"`
	Score    Float    `json:"score"`  // sum of the weights of its authorial loaded hits
	Per1k    Float    `json:"per_1k"` // the score per 1,000 of its word tokens
	Terms    []string `json:"terms"`  // the terms of its authorial loaded and valence hits, in order
	// Loadedness is the weights of its authorial hits of loaded and
	// valence categories, each matched span once at its highest weight,
	// divided by its word tokens: what ranks the most loaded sentences
	// with the lexicon scorer.
	Loadedness Float `json:"loadedness"`
	// Probability is the sentence model's probability that readers judge
	// the sentence biased: what ranks the most loaded sentences with the
	// model scorer (null with the lexicon scorer). RankedBy names the
	// figure the list is ranked and labelled by: "probability" or
	// "loadedness".
	Probability Float  `json:"probability"`
	RankedBy    string `json:"ranked_by"`
}

// Rank is the figure the sentence is ranked by (RankedBy): every list and
// page shows this one.
func (s LoadedSentence) Rank() Float {
	if s.RankedBy == "probability" {
		return s.Probability
	}
	return s.Loadedness
}

// RankLabel says what Rank is, for a page.
func (s LoadedSentence) RankLabel() string {
	if s.RankedBy == "probability" {
		return "the loadedness model's probability that readers judge the sentence biased"
	}
	return "loadedness: the intensity (0–1) of each loaded or strongly valenced word in the outlet's own voice, summed and divided by the sentence's words"
}

// Quote is a quotation span in an article. Offsets are as for Hit.
type Quote struct {
	Article string `json:"article"`
	Outlet  string `json:"outlet"`
	Field   string `json:"field"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker"` // "" when no report cue introduces it (scare quotes, titles)
	Cue     string `json:"cue"`
	Closed  bool   `json:"closed"` // false when left open (it ends at its paragraph's end)
}

// Headline is an article's headline and the hits in it. Headline hits are in
// Hits too; this lists them per article because headlines weigh more with
// readers than any sentence under them.
type Headline struct {
	Article string   `json:"article"`
	Outlet  string   `json:"outlet"`
	Event   string   `json:"event"`
	Text    string   `json:"text"`
	Hits    int      `json:"hits"`
	Loaded  int      `json:"loaded"` // hits in loaded categories
	Terms   []string `json:"terms"`  // the loaded terms, in order
}

// Comparison compares every pair of outlets. Matrices are indexed by Outlets.
type Comparison struct {
	Outlets []string  `json:"outlets"`
	Cosine  [][]Float `json:"cosine"` // of per-1k category vectors; null when a vector is all zero
	JSD     [][]Float `json:"jsd"`    // Jensen-Shannon divergence, base 2, of category hit distributions; null when an outlet has no hits
	// The same, counting only hits in the outlet's own (authorial) voice.
	CosineAuthorial [][]Float `json:"cosine_authorial"`
	JSDAuthorial    [][]Float `json:"jsd_authorial"`
	// JSDTerms explains each pair's divergence over lexicon terms.
	JSDTerms []PairTerms `json:"jsd_terms"`
	// ClearDifferences lists rates whose 95% intervals do not overlap.
	ClearDifferences []ClearDifference `json:"clear_differences"`
}

// Problem is a file that could not be analysed (or analysed with a warning):
// a diag.Diagnostic as report.json holds it.
type Problem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Severity string `json:"severity"` // error | warning
	Message  string `json:"message"`
	// Column is the 1-based byte column, when known.
	Column int `json:"column,omitempty"`
	// Check names what raised the problem (article, event, listing,
	// lexicon, gazetteer, stage...).
	Check string `json:"check,omitempty"`
}

// ProblemFrom is the report row of a diagnostic.
func ProblemFrom(d *diag.Diagnostic) Problem {
	return Problem{Path: d.Path, Line: d.Line, Severity: d.Severity.String(), Message: d.Message, Column: d.Column, Check: d.Check}
}

// Diagnostic is the problem as a diagnostic again, to print it the one way
// every problem is printed (diag.Diagnostic.Error).
func (p Problem) Diagnostic() *diag.Diagnostic {
	return &diag.Diagnostic{Path: p.Path, Line: p.Line, Column: p.Column, Severity: diag.ParseSeverity(p.Severity), Check: p.Check, Message: p.Message}
}

// Float is a float64 that is written with at most 6 decimals, and as null
// when it is not a number (a divergence of an outlet with no hits, say), since
// JSON has no NaN and a CI diff should not churn on the 15th digit.
type Float float64

// NaN is the Float for "undefined".
func NaN() Float { return Float(math.NaN()) }

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	return f.appendJSON(nil), nil
}

// rounded is f rounded to six decimals, and false for NaN and ±Inf.
func (f Float) rounded() (float64, bool) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	r := math.Round(v*1e6) / 1e6
	if r == 0 {
		r = 0 // no "-0"
	}
	return r, true
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = NaN()
		return nil
	}
	var v float64
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Float(v)
	return nil
}
