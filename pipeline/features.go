package pipeline

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/voice"
)

// The word features of the loadedness model. They describe a word in its
// sentence in general terms — which curated lists hold it, what part of
// speech it is, its shape, how rare it is in news, whose voice it is in,
// what stands near it — and never the word itself: the model must carry to
// outlets, years and topics it was not trained on, and word identities are
// what a model overfits to one corpus's topics.
//
// Names are stable: the weights file refers to them.
const (
	fWeight     = "lex:weight"    // the highest intensity weight of a loaded or valence entry holding it (0-1)
	fVader      = "lex:vader"     // its VADER |valence|, 0-1
	fRare       = "rare"          // rarity in news text, 0 (in every document) to 1 (in none)
	fUnseen     = "rare:unseen"   // its stem is in no document of the commonness table
	fCapMid     = "shape:cap"     // capitalised, not first in its sentence, not in a title-case headline
	fAllCaps    = "shape:allcaps" // written in capitals (two letters or more)
	fDigit      = "shape:digit"   // holds a digit
	fHyphen     = "shape:hyphen"  // a hyphenated compound
	fFirst      = "shape:first"   // the first word of its sentence
	fLong       = "shape:long"    // nine letters or more
	fNameRun    = "name:run"      // inside a run of two or more capitalised words (a name or a title)
	fMention    = "name:actor"    // inside a gazetteer actor's name
	fHeadline   = "headline"      // in the headline
	fQuoted     = "voice:quoted"  // inside quotation marks
	fAttributed = "voice:attributed"
	fNegated    = "voice:negated"
	fDistanced  = "voice:distanced"
	fCueLoaded  = "cue:loaded"  // the author's choice of a loaded report verb (claimed, insisted)
	fCueNeutral = "cue:neutral" // a neutral report verb (said)
	fAfterCue   = "cue:after"   // within three words after a report verb
	fHedgeNear  = "near:hedge"  // a hedge or doubt marker within three words
	fBoostNear  = "near:boost"  // an amplifier, intensifier or certainty marker within three words

	// Rarity by part of speech: a rare adjective or adverb is more often
	// evaluative than a rare noun (which is more often a name or a term).
	fRareAdj  = "rare:adj"
	fRareAdv  = "rare:adv"
	fRareVerb = "rare:verb"
	fRareNoun = "rare:noun"
)

// posFeatures map a Penn tag to its coarse class.
var posClasses = []struct{ feature, tags string }{
	{"pos:adj", "JJ"}, {"pos:adj-degree", "JJR JJS"}, {"pos:adv", "RB"}, {"pos:adv-degree", "RBR RBS"},
	{"pos:verb", "VB VBP VBZ"}, {"pos:verb-past", "VBD VBN"}, {"pos:verb-ing", "VBG"},
	{"pos:noun", "NN"}, {"pos:noun-plural", "NNS"}, {"pos:proper", "NNP NNPS"},
}

// suffixClasses are derivational endings that mark evaluative or
// ideological words (-ous, -ist) or manner (-ly).
var suffixClasses = []struct{ feature, endings string }{
	{"suffix:ly", "ly"}, {"suffix:ous", "ous"}, {"suffix:ive", "ive"}, {"suffix:ful", "ful"}, {"suffix:less", "less"},
	{"suffix:ic", "ic ical"}, {"suffix:ist", "ist ists"}, {"suffix:ism", "ism isms"}, {"suffix:ize", "ize ise izes ises ized ised"},
	{"suffix:est", "est"}, {"suffix:ed", "ed"}, {"suffix:ing", "ing"},
}

// functionTag reports whether a Penn tag is a closed-class part of speech:
// such a word is never loaded by itself (a loaded phrase's "the" or "of" is
// the phrase's), so it is not scored. A switch, not a map: it runs for every
// token, several times.
func functionTag(tag string) bool {
	switch tag {
	case "DT", "PDT", "IN", "CC", "TO", "PRP", "PRP$", "WP", "WP$", "WDT", "WRB", "EX", "MD", "POS", "RP", "CD", "SYM", "LS", "UH":
		return true
	}
	return false
}

// Scoreable reports whether a token is scored for loadedness: a word of the
// prose that is not a function word.
func Scoreable(t tokenize.Token) bool { return t.Word && !t.Excluded && !functionTag(t.Tag) }

// featureSpace is the word features: their names, in vector order, and
// where each feature lexicon category's membership goes.
type featureSpace struct {
	names    []string
	index    map[string]int
	fixedAt  int                        // the index of the first fixed feature (fixedNames)
	catIdx   map[*lexicons.Category]int // category -> feature index
	stems    map[string]*stemInfo       // what the commonness table and the research lists say of a stem
	prefix   map[string][]prefixFeature // the research lists' prefix entries, by first two bytes
	suffixes []suffixFeature
	hedge    map[*lexicons.Category]bool
	graded   map[*lexicons.Category]bool // categories whose entries' weights grade intensity
	boost    map[*lexicons.Category]bool
	pos      map[string]int
	unseen   stemInfo // a stem in no document of the commonness table and no list
}

// stemInfo is what the vocabulary says of a stem, looked up once a word.
type stemInfo struct {
	rarity float64 // 0 (in every document of the commonness table) to 1 (in none)
	seen   bool    // in some document of the table
	lists  []listFeature
}

// fixed numbers the features every model has, whatever its lexicons, in
// vector order (fixedNames).
type fixed int

const (
	kWeight fixed = iota
	kVader
	kRare
	kUnseen
	kCapMid
	kAllCaps
	kDigit
	kHyphen
	kFirst
	kLong
	kNameRun
	kMention
	kHeadline
	kQuoted
	kAttributed
	kNegated
	kDistanced
	kCueLoaded
	kCueNeutral
	kAfterCue
	kHedgeNear
	kBoostNear
	kRareAdj
	kRareAdv
	kRareVerb
	kRareNoun
	numFixed
)

var fixedNames = [numFixed]string{kWeight: fWeight, kVader: fVader, kRare: fRare, kUnseen: fUnseen, kCapMid: fCapMid,
	kAllCaps: fAllCaps, kDigit: fDigit, kHyphen: fHyphen, kFirst: fFirst, kLong: fLong, kNameRun: fNameRun,
	kMention: fMention, kHeadline: fHeadline, kQuoted: fQuoted, kAttributed: fAttributed, kNegated: fNegated,
	kDistanced: fDistanced, kCueLoaded: fCueLoaded, kCueNeutral: fCueNeutral, kAfterCue: fAfterCue,
	kHedgeNear: fHedgeNear, kBoostNear: fBoostNear, kRareAdj: fRareAdj, kRareAdv: fRareAdv, kRareVerb: fRareVerb,
	kRareNoun: fRareNoun}

type suffixFeature struct {
	ending  string
	feature int
}

// listFeature is a research list's category for a stem: the feature it
// sets, and the entry's weight.
type listFeature struct {
	feature int
	weight  float64
	vader   bool
	loaded  bool
	hedge   bool
}

type prefixFeature struct {
	prefix string
	listFeature
}

// listLoaded are the research lists' categories of a scoring kind.
var listLoaded = map[string]bool{"bsd/partisan": true, "bsd/value_laden": true, "bsd/figurative": true,
	"vader/positive": true, "vader/negative": true, "vader/neutral": true, "recasens/npov-bias": true}

// hedgeCategories and boostCategories are the feature lexicons' categories
// of hedges and doubt, and of amplifiers and certainty, by local id.
var (
	hedgeCategories = []string{"framing/hedges", "news/doubt", "bsd/doubt_markers", "recasens/hedges"}
	boostCategories = []string{"framing/certainty", "framing/intensifiers", "news/amplifiers"}
)

// newFeatureSpace builds the features over the feature lexicons lexs.
func newFeatureSpace(lexs []*lexicons.Lexicon, m *model.Model) *featureSpace {
	fs := &featureSpace{index: map[string]int{}, catIdx: map[*lexicons.Category]int{}, hedge: map[*lexicons.Category]bool{},
		graded: map[*lexicons.Category]bool{}, boost: map[*lexicons.Category]bool{}, pos: map[string]int{}, prefix: map[string][]prefixFeature{}}
	add := func(name string) int {
		if i, ok := fs.index[name]; ok {
			return i
		}
		fs.index[name] = len(fs.names)
		fs.names = append(fs.names, name)
		return len(fs.names) - 1
	}
	for _, l := range lexs {
		for _, c := range l.Categories {
			fs.catIdx[c] = add("lex:" + c.ID)
			fs.hedge[c] = slices.Contains(hedgeCategories, c.ID)
			fs.boost[c] = slices.Contains(boostCategories, c.ID)
			// framing's own lexicons and the valence list grade their
			// entries; the research lists give every entry weight 1.
			fs.graded[c] = c.Kind.Scoring()
		}
	}
	// The research lists' categories, in the vocabulary's order. Their kinds
	// are their lexicons' (lists of sentiment and value-laden words are
	// loaded; hedges, presupposition, attribution are epistemic).
	listFeat := map[string]listFeature{}
	if m.Vocab != nil {
		for _, cat := range m.ListCategories() {
			listFeat[cat] = listFeature{feature: add("lex:" + cat), vader: strings.HasPrefix(cat, "vader/"),
				loaded: listLoaded[cat], hedge: slices.Contains(hedgeCategories, cat)}
		}
		fs.stems = map[string]*stemInfo{}
		for stem, es := range m.Lists {
			info := fs.stem(m.Vocab, stem)
			for _, e := range es {
				f := listFeat[e.Category]
				f.weight = e.Weight
				info.lists = append(info.lists, f)
			}
		}
		for stem := range m.Common {
			fs.stem(m.Vocab, stem)
		}
		for _, p := range m.Prefixes {
			f := listFeat[p.Category]
			f.weight = p.Weight
			key := p.Prefix[:2]
			fs.prefix[key] = append(fs.prefix[key], prefixFeature{p.Prefix, f})
		}
	}
	fs.fixedAt = len(fs.names)
	for k, name := range fixedNames {
		if add(name) != fs.fixedAt+k {
			// A lexicon category named like a fixed feature: impossible,
			// since category features are prefixed "lex:" and fixed ones
			// that are lex:weight and lex:vader are ids no lexicon may use.
			panic("pipeline: feature " + name + " named twice")
		}
	}
	for _, p := range posClasses {
		i := add(p.feature)
		for _, t := range strings.Fields(p.tags) {
			fs.pos[t] = i
		}
	}
	for _, sc := range suffixClasses {
		i := add(sc.feature)
		for _, e := range strings.Fields(sc.endings) {
			fs.suffixes = append(fs.suffixes, suffixFeature{e, i})
		}
	}
	fs.unseen = stemInfo{rarity: 1}
	return fs
}

// Names are the features in vector order.
func (fs *featureSpace) Names() []string { return fs.names }

// NonNegative says which features are memberships of curated loaded or
// valence categories: evidence for loadedness, never against it.
func (fs *featureSpace) NonNegative() []bool {
	out := make([]bool, len(fs.names))
	for c, i := range fs.catIdx {
		curated := strings.HasPrefix(c.ID, "framing/") || strings.HasPrefix(c.ID, "news/")
		if curated && c.Kind == lexicons.Loaded {
			out[i] = true
		}
	}
	out[fs.index[fWeight]] = true
	return out
}

// docContext is what the word features read of a whole document, found
// once: each token's feature-lexicon memberships and research-list
// categories, whether it is a hedge or a booster, in an actor's name or a
// multi-word name, a report verb, and its voice. The features of a word
// then read its own and its neighbours' entries instead of looking them up
// again for every word whose window holds them.
type docContext struct {
	tok  []tokenContext
	cues []int // report cues per sentence
}

type tokenContext struct {
	members []member
	info    *stemInfo // of a word token (nil for the others)
	lists   []listFeature
	voice   string // of a scored word, once asked for (docContext.voiceOf)
	cue     int8   // 1 neutral report cue, 2 loaded, in the author's voice
	hedge   bool
	boost   bool
	mention bool
	name    bool
}

// voiceOf is token i's voice, found the first time it is asked for: only
// scored words read it.
func (c *docContext) voiceOf(d *Doc, i int) string {
	tc := &c.tok[i]
	if tc.voice == "" && d.Voice != nil {
		tc.voice = d.Voice.Label(i, i).Voice
	}
	return tc.voice
}

// candidate reports whether token i is a word some list holds — a curated
// lexicon's category or a research list's — the only words the model may
// accept as loaded without a hit of their own: a word no list knows would
// be called loaded on its rarity alone, and rarity moves with the topic.
func (c *docContext) candidate(i int) bool {
	tc := &c.tok[i]
	return len(tc.members) > 0 || len(tc.lists) > 0
}

// member is a feature-lexicon category holding a token, with the entry's
// weight.
type member struct {
	cat    *lexicons.Category
	weight float64
}

func (fs *featureSpace) context(d *Doc) *docContext {
	c := &docContext{tok: make([]tokenContext, len(d.Tokens)), cues: make([]int, len(d.Sentences))}
	// The match stage found the memberships and the names.
	names := d.names
	if names == nil {
		names = nameRuns(d)
	}
	for i, t := range d.Tokens {
		tc := &c.tok[i]
		tc.name = names[i]
		if d.members != nil {
			tc.members = d.members[i]
		}
		for _, m := range tc.members {
			tc.hedge = tc.hedge || fs.hedge[m.cat]
			tc.boost = tc.boost || fs.boost[m.cat]
		}
		if !t.Word {
			continue
		}
		tc.info = fs.stemInfo(t.Stem)
		tc.lists = fs.withPrefixes(t, tc.info.lists)
		for _, f := range tc.lists {
			tc.hedge = tc.hedge || f.hedge
		}
	}
	for _, m := range d.Mentions {
		for i := m.First; i <= m.Last; i++ {
			c.tok[i].mention = true
		}
	}
	if d.Voice != nil {
		for _, at := range d.Voice.Attributions {
			if si := sentenceOfToken(d, at.Cue.First); si < len(c.cues) {
				c.cues[si]++
			}
			k := int8(1)
			if at.Cue.Mark == voice.MarkLoaded {
				k = 2
			}
			for i := at.Cue.First; i <= at.Cue.Last; i++ {
				c.tok[i].cue = k
			}
		}
	}
	return c
}

// wordFeatures computes the feature vector of every scoreable token of d
// (nil for the others), reading what the stages before wrote: tags, stems,
// voice labels, mentions. It holds every vector at once, which training
// wants; scoring reads one sentence at a time (sentenceFeatures).
func (fs *featureSpace) wordFeatures(d *Doc) [][]float64 {
	c := fs.context(d)
	out := make([][]float64, len(d.Tokens))
	for si, s := range d.Sentences {
		fs.sentenceFeatures(d, c, si, out[s.Tokens.Start:s.Tokens.End], nil, nil)
	}
	return out
}

// sentenceFeatures writes the vectors of sentence si's scoreable tokens
// that want accepts (every one when want is nil) into out (indexed by
// token from the sentence's first; nil for the others when want is nil,
// left as they are when it is not, so a second call adds to the first),
// carving them from buf
// when it is large enough, so that scoring a document allocates one
// sentence's vectors, not one per word. It returns what is left of buf.
func (fs *featureSpace) sentenceFeatures(d *Doc, c *docContext, si int, out [][]float64, buf []float64, want func(i int) bool) []float64 {
	s := d.Sentences[si]
	nf := len(fs.names)
	firstWord, lastCue := -1, -100
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		if want == nil {
			out[i-s.Tokens.Start] = nil
		}
		t := d.Tokens[i]
		if c.tok[i].cue > 0 {
			lastCue = i
		}
		if !t.Word {
			continue
		}
		if firstWord < 0 {
			firstWord = i
		}
		if !Scoreable(t) || want != nil && !want(i) {
			if want != nil && !Scoreable(t) {
				out[i-s.Tokens.Start] = nil
			}
			continue
		}
		var x []float64
		if len(buf) >= nf {
			x, buf = buf[:nf:nf], buf[nf:]
			clear(x)
		} else {
			x = make([]float64, nf)
		}
		fs.word(x, d, c, s, i, firstWord, lastCue)
		out[i-s.Tokens.Start] = x
	}
	return buf
}

// word fills x, the features of token i of sentence s.
func (fs *featureSpace) word(x []float64, d *Doc, c *docContext, s tokenize.Sentence, i, firstWord, lastCue int) {
	t := d.Tokens[i]
	tc := &c.tok[i]
	at := func(k fixed) *float64 { return &x[fs.fixedAt+int(k)] }
	for _, m := range tc.members {
		x[fs.catIdx[m.cat]] = 1
		if fs.graded[m.cat] {
			*at(kWeight) = math.Max(*at(kWeight), m.weight)
		}
	}
	for _, f := range tc.lists {
		x[f.feature] = 1
		if f.vader {
			*at(kVader) = math.Max(*at(kVader), f.weight)
		}
	}
	if j, ok := fs.pos[t.Tag]; ok {
		x[j] = 1
	}
	for _, sc := range fs.suffixes {
		if len(t.Norm) > len(sc.ending)+2 && strings.HasSuffix(t.Norm, sc.ending) {
			x[sc.feature] = 1
		}
	}
	info := tc.info
	rare := info.rarity
	*at(kRare) = rare
	if !info.seen {
		*at(kUnseen) = 1
	}
	switch {
	case strings.HasPrefix(t.Tag, "JJ"):
		*at(kRareAdj) = rare
	case strings.HasPrefix(t.Tag, "RB"):
		*at(kRareAdv) = rare
	case strings.HasPrefix(t.Tag, "VB"):
		*at(kRareVerb) = rare
	case t.Tag == "NN" || t.Tag == "NNS":
		*at(kRareNoun) = rare
	}
	flag := func(k fixed, on bool) {
		if on {
			*at(k) = 1
		}
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	flag(kCapMid, unicode.IsUpper(r) && i != firstWord && !s.Headline)
	flag(kAllCaps, allCaps(t.Text))
	flag(kDigit, strings.ContainsAny(t.Text, "0123456789"))
	flag(kHyphen, strings.Contains(t.Norm, "-"))
	flag(kFirst, i == firstWord)
	flag(kLong, utf8.RuneCountInString(t.Norm) >= 9)
	flag(kNameRun, tc.name)
	flag(kMention, tc.mention)
	flag(kHeadline, s.Headline)
	switch c.voiceOf(d, i) {
	case voice.Quoted:
		*at(kQuoted) = 1
	case voice.Attributed:
		*at(kAttributed) = 1
	case voice.Negated:
		*at(kNegated) = 1
	case voice.Distanced:
		*at(kDistanced) = 1
	}
	switch {
	case tc.cue == 2:
		*at(kCueLoaded) = 1
	case tc.cue == 1:
		*at(kCueNeutral) = 1
	case i-lastCue <= 3:
		*at(kAfterCue) = 1
	}
	for k := max(s.Tokens.Start, i-3); k < min(s.Tokens.End, i+4); k++ {
		if k != i {
			flag(kHedgeNear, c.tok[k].hedge)
			flag(kBoostNear, c.tok[k].boost)
		}
	}
}

// withPrefixes is out, the research lists' categories of t's stem, with
// those of the prefix entries t's folded form starts with (found by the
// form's first two bytes, since a prefix entry is at least that long).
func (fs *featureSpace) withPrefixes(t tokenize.Token, out []listFeature) []listFeature {
	if len(t.Norm) < 2 {
		return out
	}
	for _, p := range fs.prefix[t.Norm[:2]] {
		if strings.HasPrefix(t.Norm, p.prefix) {
			out = append(slices.Clip(out), p.listFeature)
		}
	}
	return out
}

// stemInfo is what the vocabulary says of stem.
func (fs *featureSpace) stemInfo(stem string) *stemInfo {
	if info, ok := fs.stems[stem]; ok {
		return info
	}
	return &fs.unseen
}

// stem is stem's entry, made when missing: its rarity is the log inverse
// document frequency of the commonness table, scaled to 0-1.
func (fs *featureSpace) stem(v *model.Vocab, stem string) *stemInfo {
	if info, ok := fs.stems[stem]; ok {
		return info
	}
	rareMax := math.Log(float64(v.Docs + 1))
	if rareMax == 0 {
		rareMax = 1
	}
	n, seen := v.Common[stem]
	info := &stemInfo{rarity: math.Log(float64(v.Docs+1)/float64(n+1)) / rareMax, seen: seen}
	fs.stems[stem] = info
	return info
}

func allCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// nameRuns marks the words inside a multi-word name or title: a run of two
// or more capitalised words, with "of", "the", "for", "and", "on" allowed
// inside ("Department of Justice", "National Counter Terrorism
// Authority"), that does not start its sentence with a word a sentence may
// start with anyway. A title-case headline, where every word is
// capitalised, has none.
func nameRuns(d *Doc) []bool {
	out := make([]bool, len(d.Tokens))
	for _, s := range d.Sentences {
		if titleCase(d, s) {
			continue
		}
		i := s.Tokens.Start
		for i < s.Tokens.End {
			if !capitalised(d.Tokens[i]) {
				i++
				continue
			}
			j, caps := i, 0
			last := i
			for j < s.Tokens.End {
				t := d.Tokens[j]
				if capitalised(t) {
					caps++
					last = j
				} else if !(t.Word && slices.Contains(nameJoiners, t.Norm) && j+1 < s.Tokens.End && capitalised(d.Tokens[j+1])) {
					break
				}
				j++
			}
			start := i
			if i == firstWordOf(d, s) && d.Tokens[i].Tag != "NNP" && d.Tokens[i].Tag != "NNPS" {
				// A sentence's first word is capitalised whatever it is:
				// "Riot police fired", "Terrorism charges were filed".
				start++
				caps--
			}
			if caps >= 2 {
				for k := start; k <= last; k++ {
					out[k] = true
				}
			}
			i = j + 1
		}
	}
	return out
}

var nameJoiners = []string{"of", "the", "for", "and", "on", "de", "al"}

func capitalised(t tokenize.Token) bool {
	if !t.Word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

func firstWordOf(d *Doc, s tokenize.Sentence) int {
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		if d.Tokens[i].Word {
			return i
		}
	}
	return -1
}

// titleCase reports whether most of a sentence's content words are
// capitalised: a headline in title case, whose capitals mark no names.
func titleCase(d *Doc, s tokenize.Sentence) bool {
	words, caps := 0, 0
	for i := s.Tokens.Start; i < s.Tokens.End; i++ {
		t := d.Tokens[i]
		if !t.Word || functionTag(t.Tag) {
			continue
		}
		words++
		if capitalised(t) {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}

// SentenceInput counts what the sentence model reads of sentence si of d
// (every sentence when si is -1): its words by kind and its report cues.
// Words are left to the caller.
func SentenceInput(d *Doc, si int) model.SentenceInput {
	from, to := 0, len(d.Sentences)
	if si >= 0 {
		from, to = si, si+1
	}
	in := sentenceCounts(d, from, to)
	if d.Voice != nil {
		for _, at := range d.Voice.Attributions {
			if at.Cue.First >= d.Sentences[from].Tokens.Start && at.Cue.First < d.Sentences[to-1].Tokens.End {
				in.ReportCues++
			}
		}
	}
	return in
}

// sentenceCounts counts the words of sentences from to to by kind.
func sentenceCounts(d *Doc, from, to int) model.SentenceInput {
	var in model.SentenceInput
	for _, s := range d.Sentences[from:to] {
		for i := s.Tokens.Start; i < s.Tokens.End; i++ {
			t := d.Tokens[i]
			switch t.Text {
			case "!":
				in.Exclaim = true
			case "?":
				in.Question = true
			}
			if !t.Word || t.Excluded {
				continue
			}
			in.Tokens++
			switch {
			case strings.HasPrefix(t.Tag, "JJ"):
				in.Adj++
			case strings.HasPrefix(t.Tag, "RB"):
				in.Adv++
			case strings.HasPrefix(t.Tag, "NNP"):
				in.Proper++
			case t.Tag == "CD":
				in.Digits++
			}
			if t.Tag == "JJS" || t.Tag == "RBS" {
				in.Superlative++
			}
			switch t.Norm {
			case "should", "must", "ought", "need", "needs":
				in.Modal++
			case "we", "our", "us", "i", "my", "me", "ours":
				in.FirstPerson++
			case "you", "your", "yours":
				in.You++
			}
		}
	}
	return in
}
