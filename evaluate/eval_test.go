package evaluate

import (
	"math"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
)

// testdata/gold-10.tsv: ten sentences of ../shared/eval, labelled by hand,
// scored with testdata/eval-lexicon.yaml. By hand, following the voice
// rules (the score counts loaded hits in the writer's own voice):
//
//	line  label       hits (voice)                   score  predicted / gold words
//	2     biased      massacre 1.0                   1.0    massacre / massacre
//	3     biased      horrific (attributed: "say")   0      - / horrific
//	4     not biased  -                              0      - / -
//	5     biased      corrupt 0.5, regime 0.6        1.1    corrupt regime / corrupt regime
//	6     not biased  peaceful 0.5                   0.5    peaceful / -
//	7     biased      lying (quoted)                 0      - / lying
//	8     biased      massacre 1.0                   1.0    massacre / massacre
//	9     not biased  -                              0      - / -
//	10    not biased  -                              0      - / -
//	11    biased      regime 0.6                     0.6    regime / regime
//
// AUC: positives 1, 0, 1.1, 0, 1, 0.6 against negatives 0, 0.5, 0, 0: four
// positives beat all four (16); each 0 ties three and loses one (1.5 + 1.5):
// 19/24. Words: TP 5, FP 1 (peaceful), FN 2 (horrific, lying): P 5/6,
// R 5/7, F1 10/13.
func TestLexiconEvalByHand(t *testing.T) {
	data, err := os.ReadFile("testdata/gold-10.tsv")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadGold("testdata/gold-10.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 10 || !gold[3].Biased || strings.Join(gold[3].Words, "|") != "corrupt|regime" {
		t.Fatalf("gold = %+v", gold)
	}
	tok := tokenize.New()
	lex, probs := lexicons.Loader{Tok: tok}.LoadOne("testdata/eval-lexicon.yaml")
	if lex == nil {
		t.Fatal(probs)
	}
	cues, probs := lexicons.Loader{Tok: tok}.LoadOne(pipeline.DefaultCues)
	if cues == nil {
		t.Fatal(probs)
	}
	a, err := pipeline.NewAnalyzer(pipeline.Setup{Tok: tok, Lexicons: []*lexicons.Lexicon{lex}, Cues: cues, Scorer: pipeline.ScorerLexicon})
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(a, gold)
	wantScores := []float64{1, 0, 0, 1.1, 0.5, 0, 1, 0, 0, 0.6}
	for i, s := range rep.Scores {
		if math.Abs(float64(s.Score)-wantScores[i]) > 1e-9 {
			t.Errorf("line %d: score %v, want %v (terms %v)", s.Line, s.Score, wantScores[i], s.Terms)
		}
	}
	check := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("AUC", float64(rep.AUC), 19.0/24)
	check("precision", float64(rep.Words.Precision), 5.0/6)
	check("recall", float64(rep.Words.Recall), 5.0/7)
	check("F1", float64(rep.Words.F1), 10.0/13)
	if rep.Words.TP != 5 || rep.Words.FP != 1 || rep.Words.FN != 2 || rep.Words.Sentences != 10 {
		t.Errorf("words %+v", rep.Words)
	}
	if fp := rep.FalsePositives["evalfix/sympathy"]; len(fp) != 1 || fp[0].Term != "peaceful" || fp[0].N != 1 || len(rep.FalsePositives) != 1 {
		t.Errorf("false positives %+v", rep.FalsePositives)
	}
	// Loadedness: with one category a span, the score per word (words
	// counted apart, by wordRE).
	for i, s := range rep.Scores {
		want := wantScores[i] / float64(len(wordRE.FindAllString(gold[i].Text, -1)))
		if math.Abs(float64(s.Loadedness)-want) > 1e-9 {
			t.Errorf("line %d: loadedness %v, want %v", s.Line, s.Loadedness, want)
		}
	}
}

// The default lexicons against the hand-labelled sentences of the shipped
// corpus (testdata/gold-corpus.tsv). The floors sit a little
// under what was measured (README, Lexicons), so a change that costs
// recall, precision or ranking fails here.
func TestGoldCorpusFloors(t *testing.T) {
	data, err := os.ReadFile("testdata/gold-corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := ReadGold("testdata/gold-corpus.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 300 {
		t.Fatalf("%d gold sentences; the issue asks for at least 300", len(gold))
	}
	a, probs, err := pipeline.Prepare(pipeline.Config{})
	if err != nil {
		t.Fatal(err, probs)
	}
	rep := Evaluate(a, gold)
	t.Logf("AUC %.3f, loadedness AUC %.3f, loaded words P %.3f R %.3f, with valence P %.3f R %.3f",
		float64(rep.AUC), float64(rep.AUCLoadedness), float64(rep.Words.Precision), float64(rep.Words.Recall),
		float64(rep.WordsWithValence.Precision), float64(rep.WordsWithValence.Recall))
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"AUC", float64(rep.AUC), 0.72},
		{"loadedness AUC", float64(rep.AUCLoadedness), 0.73},
		{"loaded-word precision", float64(rep.Words.Precision), 0.52},
		{"loaded-word recall", float64(rep.Words.Recall), 0.40},
		{"recall with valence", float64(rep.WordsWithValence.Recall), 0.45},
	} {
		if f.got < f.floor {
			t.Errorf("%s %.3f is below %.2f", f.name, f.got, f.floor)
		}
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"g.tsv", "sentence\tbias\nx\t1\n", "g.tsv:1: the header must name the columns text and label"},
		{"g.tsv", "text\tlabel\nA sentence.\tmaybe\n", `g.tsv:2: label "maybe": want biased or not biased`},
		{"g.csv", "text,label,words\n\"A, quoted\",1,a;b\n,0,\n", "g.csv:3: empty text"},
		{"g.csv", "text,label\n", "g.csv: no sentences"},
	}
	for _, tt := range tests {
		_, err := ReadGold(tt.name, []byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s %q: err %v, want %q", tt.name, tt.data, err, tt.want)
		}
	}
	g, err := ReadGold("g.csv", []byte("label,text,words\n1,\"A, quoted\",a;b\n"))
	if err != nil || len(g) != 1 || g[0].Text != "A, quoted" || !g[0].Biased || len(g[0].Words) != 2 {
		t.Errorf("CSV with columns in another order: %+v %v", g, err)
	}
}

// wordRE is an independent word counter, as the run tests use: runs of
// letters and digits, joined by apostrophes, periods, commas or hyphens
// inside a word.
var wordRE = regexp.MustCompile(`[\pL\pN]+(?:['’.,-][\pL\pN]+)*`)
