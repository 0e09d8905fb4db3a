package lexicons

import (
	"os"
	"strings"
	"testing"

	"github.com/framing/framing/internal/tokenize"
)

var testTok = tokenize.New()

func loadFixture(t *testing.T, name string) *Lexicon {
	t.Helper()
	lex, probs := Loader{Tok: testTok}.LoadOne("testdata/" + name)
	if lex == nil {
		t.Fatalf("load %s: %v", name, probs)
	}
	return lex
}

func TestDefaultLexicon(t *testing.T) {
	lexs, probs := Loader{Tok: testTok}.Load(nil)
	if len(probs) > 0 {
		t.Fatalf("default lexicon problems: %v", probs)
	}
	if len(lexs) != 3 || lexs[0].Name != "framing" || lexs[1].Name != "news" || lexs[2].Name != "valence" {
		t.Fatalf("default set = %v", lexs)
	}
	for _, c := range lexs[2].Categories {
		if c.Kind != Valence {
			t.Errorf("valence category %s is %s, want valence: the loaded rate must not change with it", c.ID, c.Kind)
		}
	}
	lex := lexs[0]
	if len(lex.Entries) < 150 {
		t.Errorf("default lexicon has %d entries, want at least 150", len(lex.Entries))
	}
	kinds := map[Kind]int{}
	perCat := map[string]int{}
	for _, c := range lex.Categories {
		kinds[c.Kind]++
		if c.Description == "" || c.Label == "" {
			t.Errorf("category %s lacks a label or description", c.ID)
		}
	}
	for _, e := range lex.Entries {
		for _, c := range e.Categories {
			perCat[c.Local]++
		}
	}
	for _, want := range []string{"violence", "delegitimization", "threat", "victimhood", "law-and-order", "ideology", "intensifiers", "hedges", "certainty"} {
		if perCat[want] < 5 {
			t.Errorf("category %s has %d entries", want, perCat[want])
		}
	}
	if lex.CategoryByID("framing/hedges").Kind != Epistemic || lex.CategoryByID("framing/violence").Kind != Loaded {
		t.Error("hedges must be epistemic and violence loaded")
	}
	if len(lex.SHA256) != 64 {
		t.Errorf("sha256 = %q", lex.SHA256)
	}
}

// No word of one category may be matched by an entry of another category in
// the default lexicon: such a word would count twice toward the loaded rate.
func TestDefaultLexiconHasNoCrossCategoryCollisions(t *testing.T) {
	lexs, _ := Loader{Tok: testTok}.Load(nil)
	for _, l := range lexs {
		for _, c := range Collisions(l) {
			t.Errorf("collision: %s", c)
		}
	}
}

// The default lexicons never count the same words: no entry of one matches
// any word of an entry of the other.
func TestDefaultLexiconsDoNotOverlap(t *testing.T) {
	lexs, _ := Loader{Tok: testTok}.Load(nil)
	for _, pair := range [][2]*Lexicon{{lexs[0], lexs[1]}, {lexs[1], lexs[0]}} {
		for _, c := range CrossCollisions(pair[0], pair[1]) {
			t.Errorf("%s:%d %q is matched by %s:%d %q", c.Of.Lexicon.Name, c.Of.Line, c.Of.Term, c.By.Lexicon.Name, c.By.Line, c.By.Term)
		}
	}
}

// what LIWC's own tools accept converts, with warnings on the
// .dic's lines: an undefined id is dropped (here the entry with it), a
// conditional category counts as its unconditional one, a conditional
// prefix is dropped from the term.
func TestDicWarningsKeepTheEntries(t *testing.T) {
	lex, probs := Loader{Tok: testTok}.LoadOne("testdata/bad-undefined.dic")
	if lex == nil || len(lex.Entries) != 1 || len(probs) != 1 || !probs[0].IsWarning() ||
		probs[0].Error() != "testdata/bad-undefined.dic:5: warning: entry \"crackdown\": category id 7 is not defined in the legend; dropped from the entry" {
		t.Fatalf("lexicon %v, problems %v", lex, probs)
	}
	y, probs := DicToYAML("liwc2015.dic", readFile(t, "testdata/liwc2015.dic"))
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.Error())
	}
	want := []string{
		"liwc2015.dic:6: warning: entry \"(discrep) like*\": the condition (discrep) is not supported; the entry counts without it",
		"liwc2015.dic:7: warning: entry \"like\": conditional category (02 134)1/2 (1 after a word of 02 134) counts as 2",
		"liwc2015.dic:8: warning: entry \"crackdown\": category id 7 is not defined in the legend; dropped from the entry",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range []string{`{term: "like*", categories: ["discrep"]}`, `{term: "like", categories: ["discrep"]}`, `{term: "massacre", categories: ["violence"]}`} {
		if !strings.Contains(string(y), e) {
			t.Errorf("converted lexicon lacks %s:\n%s", e, y)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewsLexicon(t *testing.T) {
	lex, probs := Loader{Tok: testTok}.LoadOne("news")
	if lex == nil {
		t.Fatal(probs)
	}
	if len(lex.Entries) < 600 {
		t.Errorf("news has %d entries, want at least 600", len(lex.Entries))
	}
	for _, e := range lex.Entries {
		if e.Weight <= 0 || e.Weight > 1 {
			t.Errorf("%s:%d %q: weight %v", lex.Path, e.Line, e.Term, e.Weight)
		}
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		file string
		want []string // substrings, each of one problem
	}{
		{"bad-entries.yaml", []string{
			"bad-entries.yaml:8: error: empty term",
			"bad-entries.yaml:9: error: entry \"massacre\": duplicate of the entry on line 7",
			"bad-entries.yaml:10: error: entry \"crackdown\": unknown category \"violnce\"",
			"bad-entries.yaml:11: error: entry \"massacr.*\" looks like a regular expression",
			"bad-entries.yaml:12: error: entry \"(foo|bar)\" looks like a regular expression",
			"bad-entries.yaml:13: error: entry \"mass*acre\": * may only end a term",
			"bad-entries.yaml:14: error: entry \"brutal\": weight 3 must be between 0 and 1",
			"bad-entries.yaml:15: error: entry \"bloody\": mode \"fuzzy\" must be exact, stem, prefix or suffix",
		}},
		{"bad-yaml.yaml", []string{"bad-yaml.yaml:5: error: did not find expected ',' or '}'"}},
		{"bad-tabs.yaml", []string{"bad-tabs.yaml:3: error: found character that cannot start any token"}},
		{"bad-kind.yaml", []string{"bad-kind.yaml:5: error: category \"a\": kind \"sentiment\" must be \"loaded\", \"epistemic\" or \"valence\""}},
		// A .dic's errors name the .dic's lines, not the YAML it converts to.
		{"bad-regex.dic", []string{"bad-regex.dic:7: error: entry \"mass.*acre\" looks like a regular expression"}},
	}
	for _, tt := range tests {
		lex, probs := Loader{Tok: testTok}.LoadOne("testdata/" + tt.file)
		if lex != nil {
			t.Errorf("%s: loaded despite errors", tt.file)
		}
		var all []string
		for _, p := range probs {
			all = append(all, p.Error())
		}
		joined := strings.Join(all, "\n")
		for _, w := range tt.want {
			if !strings.Contains(joined, w) {
				t.Errorf("%s: no problem containing %q; got:\n%s", tt.file, w, joined)
			}
		}
		if len(probs) != len(tt.want) {
			t.Errorf("%s: %d problems, want %d:\n%s", tt.file, len(probs), len(tt.want), joined)
		}
	}
}

// A malformed lexicon is left out; the others still load.
func TestLoadKeepsGoodLexiconsWhenOneIsBad(t *testing.T) {
	lexs, probs := Loader{Tok: testTok}.Load([]string{"testdata/bad-kind.yaml", "default", "testdata/small.yaml", "nosuchlexicon"})
	if len(lexs) != 4 || lexs[0].Name != "framing" || lexs[1].Name != "news" || lexs[2].Name != "valence" || lexs[3].Name != "small" {
		t.Fatalf("loaded %v", lexs)
	}
	if len(probs) != 2 || !strings.Contains(probs[1].Error(), `no built-in lexicon or file named "nosuchlexicon"`) {
		t.Errorf("problems = %v", probs)
	}
}

type hit struct{ term, cat, text string }

func matchText(m *Matcher, text string) []hit {
	toks := testTok.Tokenize(text, 0)
	(*tokenize.Stemmer)(nil).StemAll(toks)
	var out []hit
	m.Match(toks, func(x Match) {
		for _, c := range x.Cats {
			out = append(out, hit{x.Entry.Term, c.Local, text[toks[x.First].Start:toks[x.Last].End]})
		}
	})
	return out
}

func TestMatcher(t *testing.T) {
	m := Compile(loadFixture(t, "small.yaml"))
	tests := []struct {
		text string
		want []hit
	}{
		// Longest match wins: "live ammunition" counts once, "live" not at all.
		{"Police used live ammunition.", []hit{{"live ammunition", "violence", "live ammunition"}}},
		{"A live broadcast.", []hit{{"live", "heat", "live"}}},
		// Stem mode covers inflections; case never matters.
		{"Massacred, massacres and the MASSACRE.", []hit{
			{"massacre", "violence", "Massacred"}, {"massacre", "violence", "massacres"}, {"massacre", "violence", "MASSACRE"}}},
		// Prefix wildcard.
		{"Brutality and brutally.", []hit{{"brutal*", "heat", "Brutality"}, {"brutal*", "heat", "brutally"}}},
		// Multiword, and a multi-category entry counts once per category.
		{"To maintain law and order they slaughtered.", []hit{
			{"law and order", "heat", "law and order"}, {"slaughter", "violence", "slaughtered"}, {"slaughter", "heat", "slaughtered"}}},
		// Punctuation breaks a multiword entry.
		{"law, and order", nil},
		// Exact entries do not match other forms.
		{"He alleges it.", nil},
	}
	for _, tt := range tests {
		got := matchText(m, tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: hit %d = %v, want %v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

// Two entries of one lexicon covering the same words in different categories
// both count, each category once, each naming its own entry.
func TestMatcherTiesKeepEachCategoryOnce(t *testing.T) {
	src := []byte(`name: tie
version: "1"
licence: MIT
categories:
  - {id: a, kind: loaded}
  - {id: b, kind: loaded}
entries:
  - {term: "massacr*", categories: [a]}
  - {term: massacre, mode: stem, categories: [a, b]}
`)
	lex, probs := Parse("tie.yaml", src, testTok)
	if lex == nil {
		t.Fatal(probs)
	}
	got := matchText(Compile(lex), "a massacre")
	want := []hit{{"massacr*", "a", "massacre"}, {"massacre", "b", "massacre"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDicRoundTripKeepsEveryEntry(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.dic")
	if err != nil {
		t.Fatal(err)
	}
	y, probs := DicToYAML("sample.dic", data)
	if probs != nil {
		t.Fatal(probs)
	}
	lex, probs := Parse("sample.yaml", y, testTok)
	if lex == nil {
		t.Fatalf("converted YAML does not parse: %v\n%s", probs, y)
	}
	want := map[string][]string{
		"massacr*":        {"violence"},
		"alleged":         {"hedges"},
		"live ammunition": {"violence", "heat-words"},
		"brutal":          {"violence", "heat-words"},
		"kind of":         {"hedges"},
	}
	if len(lex.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(lex.Entries), len(want))
	}
	for _, e := range lex.Entries {
		var cats []string
		for _, c := range e.Categories {
			cats = append(cats, c.Local)
		}
		if strings.Join(cats, ",") != strings.Join(want[e.Term], ",") {
			t.Errorf("%s: categories %v, want %v", e.Term, cats, want[e.Term])
		}
	}
	if lex.Name != "sample" || lex.CategoryByID("sample/heat-words").Label != "Heat words" {
		t.Errorf("name %q, categories %v", lex.Name, lex.Categories)
	}
}

// Unknown fields are typos more often than not: each is a warning on its
// line, and the lexicon still loads.
func TestUnknownFieldsWarn(t *testing.T) {
	src := []byte(`name: typo
version: "1"
licence: MIT
sorce: written by hand
categories:
  - {id: a, kind: loaded}
entries:
  - {term: pogrom, categories: [a], wieght: 0.5}
`)
	lex, probs := Parse("typo.yaml", src, testTok)
	if lex == nil {
		t.Fatalf("not loaded: %v", probs)
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		`typo.yaml:4: warning: field "sorce" is unknown (known: name, version, licence, source, citation, description, inflect, categories, entries); it is ignored`,
		`typo.yaml:8: warning: entry field "wieght" is unknown (known: term, mode, categories, weight, polarity, exclude, exact, names); it is ignored`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
