package voice

import (
	"sync"
	"testing"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
)

// cueList is the built-in cue list, loaded once.
var cueList = sync.OnceValues(func() (*lexicons.Lexicon, error) {
	cues, probs := lexicons.Loader{Tok: tokenize.New()}.LoadOne("cues")
	if cues == nil {
		return nil, probs[0]
	}
	return cues, nil
})

// labelOf analyses text as one article, with the rules opts leaves on, and
// labels the first occurrence of term (one or more words, as written).
func labelOf(t *testing.T, opts Options, text, term string) Label {
	t.Helper()
	cues, err := cueList()
	if err != nil {
		t.Fatal(err)
	}
	a, err := NewWith(cues, opts)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := tokenize.TagText(text)
	if err != nil {
		t.Fatal(err)
	}
	r := a.Analyze(text, doc.Blocks, doc.Sentences, doc.Tokens)
	sp := doc.Find(term)
	if sp.End == sp.Start {
		t.Fatalf("no token of %q in %q", term, text)
	}
	return r.Label(sp.Start, sp.End-1)
}

// voiceCase is one labelled sentence: the term, and the voice, rule and
// speaker it must get ("-" leaves the speaker unchecked).
type voiceCase struct {
	text, term string
	voice      string
	rule       Rule
	speaker    string
}

func checkCases(t *testing.T, opts Options, cases []voiceCase) {
	t.Helper()
	for _, c := range cases {
		l := labelOf(t, opts, c.text, c.term)
		if l.Voice != c.voice || l.Rule != c.rule {
			t.Errorf("%q in %q: %s by %s, want %s by %s", c.term, c.text, l.Voice, l.Rule, c.voice, c.rule)
		}
		if c.speaker != "-" && l.Speaker != c.speaker {
			t.Errorf("%q in %q: speaker %q, want %q", c.term, c.text, l.Speaker, c.speaker)
		}
	}
}

// Each labelling rule on real news sentences (the seed articles and the
// shipped corpus), with a case where it applies and a near miss where it
// must not: the pairs differ by what the rule reads.
func TestRules(t *testing.T) {
	tests := map[Rule][]voiceCase{
		RuleOwnCue: {
			{"Raja claimed that the election was rigged.", "claimed", Authorial, RuleOwnCue, ""},
			{`"I never claimed that," Raja said.`, "claimed", Quoted, RuleQuotation, "Raja"},
		},
		RuleQuotation: {
			{`The PTI described the incident as a "massacre," and said at least 12 of its supporters had been killed.`, "massacre", Quoted, RuleQuotation, "PTI"},
			{`The PTI described the incident as a massacre.`, "massacre", Attributed, RuleForward, "PTI"},
			{`Interior minister Naqvi refuted these claims as "propaganda".`, "propaganda", Quoted, RuleQuotation, "-"},
		},
		RuleNegation: {
			{"It was not a peaceful protest.", "peaceful", Negated, RuleNegation, ""},
			{"It was a peaceful protest.", "peaceful", Authorial, RuleAuthorial, ""},
		},
		RuleDenial: {
			{"The government denied using live rounds.", "live rounds", Negated, RuleDenial, "government"},
			{"The government admitted using live rounds.", "live rounds", Attributed, RuleForward, "government"},
		},
		RuleRefutation: {
			{"Claims of a massacre were baseless, the minister said.", "massacre", Negated, RuleRefutation, ""},
			{"Claims of a massacre spread quickly.", "massacre", Authorial, RuleAuthorial, ""},
		},
		RuleForward: {
			{"Naqvi warned that security forces would retaliate with live ammunition.", "live ammunition", Attributed, RuleForward, "Naqvi"},
			// A common-noun subject and "that": the verb is a speech act,
			// not a participle describing the noun ("the man accused of").
			{"The minister said that the protest was brutal.", "brutal", Attributed, RuleForward, "minister"},
			{"The man accused of the brutal attack appeared in court.", "brutal", Authorial, RuleAuthorial, ""},
			{"Security forces retaliated with live ammunition, Naqvi warned on Tuesday after a night of rioting.", "rioting", Authorial, RuleAuthorial, ""},
		},
		RuleBackward: {
			{"The crackdown was brutal, the minister said.", "brutal", Attributed, RuleBackward, "minister"},
			{"The crackdown was brutal, and the minister resigned.", "brutal", Authorial, RuleAuthorial, ""},
		},
		RuleSource: {
			{"According to the PTI, the crackdown was brutal.", "brutal", Attributed, RuleSource, "PTI"},
			{"Before the march, the crackdown was brutal.", "brutal", Authorial, RuleAuthorial, ""},
		},
		RuleNominal: {
			{"Khan's claim that the election was rigged drew thousands to the capital.", "rigged", Attributed, RuleNominal, "Khan"},
			{"The claim drew thousands to the capital, where the election was rigged.", "rigged", Authorial, RuleAuthorial, ""},
		},
		RuleDistancing: {
			{"Police detained the alleged rioters on Sunday.", "rioters", Distanced, RuleDistancing, ""},
			{"Police detained the rioters on Sunday.", "rioters", Authorial, RuleAuthorial, ""},
		},
		RuleAuthorial: {
			{"Pakistani army opens fire in brazen, US-backed massacre of pro-Imran Khan protest", "massacre", Authorial, RuleAuthorial, ""},
		},
	}
	for _, r := range Rules() {
		cases, ok := tests[r]
		if !ok {
			t.Errorf("rule %s has no labelled cases", r)
			continue
		}
		t.Run(string(r), func(t *testing.T) { checkCases(t, Options{}, cases) })
	}
}

// A rule switched off decides nothing: its spans fall through to the rules
// below it, and the other rules are untouched.
func TestDisabledRulesFallThrough(t *testing.T) {
	for _, c := range []struct {
		off   Rule
		cases []voiceCase
	}{
		{RuleBackward, []voiceCase{
			{"The crackdown was brutal, the minister said.", "brutal", Authorial, RuleAuthorial, ""},
			{"Naqvi warned that security forces would retaliate with live ammunition.", "live ammunition", Attributed, RuleForward, "Naqvi"},
		}},
		{RuleQuotation, []voiceCase{
			{`The PTI described the incident as a "massacre."`, "massacre", Attributed, RuleForward, "PTI"},
		}},
		{RuleDenial, []voiceCase{
			{"The government denied using live rounds.", "live rounds", Attributed, RuleForward, "government"},
		}},
		{RuleOwnCue, []voiceCase{
			{"Raja claimed that the election was rigged.", "rigged", Attributed, RuleForward, "Raja"},
		}},
	} {
		t.Run(string(c.off), func(t *testing.T) { checkCases(t, Options{Disabled: []Rule{c.off}}, c.cases) })
	}
}

func TestParseRules(t *testing.T) {
	got, err := ParseRules(" quotation, attribution/backward ,")
	if err != nil || len(got) != 2 || got[0] != RuleQuotation || got[1] != RuleBackward {
		t.Errorf("ParseRules = %v, %v", got, err)
	}
	for _, bad := range []string{"quoted", "authorial", "attribution"} {
		if _, err := ParseRules(bad); err == nil {
			t.Errorf("ParseRules(%q) accepted", bad)
		}
	}
}
