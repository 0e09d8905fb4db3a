package syntax

import (
	"testing"

	"github.com/framing/framing/internal/tokenize"
)

func tagged(t *testing.T, text string) *tokenize.Tagged {
	t.Helper()
	doc, err := tokenize.TagText(text)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// at is the index of the first token of word in doc.
func at(t *testing.T, doc *tokenize.Tagged, word string) int {
	t.Helper()
	sp := doc.Find(word)
	if sp.End == sp.Start {
		t.Fatalf("%q not in %q", word, doc.Text)
	}
	return sp.Start
}

func text(doc *tokenize.Tagged, sp tokenize.Span) string {
	if sp.End <= sp.Start {
		return ""
	}
	return doc.Text[doc.Tokens[sp.Start].Start:doc.Tokens[sp.End-1].End]
}

// Passive participles on sentences of the shipped corpus, and verbs that
// look like them but are not.
func TestPassive(t *testing.T) {
	for _, tt := range []struct {
		text, verb string
		want       bool
	}{
		{"At least six people were killed in the clashes.", "killed", true},
		{"Several protesters were also killed overnight.", "killed", true},
		{"Five security personnel killed during the clashes were buried on Friday.", "killed", true},
		{"Hundreds were arrested and detained by the police.", "detained", true},
		{"Security forces killed six people.", "killed", false},
		{"Police said six people had been killed.", "said", false},
	} {
		doc := tagged(t, tt.text)
		i := at(t, doc, tt.verb)
		if got := Passive(doc.Tokens, i, 0); got != tt.want {
			t.Errorf("Passive(%q in %q) = %v, want %v (tag %s)", tt.verb, tt.text, got, tt.want, doc.Tokens[i].Tag)
		}
	}
}

// The speaker phrase ending before a verb: extended over "of" phrases and
// over an apposition that names the speaker before describing them.
func TestSubjectPhrase(t *testing.T) {
	for _, tt := range []struct {
		text, verb   string
		phrase, head string
	}{
		{"Senator Fatima Payman of the Australian Senate said the crackdown was brutal.", "said", "Senator Fatima Payman of the Australian Senate", "Senator Fatima Payman"},
		{"Interior Minister Mohsin Naqvi warned protesters.", "warned", "Interior Minister Mohsin Naqvi", "Interior Minister Mohsin Naqvi"},
		{"Azaz Syed, a senior journalist, claimed that many had died.", "claimed", "Azaz Syed, a senior journalist", "Azaz Syed"},
	} {
		doc := tagged(t, tt.text)
		i := at(t, doc, tt.verb)
		k := i - 1
		if doc.Tokens[k].Text == "," {
			k--
		}
		phrase, head := SubjectPhrase(doc.Tokens, k, 0)
		if text(doc, phrase) != tt.phrase || text(doc, head) != tt.head {
			t.Errorf("%q: phrase %q head %q, want %q and %q", tt.text, text(doc, phrase), text(doc, head), tt.phrase, tt.head)
		}
	}
}

// A sentence's subject, after an introductory phrase closed by a comma.
func TestMainSubject(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Later, party sources lowered the count, stating that twelve had died.", "party sources"},
		{"This week, the PTI again called off protests.", "the PTI"},
		{"The PTI described the incident as a massacre.", "The PTI"},
	} {
		doc := tagged(t, tt.text)
		_, head := MainSubject(doc.Tokens, doc.Sentences[0])
		if got := text(doc, head); got != tt.want {
			t.Errorf("MainSubject(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// A clause runs to the next boundary, within a reach.
func TestClauseEnd(t *testing.T) {
	doc := tagged(t, "It was not a peaceful protest, and the police knew it.")
	from := at(t, doc, "a peaceful")
	end := doc.Sentences[0].Tokens.End
	if got := text(doc, tokenize.Span{Start: from, End: ClauseEnd(doc.Tokens, from, end, 20)}); got != "a peaceful protest" {
		t.Errorf("ClauseEnd: %q, want the clause up to the comma", got)
	}
	if got := text(doc, tokenize.Span{Start: from, End: ClauseEnd(doc.Tokens, from, end, 2)}); got != "a peaceful" {
		t.Errorf("ClauseEnd within 2: %q", got)
	}
}

// Times: days, months, years, "Tuesday night"; not other capitalised words
// or numbers.
func TestTemporal(t *testing.T) {
	doc := tagged(t, "On Tuesday night in November 2024, Khan said 1,000 people marched in March.")
	for word, want := range map[string]bool{"Tuesday": true, "night": true, "November": true, "2024": true, "Khan": false, "1,000": false, "people": false} {
		if got := Temporal(doc.Tokens[at(t, doc, word)]); got != want {
			t.Errorf("Temporal(%q) = %v, want %v", word, got, want)
		}
	}
}

// Clauses split a sentence at its clause boundaries; every token is in one.
func TestClauses(t *testing.T) {
	doc := tagged(t, "Police fired tear gas, and protesters threw stones at the officers who blocked the road.")
	s := doc.Sentences[0]
	cl := Clauses(nil, doc.Tokens, s)
	if len(cl) < 2 {
		t.Fatalf("%d clauses: %v", len(cl), cl)
	}
	// In order, disjoint, inside the sentence; every word in one of them.
	prev := s.Tokens.Start
	for _, c := range cl {
		if c.Start < prev || c.End <= c.Start || c.End > s.Tokens.End {
			t.Fatalf("clauses %v are not ordered, disjoint spans of the sentence", cl)
		}
		prev = c.End
	}
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		in := false
		for _, c := range cl {
			in = in || c.Contains(i)
		}
		if doc.Tokens[i].Word && !in {
			t.Errorf("%q is in no clause: %v", doc.Tokens[i].Text, cl)
		}
	}
	if text(doc, cl[0]) == text(doc, tokenize.Span{Start: s.Tokens.Start, End: s.Tokens.End}) {
		t.Error("the whole sentence is one clause")
	}
}

// An object complement: "called the looters thugs".
func TestSplitObject(t *testing.T) {
	doc := tagged(t, "The minister called the protesters terrorists.")
	np := NounPhraseAfter(doc.Tokens, at(t, doc, "the protesters"), doc.Sentences[0].Tokens.End)
	obj, comp := SplitObject(doc.Tokens, np)
	if text(doc, obj) != "the protesters" || text(doc, comp) != "terrorists" {
		t.Errorf("SplitObject(%q) = %q + %q", text(doc, np), text(doc, obj), text(doc, comp))
	}
}

func TestOneOfAndPronoun(t *testing.T) {
	if !OneOf("said", "told", "said") || OneOf("say", "said") {
		t.Error("OneOf")
	}
	for _, p := range []string{"he", "She", "they", "it"} {
		if !Pronoun(p) {
			t.Errorf("%q is a pronoun", p)
		}
	}
	if Pronoun("Khan") {
		t.Error("Khan is not a pronoun")
	}
}
