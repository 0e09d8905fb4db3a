package voice

import (
	"fmt"
	"strings"

	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/syntax"
	"github.com/framing/framing/pipeline/tokenize"
)

// The four voices. Every lexicon hit gets exactly one.
const (
	Authorial  = "authorial"  // the outlet's own words
	Quoted     = "quoted"     // inside quotation marks: someone else's words
	Attributed = "attributed" // reported speech without quote marks ("X said that ...")
	Negated    = "negated"    // in the scope of a negation or a denial
)

// Voices lists the voices in report order.
func Voices() []string { return []string{Authorial, Quoted, Attributed, Negated} }

// Cue marks, from the cue list: the outlet's choice of report verb.
const (
	MarkNeutral = "neutral"
	MarkLoaded  = "loaded"
)

// Analyzer finds cues and scopes using a cue list (lexicons/builtin/cues.yaml
// or the user's copy). It is immutable and safe for concurrent use.
type Analyzer struct {
	cues   *lexicons.Matcher
	titles map[string]bool // folded title words trimmed off speakers' names
	cat    map[string]*lexicons.Category
}

// Required cue-list categories.
var cueCategories = []string{"neutral", "loaded", "source", "denial", "negation", "refutation", "title", "harm"}

// New builds an Analyzer from a cue list. The list must define the categories
// the voice rules use.
func New(cueList *lexicons.Lexicon) (*Analyzer, error) {
	a := &Analyzer{titles: map[string]bool{}, cat: map[string]*lexicons.Category{}}
	for _, id := range cueCategories {
		c := cueList.CategoryByID(cueList.Name + "/" + id)
		if c == nil {
			return nil, fmt.Errorf("cue list %s: category %q is missing (needed: %s)", cueList.Path, id, strings.Join(cueCategories, ", "))
		}
		a.cat[id] = c
	}
	// Titles are looked up word by word, so they are not matched as cues.
	matchable := *cueList
	matchable.Entries = nil
	for _, e := range cueList.Entries {
		if a.has(e, "harm") && len(e.Categories) == 1 {
			continue // the actors stage reads these
		}
		if a.has(e, "title") {
			for _, w := range e.Words() {
				a.titles[w] = true
			}
			if len(e.Categories) == 1 {
				continue
			}
		}
		matchable.Entries = append(matchable.Entries, e)
	}
	a.cues = lexicons.Compile(&matchable)
	return a, nil
}

func (a *Analyzer) has(e *lexicons.Entry, id string) bool {
	for _, c := range e.Categories {
		if c == a.cat[id] {
			return true
		}
	}
	return false
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
}

// Attribution is reported speech: a report cue, who speaks, and what they say.
type Attribution struct {
	Cue     Cue
	Speaker string        // normalised: titles, determiners and possessives trimmed, pronouns resolved
	Phrase  string        // the subject phrase as written ("" when the cue has none: "it was reported")
	Subject tokenize.Span // token indices of the phrase
	Scope   tokenize.Span // token indices of the reported content
}

// Negation is a negated or denied stretch of text.
type Negation struct {
	Cue   Cue
	Scope tokenize.Span
	By    int // index of the denial's attribution, or -1
}

// Result is what Analyze found in one document.
type Result struct {
	Quotes       []Quote
	QuoteBy      []int // per quote: index of the attribution that introduces it, or -1
	Attributions []Attribution
	Negations    []Negation

	toks    []tokenize.Token
	inQuote []int // per token: index of the innermost quote it is in, or -1
}

// Analyze finds quotes, report cues and their speakers, and the scopes of
// attributions and negations in one document.
func (a *Analyzer) Analyze(text string, blocks []tokenize.Block, sents []tokenize.Sentence, toks []tokenize.Token) *Result {
	r := &Result{Quotes: Quotes(text, blocks), toks: toks, inQuote: make([]int, len(toks))}
	r.markQuotedTokens()
	for si := range sents {
		a.sentence(r, sents, si)
	}
	r.QuoteBy = make([]int, len(r.Quotes))
	for qi := range r.Quotes {
		r.QuoteBy[qi] = r.quoteSpeaker(qi, sents)
	}
	return r
}

func (r *Result) markQuotedTokens() {
	for i := range r.inQuote {
		r.inQuote[i] = -1
	}
	// Quotes are ordered by start and nested ones come after their parent, so
	// a later quote overwrites with a more inner one.
	ti := 0
	for qi, q := range r.Quotes {
		for ti > 0 && r.toks[ti-1].Start >= q.Start {
			ti--
		}
		for ti < len(r.toks) && r.toks[ti].Start < q.Start {
			ti++
		}
		for j := ti; j < len(r.toks) && r.toks[j].End <= q.End; j++ {
			if r.toks[j].Start > q.Start {
				r.inQuote[j] = qi
			}
		}
	}
}

// sentence finds the cues of one sentence and builds their attributions and
// negations.
func (a *Analyzer) sentence(r *Result, sents []tokenize.Sentence, si int) {
	s := sents[si]
	toks := r.toks[s.Tokens.Start:s.Tokens.End]
	var cues []Cue
	a.cues.Match(toks, func(m lexicons.Match) {
		first, last := s.Tokens.Start+m.First, s.Tokens.Start+m.Last
		if r.inQuote[first] >= 0 {
			// Cues inside a quotation belong to the quoted speaker's own
			// reporting; the quotation's voice covers everything in it.
			return
		}
		c := Cue{First: first, Last: last, Term: m.Entry.Term, Text: tokenize.Join(r.toks, first, last)}
		for _, cat := range m.Entry.Categories {
			switch cat {
			case a.cat["neutral"]:
				c.Mark = MarkNeutral
			case a.cat["loaded"]:
				c.Mark = MarkLoaded
			case a.cat["source"]:
				c.Source = true
			case a.cat["denial"]:
				c.Denial = true
			case a.cat["negation"]:
				c.Negation = true
			case a.cat["refutation"]:
				c.Refutation = true
			}
		}
		// A one-word report cue must be a verb: "claims" the noun, "reports"
		// the noun, "a warning", "the claimed victims" report nothing.
		if c.Mark != "" && first == last && (!isVerbUse(r.toks, first, s) ||
			first > s.Tokens.Start && syntax.OneOf(r.toks[first-1].Tag, "DT", "PRP$", "JJ", "POS")) {
			c.Mark, c.Denial = "", false
		}
		if c.Mark != "" || c.Negation || c.Refutation {
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
		if c.Mark != "" {
			a.attribute(r, sents, si, c, isCue)
		}
		switch {
		case c.Negation:
			r.Negations = append(r.Negations, Negation{Cue: c, By: -1,
				Scope: tokenize.Span{Start: c.Last + 1, End: syntax.ClauseEnd(r.toks, c.Last+1, s.Tokens.End, negationReach)}})
		case c.Denial && c.Mark != "":
			r.Negations = append(r.Negations, Negation{Cue: c, By: len(r.Attributions) - 1,
				Scope: tokenize.Span{Start: c.Last + 1, End: syntax.ClauseEnd(r.toks, c.Last+1, s.Tokens.End, 20)}})
		case c.Refutation:
			start := syntax.ClauseStart(r.toks, c.First, s.Tokens.Start)
			r.Negations = append(r.Negations, Negation{Cue: c, By: -1,
				Scope: tokenize.Span{Start: start, End: c.First}})
		}
	}
}

// negationReach is how many tokens a negation particle reaches: "not a
// peaceful protest", "no immediate wholesale crackdown", but not "no role in
// the decision to aggressively disband".
const negationReach = 5

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
	return syntax.OneOf(prev.Tag, "NN", "NNS", "NNP", "NNPS", "PRP") &&
		(next.Norm == "that" || next.Norm == ":" || next.Tag == "DT" || syntax.OpeningQuote(next))
}

// attribute builds the attribution of one report cue: its speaker and scope.
func (a *Analyzer) attribute(r *Result, sents []tokenize.Sentence, si int, c Cue, isCue func(int) bool) {
	s := sents[si]
	toks := r.toks
	at := Attribution{Cue: c}
	var head tokenize.Span
	switch {
	case c.Source:
		// "According to X, CONTENT." or "CONTENT, according to X."
		at.Subject = syntax.NounPhraseAfter(toks, c.Last+1, s.Tokens.End)
		head = at.Subject
		if comma := syntax.PrevComma(toks, c.First, s.Tokens.Start); comma > s.Tokens.Start {
			at.Scope = tokenize.Span{Start: s.Tokens.Start, End: comma}
		} else {
			at.Scope = tokenize.Span{Start: at.Subject.End, End: r.forwardScopeEnd(s, at.Subject.End, s.Tokens.End, isCue)}
		}
	default:
		var backward int
		at.Subject, head, backward = a.subject(r, s, c)
		if backward >= 0 {
			// "CONTENT, X said." The content runs up to the comma.
			at.Scope = tokenize.Span{Start: s.Tokens.Start, End: backward}
		} else {
			at.Scope = tokenize.Span{Start: c.Last + 1, End: r.forwardScopeEnd(s, c.Last+1, s.Tokens.End, isCue)}
		}
		coordinated := at.Subject.Start == at.Subject.End && c.First > s.Tokens.Start && syntax.OneOf(toks[c.First-1].Norm, "and", "but", "or")
		if at.Subject.Start == at.Subject.End && (strings.HasSuffix(toks[c.First].Tag, "G") || coordinated) {
			// A participle ("..., claiming that") or a coordinated verb ("X
			// voiced support and called on ...") speaks for the clause's
			// subject: the last speaker of this sentence, else the subject of
			// the nearest verb before it ("the regime spent days accusing"),
			// else the sentence's subject.
			if prev := r.lastAttributionIn(s); prev >= 0 {
				at.Subject, at.Speaker = r.Attributions[prev].Subject, r.Attributions[prev].Speaker
			} else if sp, hd := syntax.SubjectOfVerbBefore(toks, c.First, s.Tokens.Start); hd.End > hd.Start {
				at.Subject, head = sp, hd
			} else {
				at.Subject, head = syntax.MainSubject(toks, s)
			}
		}
	}
	at.Phrase = tokenize.Join(toks, at.Subject.Start, at.Subject.End-1)
	if at.Speaker == "" {
		at.Speaker = a.speakerName(toks, at.Subject, head)
	}
	if syntax.Pronoun(at.Speaker) {
		at.Speaker = r.resolvePronoun(a, sents, si, at.Speaker)
	}
	r.Attributions = append(r.Attributions, at)
}

// forwardScopeEnd is where reported content that follows its cue ends: at
// the end of the sentence, or earlier where the writer's own clause resumes:
// at a ";", or at a comma or a contrastive conjunction followed by a new
// clause (", the imperialist powers marked him", "but the party was not
// able") or by a participle that is not itself a report cue (", manifestly
// hoping that ..."). A participle that is a cue (", adding that ...") carries
// the report on.
//
// In a sentence that opens with a subordinate clause ("While party sources
// reported ..., Raja claimed ..."), content reported inside that clause ends
// at the comma that closes it.
func (r *Result) forwardScopeEnd(s tokenize.Sentence, from, end int, isCue func(int) bool) int {
	toks := r.toks
	if syntax.OneOf(toks[s.Tokens.Start].Norm, "while", "although", "though", "whereas", "as", "because", "when", "whenever", "if", "since", "after", "before", "once") {
		for i := s.Tokens.Start + 1; i < end; i++ {
			if toks[i].Text == "," && r.inQuote[i] < 0 {
				if from <= i {
					end = i
				}
				break
			}
		}
	}
	for i := from; i < end; i++ {
		t := toks[i]
		if t.Text == ";" {
			return i
		}
		if r.inQuote[i] >= 0 || t.Text != "," && !syntax.OneOf(t.Norm, "but", "while", "whereas", "although", "though", "meanwhile") {
			continue
		}
		j := i + 1
		for j < end && (syntax.ClosingQuote(toks[j]) || syntax.Adverb(toks[j]) || syntax.OneOf(toks[j].Norm, "but", "and", "meanwhile")) {
			j++
		}
		if j >= end {
			return end
		}
		if toks[j].Tag == "VBG" && !isCue(j) || t.Text == "," && syntax.Finite(toks[j]) {
			return i // ", manifestly hoping ..." / ", issued a lying denial"
		}
		// A new clause with a subject of its own; a pronoun subject more
		// often continues the report ("saying that it is not a peaceful
		// protest, it is extremism").
		if np := syntax.NounPhraseAfter(toks, j, end); np.End > np.Start && np.End < end && syntax.Finite(toks[np.End]) && toks[np.Start].Tag != "PRP" {
			return i
		}
	}
	return end
}

// subject finds the speaker phrase of a verb cue and the part of it that
// names the speaker (head). backward is the index of the comma that ends the
// reported content when the cue follows its content ("..., he said." or
// `"...," said Miller.`), or -1. A cue followed by a colon introduces what
// comes after it, whatever came before.
func (a *Analyzer) subject(r *Result, s tokenize.Sentence, c Cue) (phrase, head tokenize.Span, backward int) {
	toks := r.toks
	start, end := s.Tokens.Start, s.Tokens.End
	after := c.Last + 1
	none := tokenize.Span{Start: c.First, End: c.First}
	closesContent := func(i int) bool { // "he said." — but not "he said:"
		return i >= end || syntax.OneOf(toks[i].Text, ".", "!", "?", ";", ",")
	}
	// contentComma: the comma ending the content just before token i,
	// perhaps followed by a closing quote: `...,` or `...,"`.
	contentComma := func(i int) int {
		if i > start && syntax.ClosingQuote(toks[i]) && toks[i-1].Text == "," {
			return i - 1
		}
		if i > start && toks[i].Text == "," {
			return i
		}
		return -1
	}
	participle := strings.HasSuffix(toks[c.First].Tag, "G")

	i := c.First - 1
	for i >= start && (syntax.Adverb(toks[i]) || syntax.Auxiliary(toks[i])) {
		i--
	}
	if i >= start && !participle && c.First == c.Last {
		if k := contentComma(i); k >= 0 {
			// Inverted: `"...," said Miller.` The subject follows the cue.
			if np := syntax.NounPhraseAfter(toks, after, end); np.End > np.Start && closesContent(np.End) {
				return np, np, k
			}
		}
		if toks[i].Text == "," {
			i-- // a stray comma between subject and verb: "minister Naqvi, warned"
		}
	}
	if i < start {
		return none, none, -1
	}
	if syntax.Passive(toks, c.First, start) {
		// A passive ("The protest was referred to as ...", "were accused of
		// pushing"): the subject is what is talked about; the speaker is the
		// agent of a "by" phrase, or nobody.
		if c.Last+1 < end && toks[c.Last+1].Norm == "by" {
			np := syntax.NounPhraseAfter(toks, c.Last+2, end)
			return np, np, -1
		}
		return none, none, -1
	}
	if syntax.OneOf(toks[i].Norm, "who", "which") || toks[i].Tag == "WDT" || toks[i].Tag == "WP" {
		// A relative clause: "Riyadh, which described ...". The speaker is
		// the antecedent.
		phrase, head = syntax.Antecedent(toks, i, start)
		return phrase, head, -1
	}
	phrase, head = syntax.SubjectPhrase(toks, i, start)
	if head.End > head.Start && head.Start > start && syntax.OneOf(toks[head.Start-1].Tag, "IN", "TO") {
		// The noun before the verb is a preposition's object ("Pompeo, who
		// while on a trip to the region earlier referred"): look for the
		// relative pronoun that owns the verb.
		for k := head.Start - 1; k >= start && k > c.First-12; k-- {
			if syntax.Finite(toks[k]) {
				break
			}
			if syntax.OneOf(toks[k].Norm, "who", "which") {
				phrase, head = syntax.Antecedent(toks, k, start)
				return phrase, head, -1
			}
		}
	}
	if participle && !(head.End > head.Start && strings.HasPrefix(toks[head.End-1].Tag, "NNP") && head.End == i+1) {
		// A participle takes its subject from the clause, not from the noun
		// before it ("denied using live rounds, asserting ..."), unless a
		// name stands right before it ("with Naqvi refuting ...").
		return none, none, -1
	}
	if phrase.End > phrase.Start && closesContent(after) {
		if k := contentComma(phrase.Start - 1); k > start {
			return phrase, head, k // "..., he said."
		}
	}
	return phrase, head, -1
}

func (r *Result) lastAttributionIn(s tokenize.Sentence) int {
	if n := len(r.Attributions); n > 0 && s.Tokens.Contains(r.Attributions[n-1].Cue.First) {
		return n - 1
	}
	return -1
}

// resolvePronoun maps "he", "she", "it", "they" to the last named speaker of
// the same paragraph, the usual antecedent in news writing ("Safeer Ali
// described ... “They hit several people,” he stated."), or else to the
// subject of the sentence before in the same paragraph ("The office of ...
// Naqvi ... issued a lying denial. It stated: ..."). It keeps the pronoun
// when neither exists.
func (r *Result) resolvePronoun(a *Analyzer, sents []tokenize.Sentence, si int, pronoun string) string {
	block := sents[si].Block
	for i := len(r.Attributions) - 1; i >= 0; i-- {
		at := r.Attributions[i]
		as := sentenceOf(sents, at.Cue.First)
		if as < 0 || sents[as].Block != block {
			break
		}
		if at.Speaker != "" && !syntax.Pronoun(at.Speaker) {
			return at.Speaker
		}
	}
	if phrase, head := syntax.MainSubject(r.toks, sents[si]); head.End > head.Start && syntax.HasProper(r.toks, head) {
		// "Joe D'Alessandro, a former state attorney, ...: "...," he said."
		if name := a.speakerName(r.toks, phrase, head); name != "" && !syntax.Pronoun(name) {
			return name
		}
	}
	if si > 0 && sents[si-1].Block == block {
		if phrase, head := syntax.MainSubject(r.toks, sents[si-1]); head.End > head.Start {
			if name := a.speakerName(r.toks, phrase, head); name != "" && !syntax.Pronoun(name) {
				return name
			}
		}
	}
	return pronoun
}

// speakerName names the speaker of a subject phrase by its head. When the
// head names no one ("The office") and an "of" phrase does, both are kept:
// "The office of Pakistani Interior Minister Mohsin Naqvi" -> "office of
// Mohsin Naqvi".
//
// When the head is only a title ("Secretary of State Mike Pompeo"), the name
// is in the "of" phrase: "Mike Pompeo".
func (a *Analyzer) speakerName(toks []tokenize.Token, phrase, head tokenize.Span) string {
	name := a.normalizeSpeaker(toks, head)
	if head.End < phrase.End && head.End < len(toks) && toks[head.End].Norm == "of" {
		rest := tokenize.Span{Start: head.End + 1, End: phrase.End}
		switch {
		case a.allTitles(toks, head) && syntax.HasProper(toks, rest):
			return a.normalizeSpeaker(toks, rest)
		case !syntax.HasProper(toks, head) && syntax.HasProper(toks, rest):
			return name + " of " + a.normalizeSpeaker(toks, rest)
		}
	}
	return name
}

func (a *Analyzer) allTitles(toks []tokenize.Token, sp tokenize.Span) bool {
	for i := sp.Start; i < sp.End; i++ {
		if !a.titles[toks[i].Norm] && toks[i].Tag != "DT" {
			return false
		}
	}
	return sp.End > sp.Start
}

// normalizeSpeaker trims a subject phrase to the name it holds: determiners,
// possessive endings and titles go ("Interior Minister Mohsin Naqvi" ->
// "Mohsin Naqvi", "The PTI" -> "PTI"). When nothing but titles would remain
// ("Government ministers"), the phrase is kept.
func (a *Analyzer) normalizeSpeaker(toks []tokenize.Token, sp tokenize.Span) string {
	start, end := sp.Start, sp.End
	for start < end && (toks[start].Tag == "DT" || toks[start].Tag == "PRP$") {
		start++
	}
	for end > start && (toks[end-1].Tag == "POS" || toks[end-1].Norm == "'s") {
		end--
	}
	if start >= end {
		return ""
	}
	lastTitle := -1
	for i := start; i < end; i++ {
		if a.titles[toks[i].Norm] || a.titles[strings.TrimSuffix(toks[i].Norm, "s")] {
			lastTitle = i
		}
	}
	if lastTitle >= 0 && lastTitle+1 < end && syntax.AllProper(toks, tokenize.Span{Start: lastTitle + 1, End: end}) {
		start = lastTitle + 1
	}
	return tokenize.Join(toks, start, end-1)
}

// quoteSpeaker finds the attribution that introduces quote qi: a cue before it
// in its sentence whose scope reaches it ("X said: “...”", "described it as
// a “massacre”"), else a cue just after it (“...,” X said), else, for a quote
// that opens its sentence, the attribution of the sentence before in the same
// paragraph. A nested quote without its own cue belongs to its parent's
// speaker.
func (r *Result) quoteSpeaker(qi int, sents []tokenize.Sentence) int {
	q := r.Quotes[qi]
	first, last := -1, -1
	for i, t := range r.toks {
		if t.Start > q.Start && t.End <= q.End {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return -1
	}
	sFirst, sLast := sentenceOf(sents, first), sentenceOf(sents, last)
	best := -1
	for ai, at := range r.Attributions {
		if at.Cue.Last < first && sentenceOf(sents, at.Cue.First) == sFirst && at.Scope.Contains(first) {
			best = ai // later ones are nearer
		}
	}
	if best >= 0 {
		return best
	}
	// After the quote: within a few tokens of its closing mark.
	for ai, at := range r.Attributions {
		if at.Cue.First > last && sentenceOf(sents, at.Cue.First) == sLast && at.Cue.First-last <= 8 {
			return ai
		}
	}
	// Before the quote in its sentence, even where the scope was cut short.
	for ai := len(r.Attributions) - 1; ai >= 0; ai-- {
		if at := r.Attributions[ai]; at.Cue.Last < first && sentenceOf(sents, at.Cue.First) == sFirst {
			return ai
		}
	}
	if q.Depth > 0 {
		for pi := qi - 1; pi >= 0; pi-- {
			p := r.Quotes[pi]
			if p.Start <= q.Start && q.End <= p.End {
				return r.QuoteBy[pi]
			}
		}
	}
	// A quotation that is its sentence, after a sentence that introduced it.
	if sFirst > 0 && leadsSentence(r.toks, sents[sFirst], first) && sents[sFirst-1].Block == sents[sFirst].Block {
		for ai := len(r.Attributions) - 1; ai >= 0; ai-- {
			if sentenceOf(sents, r.Attributions[ai].Cue.First) == sFirst-1 {
				return ai
			}
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
	Speaker      string // who speaks the words (normalised), "" when unknown or authorial
	Phrase       string // the speaker as written
	Cue          string // the report cue, as written, that introduces the words
	AttributedTo string // the speaker of a report cue governing the span, even when Voice is quoted or negated
	Quote        int    // index of the innermost quote, or -1
	// Subject is the speaker's phrase as token indices (empty when none), so
	// the speaker can be resolved to an actor named there.
	Subject tokenize.Span
}

// Label gives the voice of the tokens [first, last]. Precedence, first match
// wins:
//
//  0. A report cue outside quotation marks is the outlet's own word, whatever
//     scope it stands in: "claimed" in "Raja claimed that ..." is the outlet's
//     choice of verb (METHODS §2), so it is authorial.
//  1. quoted: the span is inside quotation marks. Whose words they are
//     matters most; a scare quote after a cue ("described the incident as a
//     “massacre”") is quoted, and AttributedTo names the describer.
//  2. negated: the span is in the scope of a negation or a denial ("The
//     government denied using live rounds"). In the outlet's or a reported
//     voice, a negated word is not asserted.
//  3. attributed: the span is reported speech without quotation marks
//     ("Naqvi warned that security forces would retaliate with live
//     ammunition").
//  4. authorial: everything else, the outlet's own words.
func (r *Result) Label(first, last int) Label {
	l := Label{Voice: Authorial, Quote: -1}
	at := r.attributionOf(first)
	if at >= 0 {
		l.AttributedTo = r.Attributions[at].Speaker
	}
	q := r.innermostQuote(first, last)
	if q < 0 && r.isReportCue(first) {
		l.AttributedTo = ""
		return l
	}
	if q >= 0 {
		l.Voice, l.Quote = Quoted, q
		if by := r.QuoteBy[q]; by >= 0 {
			l.setSpeaker(r.Attributions[by])
			if l.AttributedTo == "" {
				l.AttributedTo = l.Speaker
			}
		}
		return l
	}
	for _, n := range r.Negations {
		if n.Scope.Contains(first) {
			l.Voice = Negated
			if n.By >= 0 {
				l.setSpeaker(r.Attributions[n.By])
			}
			return l
		}
	}
	if at >= 0 {
		l.Voice = Attributed
		l.setSpeaker(r.Attributions[at])
	}
	return l
}

func (l *Label) setSpeaker(at Attribution) {
	l.Speaker, l.Phrase, l.Cue, l.Subject = at.Speaker, at.Phrase, at.Cue.Text, at.Subject
}

func (r *Result) isReportCue(i int) bool {
	for _, at := range r.Attributions {
		if at.Cue.First <= i && i <= at.Cue.Last {
			return true
		}
	}
	return false
}

// attributionOf is the attribution whose scope holds token i and whose cue
// is nearest to it.
func (r *Result) attributionOf(i int) int {
	best, dist := -1, 0
	for ai, at := range r.Attributions {
		if !at.Scope.Contains(i) {
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

func (r *Result) inQuoteChain(tok, q int) bool {
	for x := r.inQuote[tok]; x >= 0; x = r.parent(x) {
		if x == q {
			return true
		}
	}
	return false
}

func (r *Result) parent(q int) int {
	for p := q - 1; p >= 0; p-- {
		if r.Quotes[p].Start <= r.Quotes[q].Start && r.Quotes[q].End <= r.Quotes[p].End && r.Quotes[p].Depth < r.Quotes[q].Depth {
			return p
		}
	}
	return -1
}
