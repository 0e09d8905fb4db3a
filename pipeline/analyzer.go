package pipeline

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/freelist"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/actors"
	"github.com/framing/framing/pipeline/voice"
	"github.com/framing/framing/reports"
)

// Analyzer holds what every stage shares: prose's models (loaded once per
// process) and the compiled lexicons (loaded once per run). It never changes
// after NewAnalyzer, so any number of workers may call its stage methods.
type Analyzer struct {
	tok      *tokenize.Tokenizer
	seg      *tokenize.Segmenter
	tag      *tokenize.Tagger
	stemmer  *tokenize.Stemmer // shared by the stem stage's workers
	lexicons []*lexicons.Lexicon
	matcher  *lexicons.Matcher
	cats     []*lexicons.Category // sorted by id: the order of every category vector
	catIndex map[*lexicons.Category]int
	voice    *voice.Analyzer
	actors   *actors.Analyzer
	ner      *actors.Recognizer // nil when entity recognition is off
	gaz      map[string]*lexicons.Gazetteer
	cueSHA   string
	spans    *reports.SpanTable // numbers the strings of record indexes
	// tokenBufs are token arrays of finished documents (Release), reused
	// by Segment: a document's tokens were a sixth of a run's allocations.
	tokenBufs freelist.List[[]tokenize.Token]
	// stages are the per-article stages between Segment and Summarize, in
	// order (see Stages).
	stages    []Stage
	vocabBufs freelist.List[vocabCounts] // Summarize's counters (countVocabulary)
	model     *model.Model
	scorer    string
	feats     *featureSpace
}

// maxTokenBuf is the largest token array kept for reuse (about 5.8 MB):
// a huge article's tokens go back to the collector.
const maxTokenBuf = 1 << 16

// Setup is what an Analyzer is built from.
type Setup struct {
	Tok      *tokenize.Tokenizer
	Lexicons []*lexicons.Lexicon // scoring lexicons
	Cues     *lexicons.Lexicon   // the cue list: report verbs, negations, titles, harm verbs
	// Gazetteers by event, with the shared one under "" (lexicons.LoadGazetteers).
	Gazetteers map[string]*lexicons.Gazetteer
	// NER turns on prose's entity recognizer, which only suggests names the
	// gazetteers lack (unlinked entities). It is ~95% of the cost of a run.
	NER bool
	// VoiceOff switches voice rules off, for an ablation.
	VoiceOff []voice.Rule
	// Model is the loadedness model (nil: model.Default()); Scorer says
	// whether it decides what counts as loaded (ScorerModel, the default)
	// or every lexicon match of a loaded category counts (ScorerLexicon).
	Model  *model.Model
	Scorer string
}

// The scorers: what decides that a word counts as loaded.
const (
	// ScorerModel: the loadedness model accepts a word (its probability at
	// or above the model's threshold); lexicon matches it rejects stay in
	// the records, not counted.
	ScorerModel = "model"
	// ScorerLexicon: every match of a loaded category counts, as LIWC and
	// quanteda count: for LIWC-style counts and for ablations.
	ScorerLexicon = "lexicon"
)

// NewAnalyzer loads prose's models and compiles the lexicons, the cue list
// and the gazetteers.
func NewAnalyzer(s Setup) (*Analyzer, error) {
	seg, err := tokenize.NewSegmenter()
	if err != nil {
		return nil, fmt.Errorf("loading sentence model: %w", err)
	}
	tag, err := tokenize.NewTagger()
	if err != nil {
		return nil, fmt.Errorf("loading part-of-speech model: %w", err)
	}
	va, err := voice.NewWith(s.Cues, voice.Options{Disabled: s.VoiceOff})
	if err != nil {
		return nil, err
	}
	aa, err := actors.New(s.Cues)
	if err != nil {
		return nil, err
	}
	a := &Analyzer{tok: s.Tok, seg: seg, tag: tag, stemmer: &tokenize.Stemmer{},
		catIndex: map[*lexicons.Category]int{}, voice: va, actors: aa, gaz: s.Gazetteers, cueSHA: s.Cues.SHA256}
	if s.NER {
		if a.ner, err = actors.NewRecognizer(tag); err != nil {
			return nil, fmt.Errorf("loading entity model: %w", err)
		}
	}
	features, err := a.setupModel(s)
	if err != nil {
		return nil, err
	}
	// One matcher for the scoring lexicons and the model's feature
	// lexicons: the feature lexicons are the built-in scoring ones unless
	// the user chose others, and then they are matched once for both.
	all := slices.Clone(s.Lexicons)
	featureCat := map[*lexicons.Category]bool{}
	for _, l := range features {
		if !slices.Contains(all, l) {
			all = append(all, l)
		}
		for _, c := range l.Categories {
			featureCat[c] = true
		}
	}
	a.matcher = lexicons.Compile(all...)
	// The scoring lexicons, then framing's own categories: the rules', and
	// the model's when it scores.
	rules := rulesLexicon(s.Cues)
	a.lexicons = append(slices.Clone(s.Lexicons), rules)
	var unlisted *lexicons.Category
	if a.scorer == ScorerModel {
		ml := modelLexicon(a.model)
		a.lexicons = append(a.lexicons, ml)
		unlisted = ml.Categories[0]
	}
	a.cats = lexicons.SortedCategories(a.lexicons)
	for i, c := range a.cats {
		a.catIndex[c] = i
	}
	rank := map[*lexicons.Category]int{}
	for _, l := range a.lexicons {
		for _, c := range l.Categories {
			rank[c] = len(rank)
		}
	}
	score := scoreStage{scorer: a.scorer, feats: a.feats, m: a.model, unlisted: unlisted, rule: rules.Categories[0], legal: newLegalTerms(s.Cues)}
	if a.scorer == ScorerModel {
		if score.word, err = a.model.Word.Compile(a.feats.names); err != nil {
			return nil, fmt.Errorf("loadedness model: %w", err)
		}
		if score.sent, err = a.model.Sentence.Compile(model.SentenceNames(a.feats.names)); err != nil {
			return nil, fmt.Errorf("loadedness model: %w", err)
		}
	}
	a.stages = []Stage{stemStage{a.stemmer}, matchStage{a.matcher, rank, featureCat}, voiceStage{a.voice, rules.Categories[0]}, actorsStage{a}, score}
	if a.ner != nil {
		a.stages = append(a.stages, nerStage{a.ner})
	}
	a.spans = newSpanTable(a.lexicons, a.cats)
	return a, nil
}

// newSpanTable numbers every string a hit's index can hold: its field, its
// category and its lexicon entry. The order follows the lexicons, which
// the cache and snapshot keys cover, so numbers stored there stay right.
func newSpanTable(lexs []*lexicons.Lexicon, cats []*lexicons.Category) *reports.SpanTable {
	strs := []string{"body", "title"}
	for _, c := range cats {
		strs = append(strs, c.ID)
	}
	for _, l := range lexs {
		for _, e := range l.Entries {
			strs = append(strs, e.Term)
		}
	}
	return reports.NewSpanTable(strs)
}

// GazetteerHash identifies the gazetteer of an event, for cache keys.
func (a *Analyzer) GazetteerHash(event string) string {
	if g := a.Gazetteer(event); g != nil {
		return g.SHA256
	}
	return ""
}

// Gazetteer is the gazetteer for an article's event: its own, else the
// corpus-wide one (nil when there is none).
func (a *Analyzer) Gazetteer(event string) *lexicons.Gazetteer {
	if g, ok := a.gaz[event]; ok {
		return g
	}
	return a.gaz[""]
}

// Categories returns every category in the order used by category vectors.
func (a *Analyzer) Categories() []*lexicons.Category { return a.cats }

// VoiceRules are the voice rules, in precedence order, and those off.
func (a *Analyzer) VoiceRules() reports.VoiceRulesInfo {
	info := reports.VoiceRulesInfo{Rules: []string{}, Disabled: []string{}}
	for _, r := range voice.Rules() {
		info.Rules = append(info.Rules, string(r))
		if !a.voice.On(r) {
			info.Disabled = append(info.Disabled, string(r))
		}
	}
	return info
}

// Lexicons returns the lexicons in use.
func (a *Analyzer) Lexicons() []*lexicons.Lexicon { return a.lexicons }

// CategoryIndex is a category's place in Categories, -1 when it is none of
// the analyzer's.
func (a *Analyzer) CategoryIndex(c *lexicons.Category) int {
	if i, ok := a.catIndex[c]; ok {
		return i
	}
	return -1
}

// Tokenizer is the word tokenizer the lexicons were compiled with.
func (a *Analyzer) Tokenizer() *tokenize.Tokenizer { return a.tok }

// Spans numbers the strings of the record indexes (see newSpanTable).
func (a *Analyzer) Spans() *reports.SpanTable { return a.spans }

// CueSHA256 identifies the cue list, for cache and partial keys.
func (a *Analyzer) CueSHA256() string { return a.cueSHA }

// GazetteerEvents are the events with a gazetteer of their own, and ""
// when there is a corpus-wide one.
func (a *Analyzer) GazetteerEvents() map[string]bool {
	out := map[string]bool{}
	for ev := range a.gaz {
		out[ev] = true
	}
	return out
}

// Analyze runs every per-article stage in sequence: what AnalyzeCorpus does in parallel
// for a corpus, for one article (tests, lexicon evaluation).
func (a *Analyzer) Analyze(art *corpus.Article, relPath string) *ArticleResult {
	d := a.Segment(art)
	for _, st := range a.stages {
		st.Run(d)
	}
	r := a.Summarize(d, relPath)
	a.Release(d)
	return r
}

// dropBuffers drops the arrays and counters kept for reuse (Release,
// countVocabulary): they serve while articles flow, and nothing after.
func (a *Analyzer) dropBuffers() {
	a.tokenBufs.Drain()
	a.vocabBufs.Drain()
}

// Release hands a summarized document's token array back for reuse by
// Segment. Neither d nor its tokens may be used afterwards (an
// ArticleResult holds none).
func (a *Analyzer) Release(d *Doc) {
	toks := d.Tokens
	d.Tokens = nil
	if cap(toks) == 0 || cap(toks) > maxTokenBuf {
		return
	}
	clear(toks) // the strings point into the text, which must not stay alive
	toks = toks[:0]
	a.tokenBufs.Put(&toks)
}

// Segment is the segment+tokenize+tag stage: it builds the text to analyse,
// splits it into blocks and sentences, tokenizes each sentence and tags it,
// and excludes what is not the article's prose (see exclude).
func (a *Analyzer) Segment(art *corpus.Article) *Doc {
	d := &Doc{Article: art}
	d.Text, d.BodyStart = ComposeText(art)
	d.Blocks = tokenize.Blocks(d.Text)
	headlineBlocks := headlineBlocks(d)
	// About one token per 5 bytes of news text: one allocation, rarely
	// two, and none when a released document's array is large enough.
	need := len(d.Text)/5 + 16
	if buf := a.tokenBufs.Get(); buf != nil && cap(*buf) >= need {
		d.Tokens = *buf
	} else {
		d.Tokens = make([]tokenize.Token, 0, need)
	}
	for bi, b := range d.Blocks {
		for _, s := range a.seg.Sentences(d.Text, b) {
			first := len(d.Tokens)
			d.Tokens = a.tok.Append(d.Tokens, d.Text[s.Start:s.End], s.Start)
			a.tag.Tag(d.Tokens[first:])
			d.Sentences = append(d.Sentences, tokenize.Sentence{Start: s.Start, End: s.End, Block: bi,
				Tokens: tokenize.Span{Start: first, End: len(d.Tokens)}, Headline: headlineBlocks[bi]})
		}
	}
	a.exclude(d, headlineBlocks)
	return d
}

// Excluded is a stretch of a Doc that is not the article's prose: its words
// are neither counted nor matched (reports.ExcludedSpan says why).
type Excluded struct {
	Start, End int // byte offsets into Doc.Text
	Reason     string
	Tokens     int // word tokens demoted
}

// exclude demotes what is not the article's prose (voice rule r7, page chrome), and
// records where and why, so reports can show it as excluded:
//   - a section heading ("=== Warnings of terrorist attack ===", "## Brutal
//     crackdown") is structure: it labels the section whose prose is
//     counted below it. The headline is different: readers read it first,
//     and it is counted (METHODS §2);
//   - a line of page chrome ("JUST WATCHED … Replay More Videos", "READ
//     MORE: …", "Photos: …"), by the cue list's chrome phrases;
//   - every copy after the first of a run of words repeated verbatim
//     (tokenize.MarkRepeats: gallery strips).
func (a *Analyzer) exclude(d *Doc, headline []bool) {
	lineExcluded := make([]bool, len(d.Blocks))
	for i := 0; i < len(d.Sentences); {
		bi := d.Sentences[i].Block
		j := i
		for j < len(d.Sentences) && d.Sentences[j].Block == bi {
			j++
		}
		b := d.Blocks[bi]
		reason := ""
		switch {
		case headline[bi]:
		case b.Heading:
			reason = reports.ExcludedHeading
		case a.voice.Chrome(d.Text[b.Start:b.End]):
			reason = reports.ExcludedChrome
		}
		if reason != "" {
			toks := d.Tokens[d.Sentences[i].Tokens.Start:d.Sentences[j-1].Tokens.End]
			d.Excluded = append(d.Excluded, Excluded{Start: b.Start, End: b.End, Reason: reason, Tokens: tokenize.Exclude(toks)})
			lineExcluded[bi] = true
		}
		i = j
	}
	if tokenize.MarkRepeats(d.Tokens) == 0 {
		return
	}
	// The repeated runs: demoted words outside excluded lines, one span per
	// run of them within a line (punctuation between them joins the run).
	var runs []Excluded
	last := -1 // token index of the last word added to a run
	for _, s := range d.Sentences {
		if lineExcluded[s.Block] {
			continue
		}
		for i := s.Tokens.Start; i < s.Tokens.End; i++ {
			t := d.Tokens[i]
			if t.Word {
				last = -1
			}
			if !t.Excluded {
				continue
			}
			if n := len(runs); last >= 0 && d.Sentences[sentenceOfToken(d, last)].Block == s.Block {
				runs[n-1].End = t.End
				runs[n-1].Tokens++
			} else {
				runs = append(runs, Excluded{Start: t.Start, End: t.End, Reason: reports.ExcludedRepeated, Tokens: 1})
			}
			last = i
		}
	}
	d.Excluded = append(d.Excluded, runs...)
	sort.SliceStable(d.Excluded, func(i, j int) bool { return d.Excluded[i].Start < d.Excluded[j].Start })
}

// sentenceOfToken is the index of the sentence holding token i.
func sentenceOfToken(d *Doc, i int) int {
	return sort.Search(len(d.Sentences), func(k int) bool { return d.Sentences[k].Tokens.End > i })
}

// ComposeText decides what is analysed, and returns it with the offset of
// the body in it. A headline frames a story more than
// any sentence under it (METHODS §2), so the title is analysed too; but many
// sources repeat it as the body's first line ("# Pakistani army opens fire
// ..."), and analysing it twice would count its words twice. So the title is
// prepended only when the body does not open with it.
func ComposeText(art *corpus.Article) (string, int) {
	if art.Title == "" || opensWithTitle(art.Body, art.Title) {
		return art.Body, 0
	}
	return art.Title + "\n\n" + art.Body, len(art.Title) + 2
}

func opensWithTitle(body, title string) bool {
	for _, line := range strings.Split(body, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		return wordsOf(line) == wordsOf(title)
	}
	return false
}

// wordsOf reduces a line to its words, so "# Title." equals "Title".
func wordsOf(s string) string {
	var b strings.Builder
	space := false
	for _, r := range tokenize.Fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		default:
			space = true
		}
	}
	return b.String()
}

// headlineBlocks marks the blocks that are headline: the title (when it was
// prepended), and the body's first block when it is a heading or repeats the
// title. A lead paragraph is not a headline, even though it comes first.
func headlineBlocks(d *Doc) []bool {
	marks := make([]bool, len(d.Blocks))
	firstBody := -1
	for i, b := range d.Blocks {
		if b.Start < d.BodyStart {
			marks[i] = true
			continue
		}
		if firstBody < 0 {
			firstBody = i
		}
	}
	if firstBody >= 0 {
		b := d.Blocks[firstBody]
		if b.Heading || wordsOf(d.Text[b.Start:b.End]) == wordsOf(d.Article.Title) {
			marks[firstBody] = true
		}
	}
	return marks
}

// speakerActor resolves a hit's speaker: an actor named in the speaker's
// phrase ("Interior Minister Mohsin Naqvi"), else the actor whose alias the
// normalised speaker is ("Naqvi").
func (a *Analyzer) speakerActor(d *Doc, g *lexicons.Gazetteer, l voice.Label) *lexicons.Actor {
	if l.Speaker == "" {
		return nil
	}
	for _, m := range d.Mentions {
		if m.First < l.Subject.End && m.Last >= l.Subject.Start {
			return m.Actor
		}
	}
	return g.Lookup(l.Speaker, a.tok)
}

// hitActor is the actor a hit attaches to: among the actors named in the
// hit's clause (its speaker excepted: a speaker says the word, it is not
// about them), the clause's grammatical subject if that is one of them, else
// the one named nearest the hit.
func hitActor(d *Doc, h *Hit) *lexicons.Actor {
	clause := d.Clauses[h.First]
	var best *lexicons.Actor
	bestDist := -1
	for _, m := range d.Mentions {
		if d.Clauses[m.First] != clause || m.Actor == h.SpeakerActor {
			continue
		}
		if m.First <= h.Last && m.Last >= h.First {
			continue // the hit is the mention ("US-backed")
		}
		if isClauseSubject(d, m) {
			return m.Actor
		}
		dist := m.First - h.Last
		if m.Last < h.First {
			dist = h.First - m.Last
		}
		if bestDist < 0 || dist < bestDist {
			best, bestDist = m.Actor, dist
		}
	}
	return best
}

// isClauseSubject reports whether a mention opens its clause's subject: the
// clause's first noun phrase, followed by its verb.
func isClauseSubject(d *Doc, m actors.Mention) bool {
	start := m.First
	for start > 0 && d.Clauses[start-1] == d.Clauses[m.First] && (d.Tokens[start-1].Tag == "DT" || d.Tokens[start-1].Tag == "JJ" || d.Tokens[start-1].Tag == "POS" || !d.Tokens[start-1].Word) {
		start--
	}
	if start > 0 && d.Clauses[start-1] == d.Clauses[m.First] {
		return false // something else comes first in the clause
	}
	next := m.Last + 1
	return next < len(d.Tokens) && d.Clauses[next] == d.Clauses[m.First] && strings.HasPrefix(d.Tokens[next].Tag, "VB")
}

// setupModel loads the loadedness model's feature lexicons and compiles its
// feature space.
func (a *Analyzer) setupModel(s Setup) ([]*lexicons.Lexicon, error) {
	a.scorer = s.Scorer
	switch a.scorer {
	case "":
		a.scorer = ScorerModel
	case ScorerModel, ScorerLexicon:
	default:
		return nil, fmt.Errorf("scorer %q: want %s or %s", s.Scorer, ScorerModel, ScorerLexicon)
	}
	a.model = s.Model
	if a.model == nil {
		m, err := model.Default()
		if err != nil {
			return nil, fmt.Errorf("loadedness model: %w", err)
		}
		a.model = m
	}
	if a.scorer == ScorerLexicon {
		// Lexicon counting reads no model feature.
		a.feats = newFeatureSpace(nil, a.model)
		return nil, nil
	}
	var lexs []*lexicons.Lexicon
	for _, name := range a.model.Lexicons {
		l, probs := lexicons.Loader{Tok: a.tok}.LoadOne(name)
		if l == nil {
			return nil, fmt.Errorf("loadedness model: feature lexicon %s: %w", name, errors.Join(problemErrors(probs)...))
		}
		// The same file among the scoring lexicons is the same lexicon.
		if i := slices.IndexFunc(s.Lexicons, func(x *lexicons.Lexicon) bool { return x.SHA256 == l.SHA256 }); i >= 0 {
			l = s.Lexicons[i]
		}
		lexs = append(lexs, l)
	}
	a.feats = newFeatureSpace(lexs, a.model)
	return lexs, nil
}

// Scorer is what decides that a word counts as loaded: ScorerModel or
// ScorerLexicon.
func (a *Analyzer) Scorer() string { return a.scorer }

// FeatureNames are the loadedness model's word features, in vector order.
func (a *Analyzer) FeatureNames() []string { return a.feats.Names() }

// NonNegativeFeatures says which word features are memberships of curated
// loaded categories, whose weights may not be negative.
func (a *Analyzer) NonNegativeFeatures() []bool { return a.feats.NonNegative() }

// WordFeatures are the feature vectors of d's tokens (nil for a token that
// is not scored: punctuation, function words, what is not prose).
func (a *Analyzer) WordFeatures(d *Doc) [][]float64 { return a.feats.wordFeatures(d) }

// AnalyzeDoc runs Segment and every stage over one article and returns the
// document, for training and tests; Analyze is the same to the end.
func (a *Analyzer) AnalyzeDoc(art *corpus.Article) *Doc {
	d := a.Segment(art)
	for _, st := range a.stages {
		st.Run(d)
	}
	return d
}
