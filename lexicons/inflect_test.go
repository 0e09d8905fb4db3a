package lexicons

import (
	"strings"
	"testing"

	"github.com/framing/framing/internal/tokenize"
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

// an exact entry matches its inflections when the tag says the
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

// An entry written with -s matches its base with the tags the base carries
// and the base's verb forms: "elites" the singular noun "elite", "claims"
// the verb "claim" and "claimed"; "illegals" never the adjective "illegal".
// One written with -ed or -ing stays as written: "staggering" is not
// "staggered".
func TestInflectedEntriesMatchTheirBase(t *testing.T) {
	m := Compile(parseLexicon(t, `name: forms
version: "1"
licence: MIT
categories:
  - {id: a, kind: loaded}
entries:
  - {term: elites, categories: [a]}
  - {term: claims, categories: [a]}
  - {term: illegals, categories: [a]}
  - {term: staggering, categories: [a]}
  - {term: children, categories: [a]}
`))
	tests := []struct {
		text string
		want []string
	}{
		{"The liberal elite sneered.", []string{"elites=elite"}},
		{"They claim it and claimed more.", []string{"claims=claim", "claims=claimed"}},
		{"Illegal immigrants and illegals.", []string{"illegals=illegals"}},
		{"A staggering sum; he staggered home.", []string{"staggering=staggering"}},
		{"One child.", []string{"children=child"}},
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
}

// A lexicon that lists several forms of a word has chosen them: those
// entries match only as written. One form alone means the word.
func TestListedFormsAreKeptAsListed(t *testing.T) {
	const head = "name: c\nversion: \"1\"\nlicence: MIT\ncategories:\n  - {id: a, kind: loaded}\nentries:\n"
	text := "They slam him, slammed her and were slamming them."
	tests := []struct {
		entries string
		want    []string
	}{
		{"  - {term: slams, categories: [a]}\n  - {term: slammed, categories: [a]}\n", []string{"slammed=slammed"}},
		{"  - {term: slams, categories: [a]}\n", []string{"slams=slam", "slams=slammed", "slams=slamming"}},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range matchTagged(t, Compile(parseLexicon(t, head+tt.entries)), text) {
			got = append(got, h.term+"="+h.text)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got %v\nwant %v", tt.entries, got, tt.want)
		}
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
		forms := inflections(tt.lemma, posAny)
		for _, f := range tt.forms {
			if forms[f] == 0 {
				t.Errorf("%s: no form %q in %v", tt.lemma, f, forms)
			}
		}
	}
}

func TestInflectionCollisionsAreLinted(t *testing.T) {
	var got []string
	for _, f := range InflectionCollisions(parseLexicon(t, inflectLexicon)) {
		var terms []string
		for _, e := range f.Entries {
			terms = append(terms, e.Term)
		}
		got = append(got, strings.Join(terms, "+"))
	}
	// "illegal" and "illegals" are in different categories; "illegal alien"
	// has no other form listed.
	if strings.Join(got, "|") != "illegal+illegals" {
		t.Errorf("collisions = %v, want illegal+illegals", got)
	}
}
