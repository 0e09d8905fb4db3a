package lexicons

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/tokenize"
)

type span struct {
	start, end int
	cat        string
}

// spans is every match of m in text, by byte offsets and category (local id).
func spans(t *testing.T, m *Matcher, text string, skip func(*Entry) bool) map[span]bool {
	t.Helper()
	tagger, err := tokenize.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	toks := testTok.Tokenize(text, 0)
	tagger.Tag(toks)
	(*tokenize.Stemmer)(nil).StemAll(toks)
	out := map[span]bool{}
	m.Match(toks, func(x Match) {
		if skip != nil && skip(x.Entry) {
			return
		}
		for _, c := range x.Cats {
			out[span{toks[x.First].Start, toks[x.Last].End, c.Local}] = true
		}
	})
	return out
}

// A lexicon exported to LIWC's .dic and read back finds, in the
// seed articles, every span the original finds, in the same category: the
// export may match more (no parts of speech, stems as wildcards, no
// exclusions), never less — except for suffix entries, which .dic cannot
// say. The quanteda export lists the same patterns per category.
func TestExportedLexiconMatchesWhatTheOriginalMatches(t *testing.T) {
	lex, probs := Loader{Tok: testTok}.LoadOne("framing")
	if lex == nil {
		t.Fatal(probs)
	}
	var dic bytes.Buffer
	warns, err := ExportDic(&dic, []*Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) == 0 {
		t.Error("no warning: the export always loses weights")
	}
	back, probs := ImportDic("framing.dic", dic.Bytes(), testTok)
	if back == nil {
		t.Fatalf("the exported .dic does not import: %v", probs)
	}
	for _, p := range probs {
		// Stem phrases come back as stem phrases, with a warning; nothing else.
		if !p.IsWarning() || !strings.Contains(p.Message, "read as a stem phrase") {
			t.Errorf("importing the export: %v", p)
		}
	}
	if len(back.Categories) != len(lex.Categories) {
		t.Errorf("%d categories back, %d exported", len(back.Categories), len(lex.Categories))
	}
	files, _ := filepath.Glob("../corpus/pti-final-call-islamabad-2024/*.md")
	if len(files) != 2 {
		t.Fatalf("seed articles: %v", files)
	}
	orig, exported := Compile(lex), Compile(back)
	total, extra := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		want := spans(t, orig, text, func(e *Entry) bool { return e.Mode == Suffix })
		got := spans(t, exported, text, nil)
		for s := range want {
			if !got[s] {
				t.Errorf("%s: %q (%s) matched by the lexicon, not by its export", filepath.Base(f), text[s.start:s.end], s.cat)
			}
		}
		total += len(want)
		extra += len(got) - len(want)
	}
	if total < 100 {
		t.Errorf("only %d matches in the seed articles", total)
	}
	t.Logf("%d matches of the lexicon, all found by its export; the export finds %d more", total, extra)

	var q bytes.Buffer
	if _, err := ExportQuanteda(&q, []*Lexicon{lex}); err != nil {
		t.Fatal(err)
	}
	var dict map[string][]string
	if err := yaml.Unmarshal(q.Bytes(), &dict); err != nil {
		t.Fatalf("quanteda export is not YAML: %v", err)
	}
	perCat := map[string]int{}
	for _, line := range strings.Split(strings.SplitN(dic.String(), "%\n", 3)[2], "\n") {
		for _, id := range strings.Split(line, "\t")[1:] {
			perCat[id]++
		}
	}
	for i, c := range lex.Categories {
		pats, ok := dict[c.Local]
		if !ok {
			t.Errorf("quanteda export lacks %s", c.Local)
		}
		// The .dic leaves suffix entries out; quanteda keeps them.
		suffix := 0
		for _, e := range lex.Entries {
			if e.Mode == Suffix && !e.Exclude && slices.Contains(e.Categories, c) {
				suffix++
			}
		}
		if n := perCat[strconv.Itoa(i+1)]; len(pats) != n+suffix {
			t.Errorf("%s: %d quanteda patterns, %d in the .dic (+%d suffix)", c.Local, len(pats), n, suffix)
		}
	}
}

// A dictionary imported and exported again keeps its categories as the
// source wrote them: LIWC numbers with their leading zeros, names with
// their dots; a quanteda dictionary's nested names come back joined by
// dots, as quanteda names them.
func TestRoundTripKeepsCategoryNames(t *testing.T) {
	src := "%\n01\tposemo\n02\tcare.virtue\n%\ngood\t01\nkind*\t02\t01\n"
	lex, probs := ImportDic("mfd.dic", []byte(src), testTok)
	if lex == nil || len(probs) > 0 {
		t.Fatal(probs)
	}
	var b bytes.Buffer
	if _, err := ExportDic(&b, []*Lexicon{lex}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"01\tposemo\n", "02\tcare.virtue\n", "good\t01\n", "kind*\t02\t01\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("export lacks %q:\n%s", want, b.String())
		}
	}
	q := "care:\n  virtue:\n    - kind*\n    - \"*-hearted\"\n  vice:\n    - cruel\n    - \"*bad*\"\nfairness: [fair]\n"
	ql, probs := ImportQuanteda("mfd.yaml", []byte(q), testTok)
	if ql == nil || len(ql.Entries) != 4 || len(probs) != 1 || !strings.Contains(probs[0].Message, `"*bad*"`) || probs[0].Line != 7 {
		t.Fatalf("quanteda: %v, problems %v", ql, probs)
	}
	b.Reset()
	if _, err := ExportQuanteda(&b, []*Lexicon{ql}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"care.virtue:", "care.vice:", "fairness:", "- kind*", "- '*-hearted'"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("quanteda export lacks %q:\n%s", want, b.String())
		}
	}
}
