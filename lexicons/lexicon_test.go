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

// What LIWC's own tools accept converts, with warnings on the .dic's
// lines, and is never counted some other way: an undefined id is dropped
// (here the entry with it), a conditional category is left out of its
// entry, an entry with a conditional prefix is left out.
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
		"liwc2015.dic:6: warning: entry \"(discrep) like*\": its condition (discrep) cannot be checked by framing; the entry is left out rather than counted without it",
		"liwc2015.dic:7: warning: entry \"like\": conditional category (02 134)1/2 (1 after a word of 02 134, else 2) cannot be checked by framing; left out of the entry",
		"liwc2015.dic:8: warning: entry \"crackdown\": category id 7 is not defined in the legend; dropped from the entry",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	// "like" keeps its unconditional category, not the conditional one.
	for _, e := range []string{`{term: "massacre", categories: ["violence"]}`, `{term: "like", categories: ["discrep"]}`} {
		if !strings.Contains(string(y), e) {
			t.Errorf("converted lexicon lacks %s:\n%s", e, y)
		}
	}
	if strings.Contains(string(y), `"like*"`) {
		t.Errorf("a conditional entry was kept without its condition:\n%s", y)
	}
}

// Each quirk of dictionary files researchers have: what is read, with
// which count of entries and term-category pairs, and what is refused with
// which line.
func TestDicQuirks(t *testing.T) {
	legend := "%\n1\tposemo\n2\tnegemo\n%\n"
	tests := []struct {
		name         string
		data         string
		entries      int // imported (0: refused)
		pairs        int
		wantProblem  string // a problem message holds this
		problemLine  int
		problemError bool
	}{
		{"LF", legend + "good\t1\nbad*\t2\n", 2, 2, "", 0, false},
		{"CRLF", strings.ReplaceAll(legend+"good\t1\nbad*\t2\n", "\n", "\r\n"), 2, 2, "", 0, false},
		{"CR alone (old Mac)", strings.ReplaceAll(legend+"good\t1\nbad*\t2\n", "\n", "\r"), 2, 2, "", 0, false},
		{"UTF-8 byte order mark", "\ufeff" + legend + "good\t1\n", 1, 1, "", 0, false},
		{"several ids, leading zeros", "%\n01\tposemo\n02\tnegemo\n%\nboth\t01\t02\n", 1, 2, "", 0, false},
		{"emoticons (LIWC2015)", legend + ":)\t1\n(:\t1\ngood\t1\n", 1, 1, "no letter or digit", 6, false},
		{"spaces for tabs", legend + "do unto others 1 2\n", 1, 2, "no tab between term and ids", 5, false},
		{"Latin-1", legend + "caf\xe9\t1\n", 0, 0, "is not UTF-8", 5, true},
		{"no opening %", "1\tposemo\n%\ngood\t1\n", 0, 0, "a legend line before any % line", 1, true},
		{"no legend", "good\t1\n", 0, 0, "an entry before the legend", 1, true},
		{"Lexicoder .lc3", "+posemo\ngood\n", 0, 0, "Lexicoder", 1, true},
		{"WordStat .cat", "POSEMO\n    GOOD (1)\n    FINE (1)\nNEGEMO\n    BAD (1)\n    POOR (1)\n", 0, 0, "WordStat", 1, true},
		{"quanteda YAML", "posemo:\n  - good\n", 0, 0, "YAML dictionary", 1, true},
		{"Yoshikoder .ykd", "<?xml version=\"1.0\"?>\n<dictionary/>\n", 0, 0, "XML dictionary", 1, true},
	}
	for _, tt := range tests {
		lex, probs := ImportDic("x.dic", []byte(tt.data), testTok)
		var found *Problem
		for _, p := range probs {
			if tt.wantProblem != "" && strings.Contains(p.Message, tt.wantProblem) {
				found = p
			}
		}
		switch {
		case tt.entries == 0 && lex != nil:
			t.Errorf("%s: imported %d entries, want a refusal", tt.name, len(lex.Entries))
		case tt.entries > 0 && lex == nil:
			t.Errorf("%s: refused: %v", tt.name, probs)
		case tt.entries > 0:
			pairs := 0
			for _, e := range lex.Entries {
				pairs += len(e.Categories)
			}
			if len(lex.Entries) != tt.entries || pairs != tt.pairs {
				t.Errorf("%s: %d entries, %d pairs; want %d, %d", tt.name, len(lex.Entries), pairs, tt.entries, tt.pairs)
			}
		}
		if tt.wantProblem != "" && (found == nil || found.Line != tt.problemLine || found.IsWarning() == tt.problemError) {
			t.Errorf("%s: want a problem %q on line %d: %v", tt.name, tt.wantProblem, tt.problemLine, probs)
		}
		if tt.wantProblem == "" && len(probs) > 0 {
			t.Errorf("%s: problems %v", tt.name, probs)
		}
	}
	// UTF-16 with its byte order mark reads as the UTF-8 file does.
	utf16 := []byte{0xff, 0xfe}
	for _, r := range legend + "good\t1\n" {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	if lex, probs := ImportDic("x.dic", utf16, testTok); lex == nil || len(lex.Entries) != 1 {
		t.Errorf("UTF-16: %v %v", lex, probs)
	}
	// A phrase read from a line with spaces is the phrase, not its first word.
	lex, _ := ImportDic("x.dic", []byte(legend+"do unto others 1 2\n"), testTok)
	if lex == nil || lex.Entries[0].Term != "do unto others" {
		t.Errorf("spaces for tabs: %+v", lex)
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
		// A field's error is on its key's line; through an alias, where the
		// alias is used (13), not where its anchor is (11).
		{"bad-alias.yaml", []string{
			"bad-alias.yaml:11: error: field categories: cannot unmarshal !!map into []string",
			"bad-alias.yaml:13: error: field categories, through alias *c (anchored on line 11)",
		}},
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
