package actors

import (
	"os"
	"testing"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
)

// seedSetup is the seed event's gazetteer and the built-in cue list's harm
// verbs.
func seedSetup(t *testing.T) (*lexicons.Gazetteer, *Analyzer) {
	t.Helper()
	tok := tokenize.New()
	path := "../../corpus/pti-final-call-islamabad-2024/actors.yaml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, probs := lexicons.ParseGazetteer(path, data, tok)
	if g == nil || len(probs) > 0 {
		t.Fatalf("gazetteer: %v", probs)
	}
	cues, probs := lexicons.Loader{Tok: tok}.LoadOne("cues")
	if cues == nil {
		t.Fatal(probs)
	}
	a, err := New(cues)
	if err != nil {
		t.Fatal(err)
	}
	return g, a
}

func tagged(t *testing.T, text string) *tokenize.Tagged {
	t.Helper()
	doc, err := tokenize.TagText(text)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Mentions on a seed sentence: aliases resolve to their actor, the longest
// alias wins, and byte offsets slice the text.
func TestMentions(t *testing.T) {
	g, _ := seedSetup(t)
	doc := tagged(t, "Interior Minister Mohsin Naqvi said the PTI and jailed former Prime Minister Imran Khan were to blame.")
	got := map[string]string{}
	for _, m := range Mentions(g, doc.Tokens, doc.Sentences) {
		got[doc.Text[m.Start:m.End]] = m.Actor.ID
		if doc.Tokens[m.First].Start != m.Start || doc.Tokens[m.Last].End != m.End {
			t.Errorf("mention %q: token and byte offsets disagree", doc.Text[m.Start:m.End])
		}
	}
	for text, id := range map[string]string{"PTI": "pti", "jailed former Prime Minister Imran Khan": "imran-khan"} {
		if got[text] != id {
			t.Errorf("mention %q -> %q, want %q (all: %v)", text, got[text], id, got)
		}
	}
	if _, ok := got["Khan"]; ok {
		t.Error(`"Khan" matched alone inside the longer alias`)
	}
}

// Who does what to whom: an active harm verb with its agent and patient, a
// passive with its "by" agent, and an agentless passive.
func TestAgency(t *testing.T) {
	g, a := seedSetup(t)
	for _, tt := range []struct {
		text, verb         string
		agent, patient     string
		passive, agentless bool
	}{
		{"Rangers opened fire on PTI supporters near D-Chowk.", "opened fire", "pakistan-rangers", "protesters", false, false},
		{"PTI supporters were killed by Rangers on Tuesday night.", "killed", "pakistan-rangers", "protesters", true, false},
		{"Several PTI supporters were injured in the clashes.", "injured", "", "protesters", true, true},
	} {
		doc := tagged(t, tt.text)
		events := a.Agency(doc.Tokens, doc.Sentences, Mentions(g, doc.Tokens, doc.Sentences))
		var ev *Event
		for i := range events {
			if events[i].Text == tt.verb {
				ev = &events[i]
			}
		}
		if ev == nil {
			t.Errorf("%q: no event %q in %+v", tt.text, tt.verb, events)
			continue
		}
		id := func(x *lexicons.Actor) string {
			if x == nil {
				return ""
			}
			return x.ID
		}
		if id(ev.Agent) != tt.agent || id(ev.Patient) != tt.patient || ev.Passive != tt.passive || ev.Agentless != tt.agentless {
			t.Errorf("%q: agent %q patient %q passive %v agentless %v; want %q %q %v %v",
				tt.text, id(ev.Agent), id(ev.Patient), ev.Passive, ev.Agentless, tt.agent, tt.patient, tt.passive, tt.agentless)
		}
	}
}

// Clause ids: one per clause, non-decreasing through the document, and new
// at every sentence.
func TestClauseIDs(t *testing.T) {
	doc := tagged(t, "Police fired tear gas, and protesters threw stones. Khan called for calm.")
	ids := ClauseIDs(doc.Tokens, doc.Sentences)
	if len(ids) != len(doc.Tokens) {
		t.Fatalf("%d ids for %d tokens", len(ids), len(doc.Tokens))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] < ids[i-1] {
			t.Fatalf("clause ids go back at %q: %v", doc.Tokens[i].Text, ids)
		}
	}
	s1 := doc.Sentences[1].Tokens.Start
	if ids[s1] == ids[s1-1] {
		t.Error("the second sentence continues the first's clause")
	}
	fired, threw := doc.Find("fired").Start, doc.Find("threw").Start
	if ids[fired] == ids[threw] {
		t.Error("the two coordinated clauses share an id")
	}
}

// Entities a mention covers are linked; the rest are listed as unlinked.
func TestUnlinked(t *testing.T) {
	ents := []Entity{{Text: "Naqvi", Start: 10, End: 15}, {Text: "Lahore", Start: 30, End: 36}}
	mentions := []Mention{{Start: 8, End: 15}}
	got := Unlinked(ents, mentions)
	if len(got) != 1 || got[0].Text != "Lahore" {
		t.Errorf("Unlinked = %+v, want only Lahore", got)
	}
}

// Entities' offsets slice back to their text, possessives trimmed, on the
// Wikipedia seed.
func TestRecognizerOffsets(t *testing.T) {
	data, err := os.ReadFile("../../corpus/testdata/seeds/wikipedia.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	tag, err := tokenize.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := NewRecognizer(tag)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := tokenize.TagText(text)
	if err != nil {
		t.Fatal(err)
	}
	ents := rec.Entities(text, doc.Tokens, doc.Sentences)
	if len(ents) < 20 {
		t.Fatalf("only %d entities", len(ents))
	}
	for _, e := range ents {
		if text[e.Start:e.End] != e.Text {
			t.Fatalf("entity %+v slices to %q", e, text[e.Start:e.End])
		}
	}
}
