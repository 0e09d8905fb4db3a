package pipeline

import (
	"strings"
	"sync"
	"testing"

	"github.com/framing/framing/corpus"
)

// defaultAnalyzer is the analyzer a report uses: the built-in lexicons and
// cue list, the shipped loadedness model.
var defaultAnalyzer = sync.OnceValues(func() (*Analyzer, error) {
	a, _, err := Prepare(Config{Options: Options{Corpus: "../corpus"}})
	return a, err
})

// hitOf is the hit whose text is term in the analysis of text (nil when
// none).
func hitOf(t *testing.T, text, term string) (*Hit, *Doc) {
	t.Helper()
	a, err := defaultAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	d := a.AnalyzeDoc(&corpus.Article{Body: text, Outlet: "test"})
	for i := range d.Hits {
		h := &d.Hits[i]
		if strings.EqualFold(d.Text[h.Start:h.End], term) {
			return h, d
		}
	}
	return nil, d
}

// The scoring rules, each in both directions: the rule applies, and a
// sentence that differs in what the rule reads, where it does not.
func TestScoringRules(t *testing.T) {
	type want int
	const (
		noHit      want = iota // no hit on the term
		counted                // a counted hit
		notCounted             // a hit the model does not count
		anyHit                 // a hit, counted or not (the rule does not decide)
	)
	tests := []struct {
		rule, text, term string
		want             want
		voice            string // "" = any
		scoringRule      string // "" = none
	}{
		// The author's choice of a loaded report verb is a loaded hit of its own.
		{"report verb", "The minister claimed that the protest was peaceful.", "claimed", counted, "authorial", "rules/loaded-report-verb"},
		{"report verb", "Officials insisted the army had not fired.", "insisted", counted, "authorial", "rules/loaded-report-verb"},
		{"report verb: neutral verb", "The minister said that the protest was peaceful.", "said", noHit, "", ""},
		{"report verb: inside a quote", `"They claimed it was peaceful," the minister said.`, "claimed", anyHit, "quoted", ""},
		{"report verb: a noun", "The court rejected the official claim that nobody died.", "claim", noHit, "", ""},
		// A word inside a multi-word name or title is no hit.
		{"name", "The National Counter Terrorism Authority issued a warning.", "Terrorism", noHit, "", ""},
		{"name: the word alone", "The minister condemned terrorism in all its forms.", "terrorism", anyHit, "", ""},
		{"name: a sentence's first word", "Riot police fired tear gas at the crowd.", "riot", anyHit, "", ""},
		// A crime word that names a charge is not counted.
		{"legal term", "Jan was later charged with terrorism and possession of narcotics.", "terrorism", notCounted, "", "rules/legal-term"},
		{"legal term", "He faces additional counts of aggravated assault.", "aggravated", notCounted, "", "rules/legal-term"},
		{"legal term", "The jury acquitted him of second-degree murder.", "murder", notCounted, "", "rules/legal-term"},
		{"legal term: not a charge", "The regime waged a campaign of terrorism against its own people.", "terrorism", anyHit, "", ""},
		{"legal term: the event's name", "The massacre suspect appeared in court on Monday.", "massacre", anyHit, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.term, func(t *testing.T) {
			h, d := hitOf(t, tt.text, tt.term)
			switch {
			case tt.want == noHit && h != nil:
				t.Fatalf("%q: %q is a hit (%s), want none", tt.text, tt.term, h.Category.ID)
			case tt.want == noHit:
				return
			case h == nil:
				t.Fatalf("%q: %q is no hit; hits %v", tt.text, tt.term, hitTexts(d))
			case tt.want == counted && !h.Counted, tt.want == notCounted && h.Counted:
				t.Errorf("%q: %q counted %v (P %.2f)", tt.text, tt.term, h.Counted, h.P)
			case tt.voice != "" && h.Label.Voice != tt.voice:
				t.Errorf("%q: %q is %s, want %s", tt.text, tt.term, h.Label.Voice, tt.voice)
			}
			if h.ScoringRule != tt.scoringRule {
				t.Errorf("%q: %q decided by %q, want %q", tt.text, tt.term, h.ScoringRule, tt.scoringRule)
			}
		})
	}
}

func hitTexts(d *Doc) []string {
	var out []string
	for _, h := range d.Hits {
		out = append(out, d.Text[h.Start:h.End])
	}
	return out
}

// One span is one hit, whatever the number of categories that match it:
// "terrorists" is in the framing lexicon's threat category and in the
// valence list.
func TestOneSpanOneHit(t *testing.T) {
	_, d := hitOf(t, "The state labelled the protesters terrorists and traitors.", "")
	spans := map[[2]int]int{}
	for _, h := range d.Hits {
		spans[[2]int{h.Start, h.End}]++
		if len(h.Categories) == 0 || h.Category != h.Categories[0] {
			t.Errorf("%q: categories %v, primary %v", d.Text[h.Start:h.End], h.Categories, h.Category)
		}
	}
	for sp, n := range spans {
		if n > 1 {
			t.Errorf("%q is %d hits", d.Text[sp[0]:sp[1]], n)
		}
	}
	h, _ := hitOf(t, "The state labelled the protesters terrorists and traitors.", "terrorists")
	if h == nil || len(h.Categories) < 2 {
		t.Fatalf("terrorists: %+v, want one hit with its categories", h)
	}
}

// A reason someone is reported to give is theirs: "X cited Y as the
// rationale" attributes Y to X; the same words as the writer's own
// explanation stay the writer's.
func TestReasonsAreTheirs(t *testing.T) {
	h, _ := hitOf(t, "The government cited the risk of gatherings being targeted by terrorists as the rationale behind the decision.", "terrorists")
	if h == nil || h.Label.Voice != "attributed" || !strings.Contains(strings.ToLower(h.Label.Speaker), "government") {
		t.Errorf("cited ... as the rationale: %+v, want attributed to the government", h)
	}
	h, _ = hitOf(t, "The government banned the gatherings because terrorists had threatened them.", "terrorists")
	if h == nil || h.Label.Voice != "authorial" {
		t.Errorf("the writer's own because-clause: %+v, want authorial", h)
	}
}
