package voice

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/syntax"
)

// The five voices. Every lexicon hit gets exactly one.
const (
	Authorial  = "authorial"  // the outlet's own words
	Quoted     = "quoted"     // inside quotation marks: someone else's words
	Attributed = "attributed" // reported speech without quote marks ("X said that ...")
	Negated    = "negated"    // in the scope of a negation or a denial
	// Distanced: the outlet's own words, but marked as someone else's claim
	// ("the alleged killings", "so-called DREAMers"). Counted apart from the
	// authorial loaded rate: the outlet names the charge without making it.
	Distanced = "distanced"
)

// Voices lists the voices in report order.
func Voices() []string { return []string{Authorial, Quoted, Attributed, Negated, Distanced} }

// Cue marks, from the cue list: the outlet's choice of report verb.
const (
	MarkNeutral = "neutral"
	MarkLoaded  = "loaded"
)

// Analyzer finds cues and scopes using a cue list (lexicons/builtin/cues.yaml
// or the user's copy). It is immutable and safe for concurrent use.
type Analyzer struct {
	on       ruleSet
	labelers []labeler
	cues     *lexicons.Matcher
	titles   map[string]bool // folded title words trimmed off speakers' names
	speakers map[string]bool // folded words and stems of speaker nouns
	chrome   []string        // folded phrases that open a line of page chrome
	cat      [numCueKinds]*lexicons.Category
}

// cueKind is a category of the cue list. The set is closed: a kind the
// code tests is one of these constants, so a misspelt category does not
// compile.
type cueKind int

const (
	cueNeutral    cueKind = iota // a neutral report verb: said, stated
	cueLoaded                    // a loaded report verb: claimed, insisted
	cueSource                    // "according to": the speaker follows
	cueDenial                    // denied, rejected: negates what follows
	cueNegation                  // not, no, never
	cueRefutation                // baseless, unfounded: negates its clause
	cueTitle                     // titles trimmed off speakers' names
	cueHarm                      // verbs of harm (the actors stage reads them)
	cueBroad                     // posted, revealed: a speech act only with speaker and content
	cueAs                        // "described X as Y"
	cueOf                        // "accused X of Y"
	cueObject                    // "called X Y"
	cueInfinitive                // "urged X to Y"
	cueDistancing                // alleged, so-called
	cueSpeaker                   // nouns that can speak: spokesman, ministry
	cueChrome                    // phrases that open a line of page chrome
	cueColouring                 // claimed, insisted: a report verb whose choice colours the words
	cueReason                    // "cited X as the rationale": the object is the speaker's reason
	numCueKinds
)

// cueKinds describes each kind: its category id in the cue list, whether a
// cue list must define it (cue lists written before the optional ones work
// with their rules off), and whether its entries are only looked up word by
// word or line by line rather than matched as cues.
var cueKinds = [numCueKinds]struct {
	id         string
	required   bool
	lookupOnly bool
}{
	cueNeutral:    {"neutral", true, false},
	cueLoaded:     {"loaded", true, false},
	cueSource:     {"source", true, false},
	cueDenial:     {"denial", true, false},
	cueNegation:   {"negation", true, false},
	cueRefutation: {"refutation", true, false},
	cueTitle:      {"title", true, true},
	cueHarm:       {"harm", true, true},
	cueBroad:      {"broad", false, false},
	cueAs:         {"as-complement", false, false},
	cueOf:         {"of-complement", false, false},
	cueObject:     {"object-complement", false, false},
	cueInfinitive: {"infinitive", false, false},
	cueDistancing: {"distancing", false, false},
	cueSpeaker:    {"speaker", false, true},
	cueChrome:     {"chrome", false, true},
	cueColouring:  {"colouring", false, false},
	cueReason:     {"reason-complement", false, false},
}

// New builds an Analyzer from a cue list, with every rule on. The list must
// define the categories the voice rules use.
func New(cueList *lexicons.Lexicon) (*Analyzer, error) { return NewWith(cueList, Options{}) }

// NewWith builds an Analyzer from a cue list, with the rules opts leaves on.
func NewWith(cueList *lexicons.Lexicon, opts Options) (*Analyzer, error) {
	on := newRuleSet(opts)
	a := &Analyzer{on: on, labelers: newLabelers(on), titles: map[string]bool{}, speakers: map[string]bool{}}
	var required []string
	for k, d := range cueKinds {
		if d.required {
			required = append(required, d.id)
		}
		a.cat[k] = cueList.CategoryByID(cueList.Name + "/" + d.id)
	}
	for k, d := range cueKinds {
		if d.required && a.cat[k] == nil {
			return nil, fmt.Errorf("cue list %s: category %q is missing (needed: %s)", cueList.Path, d.id, strings.Join(required, ", "))
		}
	}
	matchable := *cueList
	matchable.Entries = nil
	for _, e := range cueList.Entries {
		if a.has(e, cueTitle) {
			for _, w := range e.Words() {
				if w != "." {
					a.titles[w] = true
				}
			}
		}
		if a.has(e, cueSpeaker) {
			w := strings.Join(e.Words(), " ")
			a.speakers[w] = true
			if e.Mode == lexicons.StemM {
				a.speakers["stem:"+tokenize.Stem(w)] = true
			}
		}
		if a.has(e, cueChrome) {
			a.chrome = append(a.chrome, strings.Join(e.Words(), " "))
		}
		// Categories the voice stage does not read (the legal terms, which
		// the score stage reads) make no cue.
		only := len(e.Categories) > 0
		for _, c := range e.Categories {
			k, ok := a.kindOf(c)
			only = only && (!ok || cueKinds[k].lookupOnly)
		}
		if !only {
			matchable.Entries = append(matchable.Entries, e)
		}
	}
	a.cues = lexicons.Compile(&matchable)
	return a, nil
}

// has reports whether entry e is in the cue list's category of kind k.
func (a *Analyzer) has(e *lexicons.Entry, k cueKind) bool {
	c := a.cat[k]
	return c != nil && slices.Contains(e.Categories, c)
}

// kindOf is the kind of a cue-list category; false for a category the
// voice stage does not read.
func (a *Analyzer) kindOf(c *lexicons.Category) (cueKind, bool) {
	for k, x := range a.cat {
		if x != nil && x == c {
			return cueKind(k), true
		}
	}
	return 0, false
}

// Cue is a cue word or phrase found in the text.
type Cue struct {
	First, Last int    // token indices, inclusive
	Text        string // as written
	Term        string // the cue-list entry: "claim" for claimed/claiming
	Mark        string // MarkNeutral or MarkLoaded for report cues; "" otherwise
	Source      bool   // "according to X": the speaker follows the cue
	Denial      bool   // "denied": negates what follows
	Negation    bool   // "not", "no", "never", "without"
	Refutation  bool   // "baseless": negates its clause
	Distancing  bool   // "so-called", "alleged" used attributively: distances what follows
	// Frames of a report cue: what its complement may be, beyond
	// a clause, a quotation or a colon.
	Broad, As, Of, Object, Infinitive bool
	// Nominal: a noun cue ("Khan's claim that", "reports that"): its
	// speaker is its possessor, if it has one.
	Nominal bool
	// Colouring: a report verb whose choice colours the words it
	// introduces (claimed, insisted, admitted); Reason: a cue that gives a
	// reason ("cited X as the rationale"), whose object is the content.
	Colouring, Reason bool
}

// Attribution is reported speech: a report cue, who speaks, and what they say.
type Attribution struct {
	Cue     Cue
	Rule    Rule          // how its scope was found: RuleForward, RuleBackward, RuleSource or RuleNominal
	Speaker string        // normalised: titles, determiners and possessives trimmed, pronouns resolved ("" when unknown)
	Phrase  string        // the subject phrase as written ("" when the cue has none: "it was reported")
	Subject tokenize.Span // token indices of the phrase
	Scope   tokenize.Span // token indices of the reported content (empty when the complement is a plain noun phrase)
	// Holes are stretches inside Scope in the writer's voice: an apposition
	// the writer adds to reported content ("noted surveillance cameras, a
	// contentious subject in New York, played a key role").
	Holes []tokenize.Span
}

// Negation is a negated or denied stretch of text.
type Negation struct {
	Cue   Cue
	Rule  Rule // RuleNegation, RuleDenial or RuleRefutation
	Scope tokenize.Span
	By    int // index of the denial's attribution, or -1
}

// Distancing is a stretch the outlet marks as someone else's claim.
type Distancing struct {
	Cue   Cue
	Scope tokenize.Span
}

// Result is what Analyze found in one document.
type Result struct {
	Quotes       []Quote
	QuoteBy      []int // per quote: index of the attribution that introduces it, or -1
	Attributions []Attribution
	Negations    []Negation
	Distancings  []Distancing

	on         ruleSet
	labelers   []labeler
	toks       []tokenize.Token
	sents      []tokenize.Sentence
	inQuote    []int    // per token: index of the innermost quote it is in, or -1
	quoteToks  [][2]int // per quote: its first and last token inside the marks, or -1, -1
	top        []int    // per quote: the outermost quote holding it (itself when top-level)
	bySentence [][3]int // per sentence: first index into Attributions, Negations and Distancings
	reportCue  []bool   // per token: part of a report cue outside quotation marks
	steps      int      // the work of finding quotes and quoted tokens (the tests bound it)
}

// Analyze finds quotes, report cues and their speakers, and the scopes of
// attributions, negations and distancing markers in one document.
func (a *Analyzer) Analyze(text string, blocks []tokenize.Block, sents []tokenize.Sentence, toks []tokenize.Token) *Result {
	quotes, steps := scanQuotes(text, blocks)
	r := &Result{on: a.on, labelers: a.labelers, Quotes: quotes, steps: steps, toks: toks, sents: sents, inQuote: make([]int, len(toks)),
		bySentence: make([][3]int, len(sents)+1), reportCue: make([]bool, len(toks))}
	r.markQuotedTokens()
	for si := range sents {
		r.bySentence[si] = [3]int{len(r.Attributions), len(r.Negations), len(r.Distancings)}
		a.sentence(r, si)
	}
	r.bySentence[len(sents)] = [3]int{len(r.Attributions), len(r.Negations), len(r.Distancings)}
	for _, at := range r.Attributions {
		for i := at.Cue.First; i <= at.Cue.Last; i++ {
			r.reportCue[i] = true
		}
	}
	r.QuoteBy = make([]int, len(r.Quotes))
	for qi := range r.Quotes {
		r.QuoteBy[qi] = r.quoteSpeaker(qi)
	}
	return r
}

// markQuotedTokens records the innermost quote of every token and the first
// and last token of every quote, in time linear in tokens plus quotes
// (however deep quotes nest): a quote's tokens are the contiguous run of
// tokens inside its marks, found by binary search, and the innermost quote
// of each token comes from one sweep with the quotes open at that token as
// a stack (quotes are ordered by start and nest, so each is pushed and
// popped once).
func (r *Result) markQuotedTokens() {
	toks := r.toks
	r.quoteToks = make([][2]int, len(r.Quotes))
	r.top = make([]int, len(r.Quotes))
	for qi, q := range r.Quotes {
		r.steps++
		// Inside the marks: starts after the opening mark, ends by the
		// closing one.
		lo := sort.Search(len(toks), func(j int) bool { return toks[j].Start > q.Start })
		hi := sort.Search(len(toks), func(j int) bool { return toks[j].End > q.End })
		if lo < hi {
			r.quoteToks[qi] = [2]int{lo, hi - 1}
		} else {
			r.quoteToks[qi] = [2]int{-1, -1}
		}
		r.top[qi] = qi
		if q.Parent >= 0 {
			r.top[qi] = r.top[q.Parent]
		}
	}
	var open []int // quotes holding the current token, innermost last
	next := 0
	for j := range toks {
		r.steps++
		for len(open) > 0 && r.quoteToks[open[len(open)-1]][1] < j {
			r.steps++
			open = open[:len(open)-1]
		}
		for next < len(r.Quotes) && (r.quoteToks[next][0] < 0 || r.quoteToks[next][0] <= j) {
			r.steps++
			if r.quoteToks[next][0] >= 0 && r.quoteToks[next][1] >= j {
				open = append(open, next)
			}
			next++
		}
		r.inQuote[j] = -1
		if len(open) > 0 {
			r.inQuote[j] = open[len(open)-1]
		}
	}
}

// cue reads a match of the cue list in sentence s: a report cue, a negation,
// a refutation or a distancing marker, with the frames the cue list gives
// it. ok is false for a match that is none of them here (inside a
// quotation, a noun that reports nothing, a distancing word that reports).
func (a *Analyzer) cue(r *Result, s tokenize.Sentence, m lexicons.Match) (Cue, bool) {
	first, last := s.Tokens.Start+m.First, s.Tokens.Start+m.Last
	if r.inQuote[first] >= 0 {
		// Cues inside a quotation belong to the quoted speaker's own
		// reporting; the quotation's voice covers everything in it.
		return Cue{}, false
	}
	c := Cue{First: first, Last: last, Term: m.Entry.Term, Text: tokenize.Join(r.toks, first, last)}
	distancing := false
	for _, cat := range m.Entry.Categories {
		k, ok := a.kindOf(cat)
		if !ok {
			continue
		}
		switch k {
		case cueNeutral:
			c.Mark = MarkNeutral
		case cueLoaded:
			c.Mark = MarkLoaded
		case cueSource:
			c.Source = true
		case cueDenial:
			c.Denial = true
		case cueNegation:
			c.Negation = true
		case cueRefutation:
			c.Refutation = true
		case cueDistancing:
			distancing = true
		case cueBroad:
			c.Broad = true
		case cueAs:
			c.As = true
		case cueOf:
			c.Of = true
		case cueObject:
			c.Object = true
		case cueInfinitive:
			c.Infinitive = true
		case cueColouring:
			c.Colouring = true
		case cueReason:
			c.Reason = true
		}
	}
	if distancing && attributive(r.toks, first, s) {
		// "the claimed massacre", "so-called DREAMers", "allegedly by
		// security forces": the outlet's word, distancing what follows.
		c.Mark, c.Denial, c.Distancing = "", false, true
	}
	if c.Mark != "" && !c.Source {
		// A report cue must be a verb: "claims" the noun, "reports" the
		// noun, "a warning", "the claimed victims" report nothing. A
		// multiword cue is tested on its first word ("claims that"); as
		// a noun it reports only with a possessor ("Khan's claim that").
		verb := isVerbUse(r.toks, first, s) && !(first > s.Tokens.Start && syntax.OneOf(r.toks[first-1].Tag, "DT", "PRP$", "JJ", "POS"))
		switch {
		case verb:
		case first < last && strings.HasPrefix(r.toks[first].Tag, "NN"):
			c.Nominal = true // "Khan's claim that", "reports that"
		default:
			c.Mark, c.Denial = "", false
		}
	}
	return c, c.Mark != "" || c.Negation || c.Refutation || c.Distancing
}

// sentence finds the cues of one sentence and builds their attributions,
// negations and distancings.
func (a *Analyzer) sentence(r *Result, si int) {
	s := r.sents[si]
	toks := r.toks[s.Tokens.Start:s.Tokens.End]
	var cues []Cue
	a.cues.Match(toks, func(m lexicons.Match) {
		if c, ok := a.cue(r, s, m); ok {
			cues = append(cues, c)
		}
	})
	isCue := func(i int) bool {
		for _, c := range cues {
			if c.First == i && c.Mark != "" {
				return true
			}
		}
		return false
	}
	for _, c := range cues {
		attributed := false
		if c.Mark != "" {
			attributed = a.attribute(r, si, c, isCue)
		}
		switch {
		case c.Negation:
			r.Negations = append(r.Negations, Negation{Cue: c, Rule: RuleNegation, By: -1,
				Scope: tokenize.Span{Start: c.Last + 1, End: syntax.ClauseEnd(r.toks, c.Last+1, s.Tokens.End, negationReach)}})
		case c.Denial && attributed:
			r.Negations = append(r.Negations, Negation{Cue: c, Rule: RuleDenial, By: len(r.Attributions) - 1,
				Scope: tokenize.Span{Start: c.Last + 1, End: syntax.ClauseEnd(r.toks, c.Last+1, s.Tokens.End, denialReach)}})
		case c.Refutation:
			start := syntax.ClauseStart(r.toks, c.First, s.Tokens.Start)
			r.Negations = append(r.Negations, Negation{Cue: c, Rule: RuleRefutation, By: -1,
				Scope: tokenize.Span{Start: start, End: c.First}})
		case c.Distancing:
			r.Distancings = append(r.Distancings, Distancing{Cue: c, Scope: distancedScope(r.toks, c, s)})
		}
	}
}

// attributive reports whether a distancing word at i modifies what follows
// rather than reporting: an adverb ("allegedly"), an adjective or participle
// after a determiner or possessive ("the claimed massacre", "Khan's alleged
// remarks"), or a hyphenated marker ("so-called", "self-proclaimed"), which
// has no other use.
func attributive(toks []tokenize.Token, i int, s tokenize.Sentence) bool {
	t := toks[i]
	if strings.Contains(t.Norm, "-") || strings.HasPrefix(t.Tag, "RB") {
		return true
	}
	if i+1 >= s.Tokens.End || !syntax.Nominal(toks[i+1]) && !syntax.OpeningQuote(toks[i+1]) {
		return false
	}
	if i > s.Tokens.Start && syntax.OneOf(toks[i-1].Tag, "DT", "PRP$", "POS") {
		return true // "the claimed victims", whatever the tagger calls "claimed"
	}
	return syntax.OneOf(t.Tag, "JJ", "VBN", "VBD") &&
		(i == s.Tokens.Start || syntax.OneOf(toks[i-1].Tag, "JJ", "CC", "IN", "CD") || syntax.OpeningQuote(toks[i-1]))
}

// distancedScope is what a distancing marker distances: the noun phrase it
// modifies ("the so-called reforms were a brutal sham": reforms), or, for an
// adverb, the rest of its clause within distancingReach tokens.
func distancedScope(toks []tokenize.Token, c Cue, s tokenize.Sentence) tokenize.Span {
	from := c.Last + 1
	if strings.HasPrefix(toks[c.First].Tag, "RB") {
		return tokenize.Span{Start: from, End: syntax.ClauseEnd(toks, from, s.Tokens.End, distancingReach)}
	}
	end := from
	for end < s.Tokens.End && (syntax.Nominal(toks[end]) && toks[end].Tag != "PRP" || syntax.OneOf(toks[end].Tag, "``", "''") || syntax.OneOf(toks[end].Text, "\"", "“", "”")) {
		end++
	}
	return tokenize.Span{Start: from, End: end}
}

// isVerbUse reports whether the cue word at i is used as a verb. The tagger is
// trusted, except in headline style, where it reads "minister threatens 'all-
// out war'" as a plural noun: a cue tagged as a noun still counts when a noun
// or pronoun stands before it and its complement opens after it (that, a
// quote, a colon, a determiner).
func isVerbUse(toks []tokenize.Token, i int, s tokenize.Sentence) bool {
	if strings.HasPrefix(toks[i].Tag, "VB") {
		return true
	}
	if !strings.HasPrefix(toks[i].Tag, "NN") || i == s.Tokens.Start || i+1 >= s.Tokens.End {
		return false
	}
	prev, next := toks[i-1], toks[i+1]
	return syntax.OneOf(prev.Tag, "NN", "NNS", "NNP", "NNPS", "PRP") && !syntax.OneOf(prev.Norm, "the", "a", "an") &&
		(next.Norm == "that" || next.Norm == ":" || next.Tag == "DT" || syntax.OpeningQuote(next))
}

// possessor is the start of the possessor of the noun at i ("Khan's claim",
// "his claims"), or -1.
func possessor(toks []tokenize.Token, i int, s tokenize.Sentence) int {
	k := i - 1
	for k >= s.Tokens.Start && toks[k].Tag == "JJ" {
		k--
	}
	switch {
	case k < s.Tokens.Start:
		return -1
	case toks[k].Tag == "PRP$":
		return k
	case toks[k].Tag == "POS" || toks[k].Norm == "'s" || toks[k].Norm == "'":
		np := syntax.NounPhraseBefore(toks, k-1, s.Tokens.Start)
		if np.End > np.Start {
			return np.Start
		}
	}
	return -1
}

func (r *Result) lastAttributionIn(si int) int {
	if n := len(r.Attributions); n > r.bySentence[si][0] {
		return n - 1
	}
	return -1
}

// quoteSpeaker finds the attribution that introduces quote qi: a cue before it
// in its sentence whose scope reaches it ("X said: “...”", "described it as
// a “massacre”"), else a cue just after it (“...,” X said), else, for a quote
// that opens its sentence, the attribution of the sentence before in the same
// paragraph. A nested quote without its own cue belongs to its parent's
// speaker. It looks only at the attributions of the quote's own sentences.
func (r *Result) quoteSpeaker(qi int) int {
	q := r.Quotes[qi]
	first, last := r.quoteToks[qi][0], r.quoteToks[qi][1]
	if first < 0 {
		return -1
	}
	sents := r.sents
	sFirst, sLast := sentenceOf(sents, first), sentenceOf(sents, last)
	inSentence := func(si int) (int, int) { return r.bySentence[si][0], r.bySentence[si+1][0] }
	best := -1
	lo, hi := inSentence(sFirst)
	for ai := lo; ai < hi; ai++ {
		if at := r.Attributions[ai]; at.Cue.Last < first && at.Scope.Contains(first) {
			best = ai // later ones are nearer
		}
	}
	if best >= 0 {
		return best
	}
	// After the quote: within a few tokens of its closing mark.
	lo, hi = inSentence(sLast)
	for ai := lo; ai < hi; ai++ {
		if at := r.Attributions[ai]; at.Cue.First > last && at.Cue.First-last <= trailingCueReach {
			return ai
		}
	}
	// Before the quote in its sentence, even where the scope was cut short.
	lo, hi = inSentence(sFirst)
	for ai := hi - 1; ai >= lo; ai-- {
		if r.Attributions[ai].Cue.Last < first {
			return ai
		}
	}
	if q.Depth > 0 {
		if p := r.parent(qi); p >= 0 {
			return r.QuoteBy[p]
		}
	}
	// A quotation that is its sentence, after a sentence that introduced it.
	if sFirst > 0 && leadsSentence(r.toks, sents[sFirst], first) && sents[sFirst-1].Block == sents[sFirst].Block {
		if lo, hi := inSentence(sFirst - 1); hi > lo {
			return hi - 1
		}
	}
	return -1
}

func leadsSentence(toks []tokenize.Token, s tokenize.Sentence, first int) bool {
	for i := s.Tokens.Start; i < first; i++ {
		if toks[i].Word {
			return false
		}
	}
	return true
}

func sentenceOf(sents []tokenize.Sentence, tok int) int {
	lo, hi := 0, len(sents)
	for lo < hi {
		mid := (lo + hi) / 2
		switch {
		case tok < sents[mid].Tokens.Start:
			hi = mid
		case tok >= sents[mid].Tokens.End:
			lo = mid + 1
		default:
			return mid
		}
	}
	return -1
}

// Label is the voice of one span of text, and whose words it is.
type Label struct {
	Voice        string
	Rule         Rule   // the rule that decided Voice
	Speaker      string // who speaks the words (normalised), "" when unknown or authorial
	Phrase       string // the speaker as written
	Cue          string // the report cue, as written, that introduces the words; for distanced words, the distancing marker
	AttributedTo string // the speaker of a report cue governing the span, even when Voice is quoted or negated
	Quote        int    // index of the innermost quote, or -1
	// Subject is the speaker's phrase as token indices (empty when none), so
	// the speaker can be resolved to an actor named there.
	Subject tokenize.Span
}

// Label gives the voice of the tokens [first, last], and the rule that
// decided it (Rules). The labelling rules are tried in precedence order,
// the first that applies wins:
//
//  0. own-cue: a report cue or distancing marker outside quotation marks is
//     the outlet's own word, whatever scope it stands in: "claimed" in "Raja
//     claimed that ..." is the outlet's choice of verb (METHODS §2), and
//     "alleged" in "the alleged killings" its own hedge, so both are
//     authorial.
//  1. quotation: the span is inside quotation marks. Whose words they are
//     matters most; a scare quote after a cue ("described the incident as a
//     “massacre”") is quoted, and AttributedTo names the describer.
//  2. negation, denial, refutation: the span is in the scope of a negation
//     or a denial ("The government denied using live rounds"). In the
//     outlet's or a reported voice, a negated word is not asserted.
//  3. attribution/forward, /backward, /according-to, /claim-that: the span
//     is reported speech without quotation marks ("Naqvi warned that
//     security forces would retaliate with live ammunition").
//  4. distancing: the span is marked, in the outlet's voice, as someone
//     else's claim ("the claimed massacre").
//  5. authorial: everything else, the outlet's own words.
func (r *Result) Label(first, last int) Label {
	l := Label{Voice: Authorial, Rule: RuleAuthorial, Quote: -1}
	si := sentenceOf(r.sents, first)
	if si < 0 {
		return l
	}
	if at := r.attributionOf(si, first, nil); at >= 0 {
		l.AttributedTo = r.Attributions[at].Speaker
	}
	for _, lb := range r.labelers {
		var ok bool
		switch lb := lb.(type) {
		case ownCue:
			ok = lb.label(r, si, first, last, &l)
		case quotation:
			ok = lb.label(r, si, first, last, &l)
		case negated:
			ok = lb.label(r, si, first, last, &l)
		case attributed:
			ok = lb.label(r, si, first, last, &l)
		case distanced:
			ok = lb.label(r, si, first, last, &l)
		default:
			panic(fmt.Sprintf("voice: labeler %T missing from Result.Label's switch", lb))
		}
		if ok {
			return l
		}
	}
	return l
}

func (l *Label) setSpeaker(at Attribution) {
	l.Speaker, l.Phrase, l.Cue, l.Subject = at.Speaker, at.Phrase, at.Cue.Text, at.Subject
}

func (r *Result) distancingCue(si, i int) bool {
	for _, d := range r.Distancings[r.bySentence[si][2]:r.bySentence[si+1][2]] {
		if d.Cue.First <= i && i <= d.Cue.Last {
			return true
		}
	}
	return false
}

// attributionOf is the attribution of sentence si whose scope holds token i
// (outside its holes) and whose cue is nearest to it; with on not nil, only
// attributions whose rule is on count.
func (r *Result) attributionOf(si, i int, on ruleSet) int {
	best, dist := -1, 0
	for ai := r.bySentence[si][0]; ai < r.bySentence[si+1][0]; ai++ {
		at := r.Attributions[ai]
		if on != nil && !on[at.Rule] || !at.Scope.Contains(i) || inAny(at.Holes, i) {
			continue
		}
		d := i - at.Cue.Last
		if d < 0 {
			d = -d
		}
		if best < 0 || d < dist {
			best, dist = ai, d
		}
	}
	return best
}

func inAny(spans []tokenize.Span, i int) bool {
	for _, sp := range spans {
		if sp.Contains(i) {
			return true
		}
	}
	return false
}

func (r *Result) innermostQuote(first, last int) int {
	q := r.inQuote[first]
	if q < 0 {
		return -1
	}
	// The whole span must be inside; walk outward until it is.
	for q >= 0 {
		if r.inQuoteChain(last, q) {
			return q
		}
		q = r.parent(q)
	}
	return -1
}

// inQuoteChain reports whether token tok is inside quote q (in it, or in a
// quote nested in it): quotes nest, so that is q's run of tokens.
func (r *Result) inQuoteChain(tok, q int) bool {
	return r.quoteToks[q][0] >= 0 && r.quoteToks[q][0] <= tok && tok <= r.quoteToks[q][1]
}

// parent is the quote that directly holds quote q, or -1.
func (r *Result) parent(q int) int { return r.Quotes[q].Parent }
