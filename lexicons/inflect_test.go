package lexicons

import (
	"strings"
	"testing"

	"github.com/framing/framing/pipeline/tokenize"
)

// matchTagged matches text as the pipeline does: tokens tagged and stemmed.
func matchTagged(t *testing.T, m *Matcher, text string) []hit {
	t.Helper()
	tagger, err := tokenize.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	toks := testTok.Tokenize(text, 0)
	tagger.Tag(toks)
	(*tokenize.Stemmer)(nil).StemAll(toks)
	var out []hit
	m.Match(toks, func(x Match) {
		for _, c := range x.Cats {
			out = append(out, hit{x.Entry.Term, c.Local, text[toks[x.First].Start:toks[x.Last].End]})
		}
	})
	return out
}

func parseLexicon(t *testing.T, src string) *Lexicon {
	t.Helper()
	lex, probs := Parse("inflect.yaml", []byte(src), testTok)
	if lex == nil {
		t.Fatal(probs)
	}
	return lex
}

const inflectLexicon = `name: inflect
version: "1"
licence: MIT
categories:
  - {id: a, kind: loaded}
  - {id: b, kind: loaded}
entries:
  - {term: claim, categories: [a]}
  - {term: radical, categories: [a]}
  - {term: elite, categories: [a]}
  - {term: illegal, categories: [a]}
  - {term: illegals, categories: [b]}
  - {term: riot, exact: true, categories: [a]}
  - {term: report, categories: [a]}
  - {term: bloody, categories: [a]}
  - {term: shoot, categories: [a]}
  - {term: stop, categories: [a]}
  - {term: open fire, categories: [a]}
  - {term: illegal alien, categories: [b]}
  - {term: "*-wing", categories: [a]}
  - {term: "far-*", categories: [a]}
`

// Issue 20: an exact entry matches its inflections when the tag says the
// word is that form, and only then; an entry written as the form wins;
// exact: true and inflect: false turn it off.
func TestInflectedMatching(t *testing.T) {
	m := Compile(parseLexicon(t, inflectLexicon))
	tests := []struct {
		text string
		want []string // "term=text", in order
	}{
		{"He claims the vote was rigged.", []string{"claim=claims"}},
		{"Their claims were false.", []string{"claim=claims"}},
		{"She claimed victory, claiming fraud.", []string{"claim=claimed", "claim=claiming"}},
		{"The claimant left.", nil},
		{"Radicals and elites met.", []string{"radical=Radicals", "elite=elites"}},
		// The form is its own entry, in another category: it wins.
		{"He called them illegals.", []string{"illegals=illegals"}},
		{"The illegal aliens were held.", []string{"illegal alien=illegal aliens"}},
		// exact: true.
		{"Riots broke out after the riot.", []string{"riot=riot"}},
		// An adverb is not an inflection: no blanket stemming.
		{"He reportedly left; the reports were wrong.", []string{"report=reports"}},
		{"It was the bloodiest day, bloodier than the last.", []string{"bloody=bloodiest", "bloody=bloodier"}},
		{"Police shot two men and stopped the march.", []string{"shoot=shot", "stop=stopped"}},
		{"Troops opened fire.", []string{"open fire=opened fire"}},
		// Wildcards at either end of a hyphenated word.
		{"A left-wing and far-right alliance, on the wing.", []string{"*-wing=left-wing", "far-*=far-right"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range matchTagged(t, m, tt.text) {
			got = append(got, h.term+"="+h.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %v\nwant %v", tt.text, got, tt.want)
		}
	}
	off := Compile(parseLexicon(t, strings.Replace(inflectLexicon, "licence: MIT\n", "licence: MIT\ninflect: false\n", 1)))
	if got := matchTagged(t, off, "He claims radicals stopped it."); len(got) != 0 {
		t.Errorf("inflect: false still matches inflections: %v", got)
	}
}

func TestInflections(t *testing.T) {
	tests := []struct {
		lemma string
		forms []string
	}{
		{"claim", []string{"claims", "claimed", "claiming"}},
		{"massacre", []string{"massacres", "massacred", "massacring"}},
		{"bully", []string{"bullies", "bullied", "bullying", "bullier"}},
		{"stop", []string{"stops", "stopped", "stopping"}},
		{"lie", []string{"lies", "lied", "lying"}},
		{"crisis", []string{"crises"}},
		{"thief", []string{"thieves"}},
		{"bad", []string{"worse", "worst"}},
		{"shoot", []string{"shot", "shoots", "shooting"}},
	}
	for _, tt := range tests {
		forms := inflections(tt.lemma)
		for _, f := range tt.forms {
			if forms[f] == 0 {
				t.Errorf("%s: no form %q in %v", tt.lemma, f, forms)
			}
		}
	}
}

func TestInflectionCollisionsAreLinted(t *testing.T) {
	var got []string
	for _, c := range InflectionCollisions(parseLexicon(t, inflectLexicon)) {
		got = append(got, c.Of.Term+">"+c.Form)
	}
	if strings.Join(got, "|") != "illegal>illegals" {
		t.Errorf("collisions = %v, want illegal>illegals", got)
	}
}
