package pipeline

import (
	"reflect"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
)

// countVocabulary counts what a count of every token by its stem and form
// counts: every article of the shipped corpus, each counted twice (the
// scratch is reused), and a form met with two stems (which stemming never
// gives) counted under each.
func TestCountVocabularyCountsEveryToken(t *testing.T) {
	a, _, err := Prepare(Config{Options: Options{Corpus: "../corpus"}})
	if err != nil {
		t.Fatal(err)
	}
	arts, _, err := corpus.Load("../corpus", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 20 {
		t.Fatalf("%d articles", len(arts))
	}
	check := func(name string, toks []tokenize.Token) {
		t.Helper()
		wantStems, wantForms := map[string]int{}, map[StemForm]int{}
		for _, tk := range toks {
			if tk.Word && isVocabularyWord(tk.Norm) {
				wantStems[tk.Stem]++
				wantForms[StemForm{tk.Stem, tk.Text}]++
			}
		}
		for range 2 {
			stems, forms := a.countVocabulary(toks)
			if !reflect.DeepEqual(stems, wantStems) || !reflect.DeepEqual(forms, wantForms) {
				t.Fatalf("%s: counts differ from a count of every token", name)
			}
		}
	}
	for _, art := range arts {
		d := a.Segment(art)
		a.Stage(StageStem).Run(d)
		check(art.Path, d.Tokens)
		a.Release(d)
	}
	odd := []tokenize.Token{
		{Text: "Protests", Norm: "protests", Stem: "protest", Word: true},
		{Text: "Protests", Norm: "protests", Stem: "protests", Word: true},
		{Text: "Protests", Norm: "protests", Stem: "protest", Word: true},
		{Text: "protest", Norm: "protest", Stem: "protest", Word: true},
		{Text: "the", Norm: "the", Stem: "the", Word: true},
	}
	check("two stems of one form", odd)
}
