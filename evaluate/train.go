package evaluate

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline"
)

// The training set-up of the shipped loadedness model. Every choice here is
// measured by grouped cross-validation (CrossValidate) and written down in
// docs/METHODS.md.
const (
	// DefaultL2 is the ridge penalty of the word model: strong enough that
	// a rare feature does not take a large weight from a few sentences.
	DefaultL2 = 4.0
	// sentenceL2 is the ridge penalty of the sentence model.
	sentenceL2 = 1.0
	// DefaultFolds is how many article-grouped folds cross-validation uses.
	DefaultFolds = 5
	// DefaultTargetPrecision: a word is accepted where, among the words of
	// its evidence class, at least this share were marked by MBIC's
	// annotators in cross-validation. MBIC's annotators mark about two
	// words a sentence, other annotators about one, and a careful reader of
	// a whole article fewer still: precision carries to other text better
	// than recall, so the bar is set on precision.
	DefaultTargetPrecision = 0.8
	// DefaultListedPrecision is the target for words framing's curated
	// lexicons list as loaded: written as loaded words, they need the
	// model only to veto the senses that are not (a word naming an event,
	// a name's word), so their bar is lower.
	DefaultListedPrecision = 0.65
	// DefaultUnlistedPrecision is the target for words no lexicon lists,
	// which the model alone accepts: its surest evidence for them, rarity
	// in MBIC's articles, moves with the topic (a word rare in MBIC's
	// politics is common in a court report), so their bar is higher.
	DefaultUnlistedPrecision = 0.85
	// minCommonDocs: a stem must be in this many source articles to enter
	// the commonness table; rarer stems read as unseen.
	minCommonDocs = 2
)

// DefaultFeatureLexicons are the built-in lexicons the shipped model reads
// its lexicon features from, matched entry by entry: framing's own, small
// and curated.
var DefaultFeatureLexicons = []string{"framing", "news", "valence"}

// DefaultFeatureLists are the research word lists it reads as stem tables
// (model.Vocab.Lists).
var DefaultFeatureLists = []string{"recasens", "bsd", "vader"}

// TrainOptions set a training or an evaluation.
type TrainOptions struct {
	// Lexicons are the feature lexicons (DefaultFeatureLexicons when nil),
	// Lists the research lists read as stem tables (DefaultFeatureLists).
	Lexicons []string
	Lists    []string
	// BiasLexicon is MBIC's bias lexicon (ReadBiasLexicon), read as one
	// more stem table (category mbic/bias-lexicon); nil leaves it out.
	BiasLexicon []string
	// L2 is the word model's ridge penalty (DefaultL2 when 0).
	L2 float64
	// Drop leaves out the features whose names it accepts: an ablation.
	Drop func(feature string) bool
	// Folds is the number of article-grouped folds (DefaultFolds when 0).
	Folds int
	// PerSentence caps the words accepted per sentence (0: no cap).
	PerSentence int
	// Unlisted is the threshold for words no default lexicon lists (0: the
	// threshold).
	Unlisted float64
	// Threshold, when not 0, is the acceptance threshold to evaluate at;
	// 0 chooses one per evidence class (see classThreshold).
	Threshold float64
	// TargetPrecision is the precision the words of each evidence class
	// must reach in cross-validation at the threshold training chooses
	// for it (DefaultTargetPrecision when 0).
	TargetPrecision float64
	// ListedPrecision and UnlistedPrecision are the targets for words a
	// curated lexicon lists as loaded and for words no lexicon lists
	// (DefaultListedPrecision, DefaultUnlistedPrecision when 0).
	ListedPrecision, UnlistedPrecision float64
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Lexicons == nil {
		o.Lexicons = DefaultFeatureLexicons
	}
	if o.Lists == nil {
		o.Lists = DefaultFeatureLists
	}
	if o.L2 == 0 {
		o.L2 = DefaultL2
	}
	if o.Folds == 0 {
		o.Folds = DefaultFolds
	}
	if o.TargetPrecision == 0 {
		o.TargetPrecision = DefaultTargetPrecision
	}
	if o.ListedPrecision == 0 {
		o.ListedPrecision = DefaultListedPrecision
	}
	if o.UnlistedPrecision == 0 {
		o.UnlistedPrecision = DefaultUnlistedPrecision
	}
	return o
}

// Dataset is MBIC as the word model sees it: one row of features per
// scored word of every sentence with a majority label, the word marked or
// not.
type Dataset struct {
	Names  []string
	NonNeg []bool
	Rows   []model.Row
	Y      []bool
	Word   []wordInfo // per row
	Sent   []sentInfo
}

type wordInfo struct {
	listed bool   // inside a hit of a loaded or valence category of the default lexicons
	class  int    // its evidence class: classLoaded, classValence or classUnlisted
	sent   int    // index into Sent
	norm   string // the word, folded
	quoted bool
	others bool // in quotation marks or reported speech: someone else's words
}

type sentInfo struct {
	s         MBICSentence
	in        model.SentenceInput
	biased    int // 1 biased, 0 not, -1 no agreement
	rows      []int
	words     int             // word tokens
	gold      map[string]bool // marked words, folded
	goldScore map[string]bool // marked words that are scored (not function words)
}

// Commonness counts, for each word stem, the articles holding it: the
// table word rarity is read from. Stems in fewer than minCommonDocs
// articles are left out.
func Commonness(arts []MBICArticle) (map[string]int, int) {
	tok := tokenize.New()
	var st tokenize.Stemmer
	df := map[string]int{}
	for _, a := range arts {
		seen := map[string]bool{}
		for _, t := range tok.Tokenize(a.Text, 0) {
			if t.Word {
				seen[st.Stem(t.Norm)] = true
			}
		}
		for s := range seen {
			df[s]++
		}
	}
	for s, n := range df {
		if n < minCommonDocs {
			delete(df, s)
		}
	}
	return df, len(arts)
}

// skeleton is a model with the feature set-up and no weights: what an
// analyzer needs to compute the features of training.
func skeleton(opts TrainOptions, v *model.Vocab) *model.Model {
	return &model.Model{Lexicons: opts.Lexicons, Threshold: 1, Vocab: v,
		Word: model.Linear{Features: []string{"lex:weight"}, Weights: []float64{0}}}
}

// BuildVocab makes the vocabulary tables of a model: the commonness of
// stems in the source articles, and the research lists as stem tables:
// every single-word entry under the Snowball stem of its term (its
// inflections share it), every prefix entry as a prefix of folded words;
// multiword entries are left out.
func BuildVocab(arts []MBICArticle, lists []string, biasLexicon []string) (*model.Vocab, error) {
	common, docs := Commonness(arts)
	v := &model.Vocab{Common: common, Docs: docs, Lists: map[string][]model.ListEntry{}}
	for _, w := range biasLexicon {
		stem := tokenize.Stem(tokenize.Fold(w))
		if !slices.ContainsFunc(v.Lists[stem], func(y model.ListEntry) bool { return y.Category == BiasLexiconCategory }) {
			v.Lists[stem] = append(v.Lists[stem], model.ListEntry{Category: BiasLexiconCategory, Weight: 1})
		}
	}
	tok := tokenize.New()
	for _, name := range lists {
		l, probs := lexicons.Loader{Tok: tok}.LoadOne(name)
		if l == nil {
			return nil, fmt.Errorf("list %s: %v", name, probs)
		}
		for _, e := range l.Entries {
			words := e.Words()
			if e.Exclude || len(words) != 1 || e.Mode == lexicons.Suffix {
				continue
			}
			for _, c := range e.Categories {
				x := model.ListEntry{Category: c.ID, Weight: e.Weight}
				if e.Mode == lexicons.Prefix {
					v.Prefixes = append(v.Prefixes, model.ListPrefix{Prefix: words[0], ListEntry: x})
					continue
				}
				stem := tokenize.Stem(words[0])
				i := slices.IndexFunc(v.Lists[stem], func(y model.ListEntry) bool { return y.Category == c.ID })
				switch {
				case i < 0:
					v.Lists[stem] = append(v.Lists[stem], x)
				case x.Weight > v.Lists[stem][i].Weight:
					v.Lists[stem][i].Weight = x.Weight
				}
			}
		}
	}
	for _, es := range v.Lists {
		slices.SortFunc(es, func(a, b model.ListEntry) int { return strings.Compare(a.Category, b.Category) })
	}
	slices.SortStableFunc(v.Prefixes, func(a, b model.ListPrefix) int {
		return cmp.Or(strings.Compare(a.Prefix, b.Prefix), strings.Compare(a.Category, b.Category))
	})
	return v, nil
}

// NewTrainingAnalyzer is an analyzer whose features are opts's: the default
// lexicons scoring, the built-in cue list, the feature lexicons and the
// commonness table of the model being trained.
func NewTrainingAnalyzer(opts TrainOptions, v *model.Vocab) (*pipeline.Analyzer, error) {
	opts = opts.withDefaults()
	tok := tokenize.New()
	lexs, probs := lexicons.Loader{Tok: tok}.Load(nil)
	if len(lexs) == 0 {
		return nil, fmt.Errorf("lexicons: %v", probs)
	}
	cues, probs := lexicons.Loader{Tok: tok}.LoadOne(pipeline.DefaultCues)
	if cues == nil {
		return nil, fmt.Errorf("cue list: %v", probs)
	}
	return pipeline.NewAnalyzer(pipeline.Setup{Tok: tok, Lexicons: lexs, Cues: cues, Model: skeleton(opts, v)})
}

// BuildDataset analyses every sentence with a majority label, alone, through
// every stage, and keeps the features of its scored words.
func BuildDataset(a *pipeline.Analyzer, sents []MBICSentence, opts TrainOptions) *Dataset {
	opts = opts.withDefaults()
	ds := &Dataset{}
	all := a.FeatureNames()
	nonneg := a.NonNegativeFeatures()
	keep := make([]int, 0, len(all)) // indices of the features kept
	for i, n := range all {
		if opts.Drop == nil || !opts.Drop(n) {
			keep = append(keep, i)
			ds.Names = append(ds.Names, n)
			ds.NonNeg = append(ds.NonNeg, nonneg[i])
		}
	}
	tok := tokenize.New()
	for _, s := range sents {
		info := sentInfo{s: s, biased: -1, gold: map[string]bool{}, goldScore: map[string]bool{}}
		switch s.Label {
		case "Biased":
			info.biased = 1
		case "Non-biased":
			info.biased = 0
		default:
			continue // no majority: no label to learn from
		}
		for _, w := range s.Words {
			for _, t := range tok.Tokenize(w, 0) {
				if t.Word {
					info.gold[t.Norm] = true
				}
			}
		}
		d := a.AnalyzeDoc(&corpus.Article{ID: s.ID, Outlet: s.Outlet, Event: s.Topic, Body: s.Text})
		xs := a.WordFeatures(d)
		listed := make([]bool, len(d.Tokens))
		class := make([]int, len(d.Tokens))
		for _, h := range d.Hits {
			if c := pipeline.EvidenceClass(h); c != pipeline.ClassUnlisted {
				for k := h.First; k <= h.Last; k++ {
					listed[k] = true
					class[k] = min(class[k], c)
					if class[k] == 0 {
						class[k] = c
					}
				}
			}
		}
		si := len(ds.Sent)
		for i, t := range d.Tokens {
			if t.Word {
				info.words++
			}
			if info.gold[t.Norm] && pipeline.Scoreable(t) {
				info.goldScore[t.Norm] = true
			}
			if xs[i] == nil {
				continue
			}
			x := make([]float64, len(keep))
			for k, j := range keep {
				x[k] = xs[i][j]
			}
			info.rows = append(info.rows, len(ds.Rows))
			ds.Rows = append(ds.Rows, model.SparseRow(x))
			ds.Y = append(ds.Y, info.gold[t.Norm])
			v := d.Voice.Label(i, i).Voice
			cl := class[i]
			if cl == 0 {
				cl = pipeline.ClassUnlisted
			}
			ds.Word = append(ds.Word, wordInfo{listed: listed[i], class: cl, sent: si, norm: t.Norm, quoted: pipeline.VoiceIndex(v) == pipeline.VoiceQuoted, others: pipeline.VoiceIndex(v) == pipeline.VoiceQuoted || pipeline.VoiceIndex(v) == pipeline.VoiceAttributed})
		}
		info.in = pipeline.SentenceInput(d, -1)
		ds.Sent = append(ds.Sent, info)
	}
	return ds
}

// fold is a group's fold: a hash of its name, so the folds are the same
// whatever the order of the data.
func fold(group string, k int) int {
	h := fnv.New64a()
	h.Write([]byte(group))
	return int(h.Sum64() % uint64(k))
}

// Folds says which fold each sentence is in: by article (Group), or by
// topic (every topic its own fold).
func (ds *Dataset) Folds(byTopic bool, k int) ([]int, int) {
	out := make([]int, len(ds.Sent))
	if !byTopic {
		for i, s := range ds.Sent {
			out[i] = fold(s.s.Group(), k)
		}
		return out, k
	}
	var topics []string
	for _, s := range ds.Sent {
		if !slices.Contains(topics, s.s.Topic) {
			topics = append(topics, s.s.Topic)
		}
	}
	slices.Sort(topics)
	for i, s := range ds.Sent {
		out[i] = slices.Index(topics, s.s.Topic)
	}
	return out, len(topics)
}

// CVResult is what cross-validation measured.
type CVResult struct {
	Folds      int
	Tokens     int
	Positives  int
	TokenAUC   float64
	TokenAUCCI Interval // over resamples of articles
	Sentences  int
	SentAUC    float64 // of the sentence model
	SentAUCCI  Interval
	SentAUCMax float64 // of the sentence's highest word probability alone
	// Thresholds by evidence class: listed in a loaded category (Threshold),
	// only in the valence list, in none.
	Threshold, Valence, Unlisted float64
	Words                        WordScore // marked words found, all marked words
	PrecisionCI, RecallCI        Interval  // of Words
	Content                      WordScore // marked words that are scored (no function words)
	// Points are precision and recall at one threshold for every word,
	// from 0.05 to 0.95.
	Points []OperatingPoint
	// Calibration is predicted against observed by decile of predicted
	// probability.
	Calibration []Decile
	// TokenP and SentP are the out-of-fold probabilities.
	TokenP []float64 `json:"-"`
	SentP  []float64 `json:"-"`
}

// WordScore is precision and recall of the words a model accepts against
// the words annotators marked, micro-averaged over sentences.
type WordScore struct {
	TP, FP, FN        int
	Precision, Recall float64
}

// Decile is one bin of a calibration table.
type Decile struct {
	Lo, Hi    float64 // predicted probability range
	N         int
	Predicted float64 // mean predicted
	Observed  float64 // share marked
}

// CrossValidate fits the word model on all folds but one and predicts the
// held-out one, for each fold; then the sentence model the same way over the
// out-of-fold word probabilities (stacking), and measures both.
func CrossValidate(ds *Dataset, foldOf []int, k int, opts TrainOptions) (*CVResult, error) {
	opts = opts.withDefaults()
	res := &CVResult{Folds: k, TokenP: make([]float64, len(ds.Rows))}
	for f := 0; f < k; f++ {
		var rows []model.Row
		var y []bool
		for i, r := range ds.Rows {
			if foldOf[ds.Word[i].sent] != f {
				rows, y = append(rows, r), append(y, ds.Y[i])
			}
		}
		if len(rows) == 0 || len(rows) == len(ds.Rows) {
			continue
		}
		lin, err := model.Fit(rows, y, ds.Names, model.FitOptions{L2: opts.L2, NonNegative: ds.NonNeg})
		if err != nil {
			return nil, err
		}
		c, err := lin.Compile(ds.Names)
		if err != nil {
			return nil, err
		}
		for i, r := range ds.Rows {
			if foldOf[ds.Word[i].sent] == f {
				res.TokenP[i] = model.Logistic(c.Bias + dot(c.Weights, r))
			}
		}
	}
	res.Tokens = len(ds.Rows)
	for _, y := range ds.Y {
		if y {
			res.Positives++
		}
	}
	res.TokenAUC = stats.AUC(res.TokenP, ds.Y)
	res.Threshold, res.Valence, res.Unlisted = opts.Threshold, opts.Threshold, opts.Threshold
	if opts.Threshold == 0 {
		res.Threshold = ds.classThreshold(res.TokenP, pipeline.ClassLoaded, opts.ListedPrecision)
		res.Valence = ds.classThreshold(res.TokenP, pipeline.ClassValence, opts.TargetPrecision)
		res.Unlisted = ds.classThreshold(res.TokenP, pipeline.ClassUnlisted, opts.UnlistedPrecision)
	}
	res.Words, res.Content = ds.wordScores(res.TokenP, res.thresholds(), opts.PerSentence)
	res.Calibration = calibration(res.TokenP, ds.Y)
	// The sentence model, stacked on the out-of-fold word probabilities.
	sx := ds.sentenceRows(res.TokenP, res.Threshold)
	res.SentP = make([]float64, len(ds.Sent))
	var labels []bool
	var sp, smax []float64
	for f := 0; f < k; f++ {
		var rows []model.Row
		var y []bool
		for i, s := range ds.Sent {
			if foldOf[i] != f && s.biased >= 0 {
				rows, y = append(rows, sx[i]), append(y, s.biased == 1)
			}
		}
		if len(rows) == 0 {
			continue
		}
		lin, err := model.Fit(rows, y, ds.sentenceNames(), model.FitOptions{L2: sentenceL2})
		if err != nil {
			return nil, err
		}
		c, err := lin.Compile(ds.sentenceNames())
		if err != nil {
			return nil, err
		}
		for i := range ds.Sent {
			if foldOf[i] == f {
				res.SentP[i] = model.Logistic(c.Bias + dot(c.Weights, sx[i]))
			}
		}
	}
	for i, s := range ds.Sent {
		if s.biased < 0 {
			continue
		}
		labels = append(labels, s.biased == 1)
		sp = append(sp, res.SentP[i])
		m := 0.0
		for _, r := range s.rows {
			m = math.Max(m, res.TokenP[r])
		}
		smax = append(smax, m)
	}
	res.Sentences = len(labels)
	res.SentAUC = stats.AUC(sp, labels)
	res.SentAUCMax = stats.AUC(smax, labels)
	res.Points = ds.operatingPoints(res.TokenP)
	ds.intervals(res)
	return res, nil
}

func dot(w []float64, r model.Row) float64 {
	z := 0.0
	for k, j := range r.Idx {
		z += w[j] * r.Val[k]
	}
	return z
}

// accepted is which rows a threshold (and a per-sentence cap) accepts.
func (ds *Dataset) accepted(p []float64, th [4]float64, perSentence int) []bool {
	out := make([]bool, len(p))
	for _, s := range ds.Sent {
		rows := slices.Clone(s.rows)
		sort.SliceStable(rows, func(a, b int) bool { return p[rows[a]] > p[rows[b]] })
		n := 0
		for _, r := range rows {
			if p[r] >= th[ds.Word[r].class] && (perSentence == 0 || n < perSentence) {
				out[r] = true
				n++
			}
		}
	}
	return out
}

// wordScores compares the accepted words of each sentence with its marked
// words: all of them, and those that are scored.
func (ds *Dataset) wordScores(p []float64, th [4]float64, perSentence int) (all, content WordScore) {
	acc := ds.accepted(p, th, perSentence)
	for _, s := range ds.Sent {
		pred := map[string]bool{}
		for _, r := range s.rows {
			if acc[r] {
				pred[ds.Word[r].norm] = true
			}
		}
		all.count(pred, s.gold)
		content.count(pred, s.goldScore)
	}
	all.finish()
	content.finish()
	return all, content
}

func (w *WordScore) count(pred, gold map[string]bool) {
	for x := range pred {
		if gold[x] {
			w.TP++
		} else {
			w.FP++
		}
	}
	for x := range gold {
		if !pred[x] {
			w.FN++
		}
	}
}

func (w *WordScore) finish() {
	w.Precision = float64(w.TP) / math.Max(1, float64(w.TP+w.FP))
	w.Recall = float64(w.TP) / math.Max(1, float64(w.TP+w.FN))
}

// thresholds are the result's thresholds, indexed by evidence class.
func (r *CVResult) thresholds() [4]float64 {
	return [4]float64{0, r.Threshold, r.Valence, r.Unlisted}
}

// classThreshold is the lowest threshold (in hundredths) at which the
// words of one evidence class reach the target precision on the
// out-of-fold probabilities p, with at least minAccepted words accepted;
// 1 (never) when no threshold does.
func (ds *Dataset) classThreshold(p []float64, class int, target float64) float64 {
	const minAccepted = 20
	for c := 5; c < 100; c++ {
		t := float64(c) / 100
		tp, fp := 0, 0
		for i, w := range ds.Word {
			if w.class == class && p[i] >= t {
				if ds.Y[i] {
					tp++
				} else {
					fp++
				}
			}
		}
		if tp+fp < minAccepted {
			break
		}
		if float64(tp) >= target*float64(tp+fp) {
			return t
		}
	}
	return 1
}

// sentenceRows are the sentence model's inputs, from word probabilities p.
func (ds *Dataset) sentenceRows(p []float64, threshold float64) []model.Row {
	out := make([]model.Row, len(ds.Sent))
	for i, s := range ds.Sent {
		in := s.in
		in.Bag = len(ds.Names)
		in.Words = make([]model.SentenceWord, len(s.rows))
		for k, r := range s.rows {
			in.Words[k] = model.SentenceWord{P: p[r], Quoted: ds.Word[r].others, Features: ds.dense(r)}
		}
		out[i] = model.SparseRow(model.SentenceFeatures(in, threshold))
	}
	return out
}

// dense is row r's features as a vector.
func (ds *Dataset) dense(r int) []float64 {
	x := make([]float64, len(ds.Names))
	for k, j := range ds.Rows[r].Idx {
		x[j] = ds.Rows[r].Val[k]
	}
	return x
}

// sentenceNames are the sentence model's features: the aggregates of the
// word probabilities and the counts, then the bag of word features.
func (ds *Dataset) sentenceNames() []string {
	return model.SentenceNames(ds.Names)
}

func calibration(p []float64, y []bool) []Decile {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	var out []Decile
	for d := 0; d < 10; d++ {
		lo, hi := d*len(idx)/10, (d+1)*len(idx)/10
		if hi <= lo {
			continue
		}
		x := Decile{Lo: p[idx[lo]], Hi: p[idx[hi-1]], N: hi - lo}
		for _, i := range idx[lo:hi] {
			x.Predicted += p[i]
			if y[i] {
				x.Observed++
			}
		}
		x.Predicted /= float64(x.N)
		x.Observed /= float64(x.N)
		out = append(out, x)
	}
	return out
}

// String summarises a result for a log.
func (r *CVResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d folds; %d words (%d marked): token AUC %.3f; %d sentences: sentence AUC %.3f (max word %.3f); at %.2f/%.2f/%.2f: words P %.3f R %.3f, scored words P %.3f R %.3f",
		r.Folds, r.Tokens, r.Positives, r.TokenAUC, r.Sentences, r.SentAUC, r.SentAUCMax, r.Threshold, r.Valence, r.Unlisted,
		r.Words.Precision, r.Words.Recall, r.Content.Precision, r.Content.Recall)
	return b.String()
}

// Citation is the MBIC dataset's, carried by every model trained on it.
const Citation = "Spinde, Rudnitckaia, Sinha, Hamborg, Gipp, Donnay (2021). MBIC - A Media Bias Annotation Dataset Including Annotator Characteristics. iConference 2021."

// Train fits the shipped model on every labelled MBIC sentence: the word
// model on all of them; the sentence model on the out-of-fold word
// probabilities of article-grouped cross-validation (so it learns from
// probabilities like those it will see, not from the word model's fit to
// its own training data); the threshold, chosen on the same out-of-fold
// probabilities. The result depends only on the data and opts, so training
// twice writes the same bytes.
func Train(sents []MBICSentence, arts []MBICArticle, opts TrainOptions) (*model.Model, *CVResult, error) {
	opts = opts.withDefaults()
	vocab, err := BuildVocab(arts, opts.Lists, opts.BiasLexicon)
	if err != nil {
		return nil, nil, err
	}
	a, err := NewTrainingAnalyzer(opts, vocab)
	if err != nil {
		return nil, nil, err
	}
	ds := BuildDataset(a, sents, opts)
	folds, k := ds.Folds(false, opts.Folds)
	cv, err := CrossValidate(ds, folds, k, opts)
	if err != nil {
		return nil, nil, err
	}
	word, err := model.Fit(ds.Rows, ds.Y, ds.Names, model.FitOptions{L2: opts.L2, NonNegative: ds.NonNeg})
	if err != nil {
		return nil, nil, err
	}
	sx := ds.sentenceRows(cv.TokenP, cv.Threshold)
	var srows []model.Row
	var sy []bool
	for i, s := range ds.Sent {
		if s.biased >= 0 { // sentences without a majority teach nothing
			srows, sy = append(srows, sx[i]), append(sy, s.biased == 1)
		}
	}
	sent, err := model.Fit(srows, sy, ds.sentenceNames(), model.FitOptions{L2: sentenceL2})
	if err != nil {
		return nil, nil, err
	}
	pos := 0
	for _, y := range ds.Y {
		if y {
			pos++
		}
	}
	lists := slices.Clone(opts.Lists)
	if opts.BiasLexicon != nil {
		lists = append(lists, "mbic bias-lexicon.txt")
	}
	m := &model.Model{
		Meta: []model.Meta{
			{Key: "name", Value: "loaded"},
			{Key: "version", Value: "1"},
			{Key: "what", Value: "P(loaded | this word in this sentence) and P(biased | this sentence), L2 logistic regressions"},
			{Key: "licence", Value: "Apache-2.0 (trained on MBIC; see model/weights/LICENSE)"},
			{Key: "source", Value: "framing model train --data DIR, DIR holding MBIC's sentences.jsonl, articles.jsonl and bias-lexicon.txt"},
			{Key: "citation", Value: Citation},
			{Key: "training", Value: fmt.Sprintf("%d sentences (%d biased), %d scored words (%d marked), %d source articles", len(ds.Sent), countBiased(ds), len(ds.Rows), pos, vocab.Docs)},
			{Key: "lists", Value: strings.Join(lists, " ") + " (as stem tables, weights/vocab.tsv)"},
			{Key: "cv", Value: cv.String()},
			{Key: "l2", Value: fmt.Sprint(opts.L2)},
		},
		Lexicons:    opts.Lexicons,
		Threshold:   cv.Threshold,
		Valence:     cv.Valence,
		Unlisted:    cv.Unlisted,
		PerSentence: opts.PerSentence,
		Word:        word,
		Sentence:    sent,
		Vocab:       vocab,
	}
	return m, cv, nil
}

func countBiased(ds *Dataset) int {
	n := 0
	for _, s := range ds.Sent {
		if s.biased == 1 {
			n++
		}
	}
	return n
}

// ModelReport is what `framing model eval` measures: cross-validation
// grouped by article and by topic, and, on request, an ablation.
type ModelReport struct {
	Data      string      `json:"data"`
	ByArticle *CVResult   `json:"by_article"`
	ByTopic   *CVResult   `json:"by_topic"`
	Ablation  []Ablation  `json:"ablation,omitempty"`
	Options   TrainReport `json:"options"`
}

// TrainReport records the options of a training.
type TrainReport struct {
	Lexicons []string `json:"lexicons"`
	Lists    []string `json:"lists"`
	L2       float64  `json:"l2"`
	Folds    int      `json:"folds"`
}

// Ablation is the cross-validation of the model without one group of
// features.
type Ablation struct {
	Without   string  `json:"without"`
	Features  int     `json:"features"`
	TokenAUC  float64 `json:"token_auc"`
	SentAUC   float64 `json:"sentence_auc"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// FeatureGroups are the groups of word features an ablation leaves out, by
// the prefix of their names.
var FeatureGroups = []struct{ Name, Prefix string }{
	{"framing and news lexicons", "lex:framing/|lex:news/|lex:weight"},
	{"valence and vader", "lex:valence/|lex:vader"},
	{"bsd lexicon", "lex:bsd/"},
	{"recasens lexicons", "lex:recasens/"},
	{"MBIC bias lexicon", "lex:mbic/"},
	{"part of speech", "pos:"},
	{"shape and suffixes", "shape:|suffix:"},
	{"rarity", "rare"},
	{"names", "name:"},
	{"voice", "voice:"},
	{"report verbs", "cue:"},
	{"neighbours", "near:|sentence:|syntax:"},
}

// EvaluateModel cross-validates the model opts describes on the MBIC data
// in dir, by article and by topic, and with ablation set, once without each
// group of FeatureGroups.
func EvaluateModel(sents []MBICSentence, arts []MBICArticle, opts TrainOptions, ablation bool) (*ModelReport, error) {
	opts = opts.withDefaults()
	vocab, err := BuildVocab(arts, opts.Lists, opts.BiasLexicon)
	if err != nil {
		return nil, err
	}
	a, err := NewTrainingAnalyzer(opts, vocab)
	if err != nil {
		return nil, err
	}
	lists := slices.Clone(opts.Lists)
	if opts.BiasLexicon != nil {
		lists = append(lists, "mbic bias-lexicon.txt")
	}
	rep := &ModelReport{Options: TrainReport{Lexicons: opts.Lexicons, Lists: lists, L2: opts.L2, Folds: opts.Folds}}
	ds := BuildDataset(a, sents, opts)
	for _, topic := range []bool{false, true} {
		f, k := ds.Folds(topic, opts.Folds)
		res, err := CrossValidate(ds, f, k, opts)
		if err != nil {
			return nil, err
		}
		res.TokenP, res.SentP = nil, nil
		if topic {
			rep.ByTopic = res
		} else {
			rep.ByArticle = res
		}
	}
	if !ablation {
		return rep, nil
	}
	for _, g := range FeatureGroups {
		o := opts
		prefixes := strings.Split(g.Prefix, "|")
		o.Drop = func(name string) bool {
			for _, p := range prefixes {
				if strings.HasPrefix(name, p) {
					return true
				}
			}
			return false
		}
		dsx := BuildDataset(a, sents, o)
		f, k := dsx.Folds(false, o.Folds)
		res, err := CrossValidate(dsx, f, k, o)
		if err != nil {
			return nil, err
		}
		rep.Ablation = append(rep.Ablation, Ablation{Without: g.Name, Features: len(dsx.Names), TokenAUC: res.TokenAUC,
			SentAUC: res.SentAUC, Precision: res.Content.Precision, Recall: res.Content.Recall})
	}
	return rep, nil
}
