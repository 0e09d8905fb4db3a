package voice

import (
	"fmt"
	"slices"
	"strings"
)

// A Rule names one way the voice stage decides whose words a span is. Every
// Label records the rule that decided it, so a wrong voice can be traced to
// its rule, and every rule can be switched off by name (Options.Disabled)
// to measure what it contributes.
//
// The labelling rules are tried in precedence order (see Result.Label); the
// scope rules say how the stretch a labelling rule found was built.
type Rule string

// The labelling rules, in precedence order.
const (
	// RuleOwnCue: a report cue or distancing marker outside quotation marks
	// is the outlet's own word ("claimed" in "Raja claimed that ..."),
	// whatever scope it stands in.
	RuleOwnCue Rule = "own-cue"
	// RuleQuotation: inside quotation marks, someone else's words.
	RuleQuotation Rule = "quotation"
	// RuleNegation: in the reach of a negation particle ("not a peaceful
	// protest").
	RuleNegation Rule = "negation"
	// RuleDenial: in the scope of a denial ("The government denied using
	// live rounds").
	RuleDenial Rule = "denial"
	// RuleRefutation: in the clause a refuting word dismisses ("baseless
	// claims of a massacre").
	RuleRefutation Rule = "refutation"
	// RuleForward: reported speech after its cue, "X said (that) CONTENT",
	// up to where the writer's own clause resumes.
	RuleForward Rule = "attribution/forward"
	// RuleBackward: reported speech before its cue, "CONTENT, X said".
	RuleBackward Rule = "attribution/backward"
	// RuleSource: "according to X, CONTENT" and "CONTENT, according to X".
	RuleSource Rule = "attribution/according-to"
	// RuleNominal: a noun cue with its possessor, "X's claim that CONTENT".
	RuleNominal Rule = "attribution/claim-that"
	// RuleDistancing: marked in the outlet's voice as someone else's claim
	// ("the alleged killings", "so-called DREAMers").
	RuleDistancing Rule = "distancing"
	// RuleAuthorial: none of the above: the outlet's own words.
	RuleAuthorial Rule = "authorial"
)

// Rules lists every rule, in precedence order.
func Rules() []Rule {
	return []Rule{RuleOwnCue, RuleQuotation, RuleNegation, RuleDenial, RuleRefutation,
		RuleForward, RuleBackward, RuleSource, RuleNominal, RuleDistancing, RuleAuthorial}
}

// Options switch rules off, for an ablation: a disabled rule decides
// nothing, and its spans fall through to the rules below it. RuleAuthorial,
// the default, cannot be disabled.
type Options struct {
	Disabled []Rule
}

// ParseRules reads a comma-separated list of rule names, as a flag gives it.
func ParseRules(list string) ([]Rule, error) {
	var out []Rule
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		r := Rule(f)
		if !slices.Contains(Rules(), r) || r == RuleAuthorial {
			var names []string
			for _, x := range Rules() {
				if x != RuleAuthorial {
					names = append(names, string(x))
				}
			}
			return nil, fmt.Errorf("voice rule %q: want some of %s", f, strings.Join(names, ", "))
		}
		out = append(out, r)
	}
	return out, nil
}

// On reports whether a rule is switched on.
func (a *Analyzer) On(r Rule) bool { return a.on[r] }

// ruleSet is the rules switched on.
type ruleSet map[Rule]bool

func newRuleSet(o Options) ruleSet {
	on := ruleSet{}
	for _, r := range Rules() {
		on[r] = true
	}
	for _, r := range o.Disabled {
		if r != RuleAuthorial {
			on[r] = false
		}
	}
	return on
}

// A labeler is one step of Result.Label: it decides the voice of the span
// [first, last] of sentence si, or passes it on.
type labeler interface {
	// Rules are the rules the step can decide by.
	Rules() []Rule
	// label decides the voice of the span into l (true), or passes.
	// Result.Label calls it through a type switch, not the interface: a
	// pointer passed through an interface call moves every label to the
	// heap, and Label runs for every scored word of every article.
	label(r *Result, si, first, last int, l *Label) bool
}

// ownCue: a report cue or distancing marker outside quotation marks.
type ownCue struct{}

func (ownCue) Rules() []Rule { return []Rule{RuleOwnCue} }

func (ownCue) label(r *Result, si, first, last int, l *Label) bool {
	if r.innermostQuote(first, last) >= 0 || !r.reportCue[first] && !r.distancingCue(si, first) {
		return false
	}
	l.Voice, l.Rule, l.AttributedTo = Authorial, RuleOwnCue, ""
	return true
}

// quotation: inside quotation marks. A scare quote after a cue ("described
// the incident as a “massacre”") is quoted, and AttributedTo names the
// describer.
type quotation struct{}

func (quotation) Rules() []Rule { return []Rule{RuleQuotation} }

func (quotation) label(r *Result, si, first, last int, l *Label) bool {
	q := r.innermostQuote(first, last)
	if q < 0 {
		return false
	}
	l.Voice, l.Rule, l.Quote = Quoted, RuleQuotation, q
	if by := r.QuoteBy[q]; by >= 0 {
		l.setSpeaker(r.Attributions[by])
		if l.AttributedTo == "" {
			l.AttributedTo = l.Speaker
		}
	}
	return true
}

// negated: in the scope of a negation, a denial or a refutation; in the
// outlet's or a reported voice, a negated word is not asserted.
type negated struct{}

func (negated) Rules() []Rule { return []Rule{RuleNegation, RuleDenial, RuleRefutation} }

func (negated) label(r *Result, si, first, last int, l *Label) bool {
	for _, n := range r.Negations[r.bySentence[si][1]:r.bySentence[si+1][1]] {
		if r.on[n.Rule] && n.Scope.Contains(first) {
			l.Voice, l.Rule = Negated, n.Rule
			if n.By >= 0 {
				l.setSpeaker(r.Attributions[n.By])
			}
			return true
		}
	}
	return false
}

// attributed: reported speech without quotation marks.
type attributed struct{}

func (attributed) Rules() []Rule { return []Rule{RuleForward, RuleBackward, RuleSource, RuleNominal} }

func (attributed) label(r *Result, si, first, last int, l *Label) bool {
	at := r.attributionOf(si, first, r.on)
	if at < 0 {
		return false
	}
	l.Voice, l.Rule = Attributed, r.Attributions[at].Rule
	l.setSpeaker(r.Attributions[at])
	return true
}

// distanced: marked, in the outlet's voice, as someone else's claim.
type distanced struct{}

func (distanced) Rules() []Rule { return []Rule{RuleDistancing} }

func (distanced) label(r *Result, si, first, last int, l *Label) bool {
	for _, d := range r.Distancings[r.bySentence[si][2]:r.bySentence[si+1][2]] {
		if d.Scope.Contains(first) {
			l.Voice, l.Rule, l.Cue = Distanced, RuleDistancing, d.Cue.Text
			return true
		}
	}
	return false
}

// newLabelers are the steps of Result.Label, in precedence order, that
// have a rule switched on.
func newLabelers(on ruleSet) []labeler {
	var out []labeler
	for _, l := range []labeler{ownCue{}, quotation{}, negated{}, attributed{}, distanced{}} {
		if slices.ContainsFunc(l.Rules(), func(r Rule) bool { return on[r] }) {
			out = append(out, l)
		}
	}
	return out
}
