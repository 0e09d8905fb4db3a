// Package model is framing's learned loadedness: an explainable linear
// model of P(loaded | this word in this sentence), trained on what careful
// readers marked in news sentences, with the lexicons as its features
// rather than its verdict; and a second, sentence-level model over the
// words' probabilities.
//
// A Model is a list of named features and their weights. The features are
// computed by the pipeline's score stage (package pipeline), which knows
// the document; this package knows only names and numbers, so the weights
// file is small, diffable text, and every probability can be explained as
// the sum of its features' contributions (Explain).
//
// The shipped weights (Default) are trained by `framing model train` on
// the MBIC dataset (Spinde et al. 2021, Apache-2.0): the file carries the
// licence and the citation, and training rebuilds it byte for byte.
package model

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Linear is a logistic model over named features: P = σ(Bias + Σ w·x).
type Linear struct {
	Bias     float64
	Features []string
	Weights  []float64
}

// Model is the word model, the sentence model, the accepting threshold and
// what they were trained on.
type Model struct {
	// Header lines: name, version, licence, source, citation and the
	// training summary, kept as written so the file round-trips.
	Meta []Meta
	// Lexicons are the built-in lexicons the word features read (besides
	// whatever lexicons a run scores with).
	Lexicons []string
	// Threshold is the probability at or above which a word a loaded
	// category lists is accepted as loaded: highlighted in the loaded
	// colours and counted in the loaded rate.
	Threshold float64
	// Valence is the threshold for a word only the valence list holds,
	// Unlisted for a word no scoring lexicon lists (0: Threshold): the
	// less curated the evidence behind a word, the surer the model must
	// be. Training sets each at the lowest probability at which the words
	// of that class reach the target precision in cross-validation.
	Valence, Unlisted float64
	// PerSentence caps the words accepted in one sentence (the most
	// probable first); 0 means no cap.
	PerSentence int
	Word        Linear
	Sentence    Linear
	// Vocab holds the tables the word features read: how common each stem
	// is in news text, and the research word lists as stem tables.
	*Vocab
}

// Vocab is what the word features look words up in, kept in a file of its
// own (weights/vocab.tsv) beside the weights.
type Vocab struct {
	// Common holds how common each word stem is in news text: the number
	// of documents of Docs that hold it (a word's rarity is a feature).
	Common map[string]int
	Docs   int
	// Lists are research word lists (bsd, vader, recasens) as features:
	// by stem, the categories a list puts the word in, with the list's
	// weight; and the lists' prefix entries. A list is read this way, by
	// stem, rather than matched entry by entry: parsing and compiling
	// 22,000 entries cost half a second and 30 MB per run; the stem table
	// loads in milliseconds. Its multiword entries are left out.
	Lists    map[string][]ListEntry
	Prefixes []ListPrefix
}

// ListEntry is a word list's category for a stem, with the entry's weight.
type ListEntry struct {
	Category string
	Weight   float64
}

// ListPrefix is a list's prefix entry ("abominab*").
type ListPrefix struct {
	Prefix string
	ListEntry
}

// Meta is one header field.
type Meta struct{ Key, Value string }

// Get is the value of a header field, "" when absent.
func (m *Model) Get(key string) string {
	for _, x := range m.Meta {
		if x.Key == key {
			return x.Value
		}
	}
	return ""
}

// Logistic is σ(z), computed so as not to overflow.
func Logistic(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Compiled is a Linear whose weights are laid out in the order of a fixed
// feature list (the order a scorer computes them in), so that a prediction
// is one dot product.
type Compiled struct {
	Bias    float64
	Weights []float64 // by feature index; 0 for a feature the model does not use
	Names   []string
}

// Compile lays l's weights out in the order of names. A feature of l that
// names does not list is an error: the model would read a feature nobody
// computes.
func (l *Linear) Compile(names []string) (*Compiled, error) {
	c := &Compiled{Bias: l.Bias, Weights: make([]float64, len(names)), Names: names}
	at := make(map[string]int, len(names))
	for i, n := range names {
		at[n] = i
	}
	for i, f := range l.Features {
		j, ok := at[f]
		if !ok {
			return nil, fmt.Errorf("model feature %q is not computed by this version of framing", f)
		}
		c.Weights[j] = l.Weights[i]
	}
	return c, nil
}

// Score is the linear score of a feature vector (the log-odds).
func (c *Compiled) Score(x []float64) float64 {
	z := c.Bias
	for i, v := range x {
		if v != 0 {
			z += c.Weights[i] * v
		}
	}
	return z
}

// Prob is P(positive | x).
func (c *Compiled) Prob(x []float64) float64 { return Logistic(c.Score(x)) }

// Contribution is one feature's share of a score.
type Contribution struct {
	Feature string
	Value   float64 // weight × feature value, in log-odds
}

// Explain lists the n features that moved the score most, largest in size
// first (ties by name): the "why" of a probability. It keeps the n largest
// as it goes instead of sorting every contribution: it runs for every hit.
func (c *Compiled) Explain(x []float64, n int) []Contribution {
	if n <= 0 {
		return nil
	}
	out := make([]Contribution, 0, n+1)
	before := func(a, b Contribution) bool {
		if d := math.Abs(a.Value) - math.Abs(b.Value); d != 0 {
			return d > 0
		}
		return a.Feature < b.Feature
	}
	for i, v := range x {
		if v == 0 || c.Weights[i] == 0 {
			continue
		}
		ct := Contribution{c.Names[i], c.Weights[i] * v}
		if len(out) == n && !before(ct, out[n-1]) {
			continue
		}
		k := len(out)
		for k > 0 && before(ct, out[k-1]) {
			k--
		}
		out = slices.Insert(out, k, ct)
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}

//go:embed weights/loaded.txt
var defaultWeights []byte

//go:embed weights/vocab.tsv
var defaultVocab []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	m, err := Read(bytes.NewReader(defaultWeights))
	if err != nil {
		return nil, fmt.Errorf("weights/loaded.txt: %w", err)
	}
	if m.Vocab, err = ReadVocab(bytes.NewReader(defaultVocab)); err != nil {
		return nil, fmt.Errorf("weights/vocab.tsv: %w", err)
	}
	return m, nil
})

// Default is the shipped model (weights/loaded.txt and weights/vocab.tsv),
// read once per process.
func Default() (*Model, error) { return defaultModel() }

// DefaultBytes are the shipped weights and vocabulary files as embedded.
func DefaultBytes() (weights, vocab []byte) { return defaultWeights, defaultVocab }

// The text format, one record a line, tab-separated, "#" lines comments:
//
//	meta	KEY	VALUE
//	lexicons	NAME NAME ...
//	threshold	P
//	valence-threshold	P
//	unlisted-threshold	P
//	per-sentence	N
//	word-bias	B
//	word	FEATURE	WEIGHT
//	sentence-bias	B
//	sentence	FEATURE	WEIGHT
//
// Numbers are written with strconv's shortest round-trip form, so a file
// read and written again is the same bytes.

// Write writes m in the text format.
func Write(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, x := range m.Meta {
		fmt.Fprintf(bw, "meta\t%s\t%s\n", x.Key, x.Value)
	}
	fmt.Fprintf(bw, "lexicons\t%s\n", strings.Join(m.Lexicons, " "))
	fmt.Fprintf(bw, "threshold\t%s\n", f(m.Threshold))
	fmt.Fprintf(bw, "valence-threshold\t%s\n", f(m.Valence))
	fmt.Fprintf(bw, "unlisted-threshold\t%s\n", f(m.Unlisted))
	fmt.Fprintf(bw, "per-sentence\t%d\n", m.PerSentence)
	fmt.Fprintf(bw, "word-bias\t%s\n", f(m.Word.Bias))
	for i, n := range m.Word.Features {
		fmt.Fprintf(bw, "word\t%s\t%s\n", n, f(m.Word.Weights[i]))
	}
	fmt.Fprintf(bw, "sentence-bias\t%s\n", f(m.Sentence.Bias))
	for i, n := range m.Sentence.Features {
		fmt.Fprintf(bw, "sentence\t%s\t%s\n", n, f(m.Sentence.Weights[i]))
	}
	return bw.Flush()
}

// WriteVocab writes the vocabulary tables, one record a line:
//
//	docs	N
//	common	STEM	DOCS
//	list	STEM	CATEGORY	WEIGHT
//	prefix	PREFIX	CATEGORY	WEIGHT
func WriteVocab(w io.Writer, v *Vocab) error {
	bw := bufio.NewWriter(w)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	fmt.Fprintf(bw, "docs\t%d\n", v.Docs)
	for _, s := range slices.Sorted(maps.Keys(v.Common)) {
		fmt.Fprintf(bw, "common\t%s\t%d\n", s, v.Common[s])
	}
	for _, s := range slices.Sorted(maps.Keys(v.Lists)) {
		for _, e := range v.Lists[s] {
			fmt.Fprintf(bw, "list\t%s\t%s\t%s\n", s, e.Category, f(e.Weight))
		}
	}
	for _, p := range v.Prefixes {
		fmt.Fprintf(bw, "prefix\t%s\t%s\t%s\n", p.Prefix, p.Category, f(p.Weight))
	}
	return bw.Flush()
}

// ReadVocab reads what WriteVocab wrote. Errors name the line.
func ReadVocab(r io.Reader) (*Vocab, error) {
	v := &Vocab{Common: map[string]int{}, Lists: map[string][]ListEntry{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		want := map[string]int{"docs": 2, "common": 3, "list": 4, "prefix": 4}[f[0]]
		if want == 0 || len(f) != want {
			return nil, fmt.Errorf("vocabulary line %d: want docs, common, list or prefix records with their fields", n)
		}
		var err error
		switch f[0] {
		case "docs":
			v.Docs, err = strconv.Atoi(f[1])
		case "common":
			var d int
			d, err = strconv.Atoi(f[2])
			v.Common[f[1]] = d
		case "list", "prefix":
			var w float64
			w, err = strconv.ParseFloat(f[3], 64)
			e := ListEntry{Category: f[2], Weight: w}
			if f[0] == "list" {
				v.Lists[f[1]] = append(v.Lists[f[1]], e)
			} else {
				v.Prefixes = append(v.Prefixes, ListPrefix{Prefix: f[1], ListEntry: e})
			}
		}
		if err != nil {
			return nil, fmt.Errorf("vocabulary line %d: %v", n, err)
		}
	}
	return v, sc.Err()
}

// ListCategories are the categories the lists name, sorted.
func (v *Vocab) ListCategories() []string {
	seen := map[string]bool{}
	for _, es := range v.Lists {
		for _, e := range es {
			seen[e.Category] = true
		}
	}
	for _, p := range v.Prefixes {
		seen[p.Category] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// Read reads a model written by Write. Errors name the line.
func Read(r io.Reader) (*Model, error) {
	m := &Model{Vocab: &Vocab{Common: map[string]int{}, Lists: map[string][]ListEntry{}}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func(format string, args ...any) error {
			return fmt.Errorf("model line %d: %s", n, fmt.Sprintf(format, args...))
		}
		num := func(s string) (float64, error) {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, bad("%q is not a number", s)
			}
			return v, nil
		}
		want := map[string]int{"meta": 3, "lexicons": 2, "threshold": 2, "valence-threshold": 2, "unlisted-threshold": 2, "per-sentence": 2, "word-bias": 2, "word": 3,
			"sentence-bias": 2, "sentence": 3}
		k, ok := want[f[0]]
		if !ok {
			return nil, bad("unknown record %q", f[0])
		}
		if len(f) != k {
			return nil, bad("%s: want %d tab-separated fields, got %d", f[0], k, len(f))
		}
		var err error
		switch f[0] {
		case "meta":
			m.Meta = append(m.Meta, Meta{f[1], f[2]})
		case "lexicons":
			m.Lexicons = strings.Fields(f[1])
		case "threshold":
			m.Threshold, err = num(f[1])
		case "valence-threshold":
			m.Valence, err = num(f[1])
		case "unlisted-threshold":
			m.Unlisted, err = num(f[1])
		case "per-sentence":
			m.PerSentence, err = strconv.Atoi(f[1])
		case "word-bias":
			m.Word.Bias, err = num(f[1])
		case "sentence-bias":
			m.Sentence.Bias, err = num(f[1])
		case "word", "sentence":
			var v float64
			if v, err = num(f[2]); err == nil {
				l := &m.Word
				if f[0] == "sentence" {
					l = &m.Sentence
				}
				l.Features, l.Weights = append(l.Features, f[1]), append(l.Weights, v)
			}
		}
		if err != nil {
			if strings.HasPrefix(err.Error(), "model line") {
				return nil, err
			}
			return nil, bad("%v", err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(m.Word.Features) == 0 {
		return nil, fmt.Errorf("model: no word features")
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		return nil, fmt.Errorf("model: threshold %v outside (0, 1)", m.Threshold)
	}
	return m, nil
}

// ThresholdFor is the acceptance threshold of a word of evidence class
// class: 1 a loaded list holds it, 2 only the valence list, 3 none.
func (m *Model) ThresholdFor(class int) float64 {
	switch {
	case class == 2 && m.Valence > 0:
		return m.Valence
	case class == 3 && m.Unlisted > 0:
		return m.Unlisted
	}
	return m.Threshold
}
