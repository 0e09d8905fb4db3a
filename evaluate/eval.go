// Package evaluate measures framing against what annotators marked: gold
// sentences labelled biased or not, with the words they marked.
package evaluate

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// A gold file annotates sentences for bias, to measure a lexicon against:
//
//	text<TAB>label<TAB>words
//	Colorado massacre suspect heads to court<TAB>biased<TAB>massacre
//	He is being held on suspicion of murder.<TAB>not biased<TAB>
//
// A header row names the columns (any order; words is optional). A .tsv
// file is tab-separated, any other file comma-separated (quote fields that
// hold commas). label is biased / not biased, 1 / 0, true / false or yes /
// no. words lists the biased words or phrases, separated by ";". Lines
// that start with "#" are comments (say how the file was labelled).

// GoldSentence is one annotated sentence.
type GoldSentence struct {
	Line   int
	Text   string
	Biased bool
	Words  []string // annotated biased words; nil when not annotated
}

// ReadGold reads a gold file. Errors name the file and line.
func ReadGold(path string, data []byte) ([]GoldSentence, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	if strings.EqualFold(filepath.Ext(path), ".tsv") {
		r.Comma = '\t'
		r.LazyQuotes = true
	}
	r.FieldsPerRecord = -1
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	ti, ok1 := col["text"]
	li, ok2 := col["label"]
	wi, hasWords := col["words"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s:1: the header must name the columns text and label (and optionally words); got %q", path, header)
	}
	var out []GoldSentence
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if ti >= len(rec) || li >= len(rec) {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", path, line, len(rec), max(ti, li)+1)
		}
		g := GoldSentence{Line: line, Text: strings.TrimSpace(rec[ti])}
		switch strings.ToLower(strings.TrimSpace(rec[li])) {
		case "biased", "1", "true", "yes":
			g.Biased = true
		case "not biased", "unbiased", "0", "false", "no":
		default:
			return nil, fmt.Errorf("%s:%d: label %q: want biased or not biased (1/0, true/false, yes/no)", path, line, rec[li])
		}
		if g.Text == "" {
			return nil, fmt.Errorf("%s:%d: empty text", path, line)
		}
		if hasWords && wi < len(rec) && strings.TrimSpace(rec[wi]) != "" {
			for _, w := range strings.Split(rec[wi], ";") {
				if w = strings.TrimSpace(w); w != "" {
					g.Words = append(g.Words, w)
				}
			}
		}
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no sentences", path)
	}
	return out, nil
}

// EvalReport is how well framing finds what annotators marked: its sentence
// scores against their biased / not biased labels, and the words it counts
// as loaded against the words they marked.
type EvalReport struct {
	Lexicons  []reports.LexiconInfo `json:"lexicons"`
	Scorer    string                `json:"scorer"`
	Sentences int                   `json:"sentences"`
	Biased    int                   `json:"biased"`
	// AUC is the AUC of the sentence score against the biased label: with
	// the model scorer, the sentence model's probability that the sentence
	// is biased (its highest over the sentences of a multi-sentence text);
	// with the lexicon scorer, the weighted loaded score in the writer's own
	// voice.
	AUC reports.Float `json:"auc"`
	// AUCLoadedness is the AUC of the loadedness score: the weights of the
	// authorial hits of loaded and valence categories, each span once, per
	// word (the lexicons alone, whatever the scorer).
	AUCLoadedness reports.Float `json:"auc_loadedness"`
	// AUCCounted is the AUC of the number of counted loaded hits in the
	// writer's own voice, per word.
	AUCCounted reports.Float `json:"auc_counted"`
	// Words: word-level precision and recall of the words of the counted
	// loaded hits in the writer's own voice against the annotated words,
	// micro-averaged over the sentences that can be scored (annotated
	// biased sentences, and not-biased ones, whose biased words are none).
	Words EvalWords `json:"words"`
	// WordsAnyVoice counts as Words does, with counted hits in every voice:
	// for annotators who mark loaded words in quotations too.
	WordsAnyVoice EvalWords `json:"words_any_voice"`
	// FalsePositives lists, per category, the entries with most false
	// positives: counted hits in a not-biased sentence, or on words an
	// annotated sentence does not mark.
	FalsePositives map[string][]EntryCount `json:"false_positives"`
	Scores         []EvalSentence          `json:"scores"`
	// WordsWithValence counts as Words does, with the words of every
	// authorial hit of a loaded or valence category, counted or not: what
	// the lexicons alone would mark.
	WordsWithValence EvalWords `json:"words_with_valence"`
}

// EvalWords counts word-level agreement.
type EvalWords struct {
	Sentences int           `json:"sentences"`
	TP        int           `json:"tp"`
	FP        int           `json:"fp"`
	FN        int           `json:"fn"`
	Precision reports.Float `json:"precision"`
	Recall    reports.Float `json:"recall"`
	F1        reports.Float `json:"f1"`
}

// EntryCount is an entry and how often it erred.
type EntryCount struct {
	Term string `json:"term"`
	N    int    `json:"n"`
}

// EvalSentence is one gold sentence's score.
type EvalSentence struct {
	Line   int           `json:"line"`
	Biased bool          `json:"biased"`
	Score  reports.Float `json:"score"`
	Terms  []string      `json:"terms"`
	// Loadedness is the sentence's loadedness score.
	Loadedness reports.Float `json:"loadedness"`
	// Probability is the sentence model's probability (null with the
	// lexicon scorer).
	Probability reports.Float `json:"probability"`
}

// Evaluate measures framing against gold sentences. Each sentence is
// analysed alone, through every stage, so voice applies: a loaded word
// inside a quotation is not the writer's.
func Evaluate(a *pipeline.Analyzer, gold []GoldSentence) EvalReport {
	rep := EvalReport{Scorer: a.Scorer(), Sentences: len(gold), FalsePositives: map[string][]EntryCount{}, Scores: []EvalSentence{}}
	for _, l := range a.Lexicons() {
		rep.Lexicons = append(rep.Lexicons, reports.LexiconInfo{Name: l.Name, Version: l.Version, SHA256: l.SHA256,
			Licence: l.Licence, Source: l.Source, Entries: len(l.Entries)})
	}
	scores := make([]float64, len(gold))
	loadedness := make([]float64, len(gold))
	counted := make([]float64, len(gold))
	labels := make([]bool, len(gold))
	fps := map[string]map[string]int{}
	for i, g := range gold {
		labels[i] = g.Biased
		if g.Biased {
			rep.Biased++
		}
		r, prob := analyseSentence(a, g)
		scores[i], loadedness[i] = r.WeightedAuthorial, r.Loadedness
		if !math.IsNaN(prob) {
			scores[i] = prob
		}
		if r.Tokens > 0 {
			counted[i] = float64(r.Loaded[pipeline.VoiceAuthorial]) / float64(r.Tokens)
		}
		row := EvalSentence{Line: g.Line, Biased: g.Biased, Score: reports.Float(scores[i]), Terms: []string{},
			Loadedness: reports.Float(r.Loadedness), Probability: reports.Float(prob)}
		predicted, anyVoice, withValence := map[string]bool{}, map[string]bool{}, map[string]bool{}
		var countedHits []reports.Hit
		for _, h := range r.Hits {
			scoring := false
			for _, c := range h.Categories {
				scoring = scoring || kindOf(a, c).Scoring()
			}
			if h.Voice == "authorial" && scoring {
				for _, w := range words(a.Tokenizer(), h.Text) {
					withValence[w] = true
				}
			}
			if !h.Counted {
				continue
			}
			for _, w := range words(a.Tokenizer(), h.Text) {
				anyVoice[w] = true
			}
			if h.Voice != "authorial" {
				continue
			}
			countedHits = append(countedHits, h)
			row.Terms = append(row.Terms, h.Term)
			for _, w := range words(a.Tokenizer(), h.Text) {
				predicted[w] = true
			}
		}
		rep.Scores = append(rep.Scores, row)
		annotated := g.Words != nil || !g.Biased
		if !annotated {
			continue
		}
		goldWords := map[string]bool{}
		for _, w := range g.Words {
			for _, x := range words(a.Tokenizer(), w) {
				goldWords[x] = true
			}
		}
		rep.Words.count(predicted, goldWords)
		rep.WordsAnyVoice.count(anyVoice, goldWords)
		rep.WordsWithValence.count(withValence, goldWords)
		for _, h := range countedHits {
			wrong := !g.Biased
			for _, w := range words(a.Tokenizer(), h.Text) {
				wrong = wrong || !goldWords[w]
			}
			if wrong {
				if fps[h.Category] == nil {
					fps[h.Category] = map[string]int{}
				}
				fps[h.Category][h.Term]++
			}
		}
	}
	rep.AUC = reports.Float(stats.AUC(scores, labels))
	rep.AUCLoadedness = reports.Float(stats.AUC(loadedness, labels))
	rep.AUCCounted = reports.Float(stats.AUC(counted, labels))
	rep.Words.finish()
	rep.WordsAnyVoice.finish()
	rep.WordsWithValence.finish()
	for cat, m := range fps {
		var list []EntryCount
		for t, n := range m {
			list = append(list, EntryCount{t, n})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].N != list[j].N {
				return list[i].N > list[j].N
			}
			return list[i].Term < list[j].Term
		})
		if len(list) > 5 {
			list = list[:5]
		}
		rep.FalsePositives[cat] = list
	}
	return rep
}

// analyseSentence runs a gold text through every stage, alone, and returns
// its result and its sentence probability (NaN with the lexicon scorer): a
// text of several sentences scores as its most probable. A stage that
// fails on the text leaves it unscored rather than stopping the
// evaluation.
func analyseSentence(a *pipeline.Analyzer, g GoldSentence) (r *pipeline.ArticleResult, prob float64) {
	art := &corpus.Article{ID: fmt.Sprintf("gold-%d", g.Line), Outlet: "gold", Event: "gold", Body: g.Text}
	prob = math.NaN()
	defer func() {
		if recover() != nil {
			r, prob = &pipeline.ArticleResult{}, math.NaN()
		}
	}()
	d := a.AnalyzeDoc(art)
	for _, p := range d.SentenceP {
		if math.IsNaN(prob) || p > prob {
			prob = p
		}
	}
	r = a.Summarize(d, "")
	a.Release(d)
	return r, prob
}

// count adds one scorable sentence: the words predicted loaded against the
// words annotated.
func (w *EvalWords) count(predicted, gold map[string]bool) {
	w.Sentences++
	for x := range predicted {
		if gold[x] {
			w.TP++
		} else {
			w.FP++
		}
	}
	for x := range gold {
		if !predicted[x] {
			w.FN++
		}
	}
}

func (w *EvalWords) finish() {
	w.Precision, w.Recall = ratio(w.TP, w.TP+w.FP), ratio(w.TP, w.TP+w.FN)
	if p, r := float64(w.Precision), float64(w.Recall); p+r > 0 {
		w.F1 = reports.Float(2 * p * r / (p + r))
	} else {
		w.F1 = reports.NaN()
	}
}

// kindOf is the kind of a category of a's, by id.
func kindOf(a *pipeline.Analyzer, categoryID string) lexicons.Kind {
	for _, c := range a.Categories() {
		if c.ID == categoryID {
			return c.Kind
		}
	}
	return ""
}

// words are the folded word tokens of a text, as the matcher sees them.
func words(tok *tokenize.Tokenizer, s string) []string {
	var out []string
	for _, t := range tok.Tokenize(s, 0) {
		if t.Word {
			out = append(out, t.Norm)
		}
	}
	return out
}

func ratio(a, b int) reports.Float {
	if b == 0 {
		return reports.Float(math.NaN())
	}
	return reports.Float(float64(a) / float64(b))
}
