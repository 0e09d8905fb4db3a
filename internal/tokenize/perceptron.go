package tokenize

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tag/aptagmodel"

	"github.com/framing/framing/internal/freelist"
)

// perceptron is prose v3's averaged-perceptron tagger (prose/v3/tag,
// Honnibal's design), re-implemented over the same model weights so that it
// gives the same tags — bit for bit the same scores — at several times the
// speed (TestPerceptronTagsAsProse compares every token of the
// shipped corpus and of a generated one with prose's TagTokens).
//
// prose builds each of a token's 14 feature keys as a string ("i-1 tag+i
// word NN protest") and finds it by binary search in a sorted blob of 75,000
// keys: some 17 string comparisons per feature. Here every feature value is
// interned once, when the model is loaded, into a dense id — words,
// suffixes, first bytes, tags — and each feature template is an array (or a
// small map) from ids to the feature's weights. A sentence's words are
// looked up once each; a token then costs 14 array reads. Scores are summed
// feature by feature in prose's order and, within a feature, in the model's
// order of classes, so every float32 addition is the one prose makes, and
// ties go to the lowest class as in prose.
//
// Each table holds a feature as the span of its weights in pairs, class
// and weight side by side, so adding a feature reads one table entry and
// one run of memory (with a table of feature ids, an array of offsets and
// separate arrays of classes and weights, the tagger waited on four reads
// per feature). A feature the model lacks is an empty span.
//
// A word's features are one record (wordFeats): its five word features and
// its tag-and-word features side by side, and their weights one run of
// memory. A word is read as the context of five consecutive tokens, so the
// record is fetched once and found in cache four times; with a table per
// template, each token fetched five records from five tables and looked up
// its tag-and-word feature in a map.
type perceptron struct {
	classes []string
	pairs   []weightPair
	tagMap  map[string]uint8 // unambiguous words: their tag, no scoring

	bias span
	// A word's features by word id: one record per word (see wordFeats).
	wordID   map[string]int32
	words    []string // by id
	wordFeat []wordFeats
	tagWords []tagFeat // the words' i-1 tag+i word features, by word, then tag
	// Suffix features by suffix id: i suffix, i-1 suffix, i+1 suffix.
	sufID   map[string]int32
	sufFeat [][3]span
	pref1   [256]span        // i pref1, by the word's first byte
	tag1    []span           // i-1 tag, by tag id
	tag2    []span           // i-2 tag
	tagPair []span           // i tag+i-2 tag, by tag id × tags + tag id
	tagID   map[string]int32 // classes, then the sentinels
	scratch freelist.List[perceptronScratch]
	noTags  int // len(tagID)
	// The word and suffix ids of the context sentinels -START-, -START2-,
	// -END-, -END2-.
	sentinels [4][2]int32
}

// The context sentinels of prose's tagger.
const (
	sentStart, sentStart2, sentEnd, sentEnd2 = "-START-", "-START2-", "-END-", "-END2-"
)

// perceptronTemplates are prose's feature templates, in the order prose
// scores them; "" marks a template whose value is built from two parts.
var perceptronTemplates = []string{"bias", "i suffix ", "i pref1 ", "i-1 tag ", "i-2 tag ", "i tag+i-2 tag ",
	"i word ", "i-1 tag+i word ", "i-1 word ", "i-1 suffix ", "i-2 word ", "i+1 word ", "i+1 suffix ", "i+2 word "}

// loadPerceptron reads prose's English model (prose/v3/tag/aptagmodel, in
// prose's flat format: see prose's internal/flat) and interns its features.
var loadPerceptron = sync.OnceValues(func() (*perceptron, error) {
	return newPerceptron(aptagmodel.English)
})

type modelReader struct {
	b   []byte
	pos int
	err error
}

func (r *modelReader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.pos+n > len(r.b) {
		if r.err == nil {
			r.err = fmt.Errorf("tagger model: truncated at byte %d", r.pos)
		}
		return nil
	}
	out := r.b[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *modelReader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *modelReader) str16() string {
	b := r.bytes(2)
	if b == nil {
		return ""
	}
	return string(r.bytes(int(binary.LittleEndian.Uint16(b))))
}

func newPerceptron(data []byte) (*perceptron, error) {
	r := &modelReader{b: data}
	if string(r.bytes(8)) != "PROSETAG" || r.u32() != 1 {
		return nil, errors.New("tagger model: not a prose flat model, version 1")
	}
	p := &perceptron{tagMap: map[string]uint8{}, wordID: map[string]int32{}, sufID: map[string]int32{},
		tagID: map[string]int32{}}
	p.classes = make([]string, r.u32())
	for i := range p.classes {
		p.classes[i] = r.str16()
	}
	nFeat, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := r.bytes(blobLen)
	u32s := func(n int) []uint32 {
		b := r.bytes(4 * n)
		out := make([]uint32, n)
		for i := range out {
			if b != nil {
				out[i] = binary.LittleEndian.Uint32(b[4*i:])
			}
		}
		return out
	}
	featOff := u32s(nFeat + 1)
	pairOff := u32s(nFeat + 1)
	classID := r.bytes(nPairs)
	w := r.bytes(4 * nPairs)
	p.pairs = make([]weightPair, nPairs)
	for i := range p.pairs {
		if w != nil && classID != nil {
			p.pairs[i] = weightPair{class: uint32(classID[i]), weight: math.Float32frombits(binary.LittleEndian.Uint32(w[4*i:]))}
		}
	}
	nTag := int(r.u32())
	for i := 0; i < nTag && r.err == nil; i++ {
		word := r.str16()
		if id := r.bytes(1); id != nil {
			p.tagMap[word] = id[0]
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if int(featOff[nFeat]) != len(blob) || int(pairOff[nFeat]) != nPairs {
		return nil, errors.New("tagger model: offsets do not match the data")
	}
	for _, id := range classID {
		if int(id) >= len(p.classes) {
			return nil, errors.New("tagger model: class id out of range")
		}
	}

	for i, c := range p.classes {
		p.tagID[c] = int32(i)
	}
	for _, s := range []string{sentStart, sentStart2} {
		if _, ok := p.tagID[s]; !ok {
			p.tagID[s] = int32(len(p.tagID))
		}
	}
	p.noTags = len(p.tagID)
	p.tag1 = make([]span, p.noTags)
	p.tag2 = make([]span, p.noTags)
	p.tagPair = make([]span, p.noTags*p.noTags)
	word := func(w string) int32 {
		id, ok := p.wordID[w]
		if !ok {
			id = int32(len(p.wordID))
			p.wordID[w] = id
		}
		return id
	}
	suf := func(s string) int32 {
		id, ok := p.sufID[s]
		if !ok {
			id = int32(len(p.sufID))
			p.sufID[s] = id
		}
		return id
	}
	type entry struct {
		table, id int32
		feat      span
	}
	var words, sufs, tagWords []entry
	for f := 0; f < nFeat; f++ {
		key := string(blob[featOff[f]:featOff[f+1]])
		t, value := -1, ""
		for k, tmpl := range perceptronTemplates {
			if tmpl == "bias" {
				if key == "bias" {
					t = k
				}
				continue
			}
			if v, ok := strings.CutPrefix(key, tmpl); ok {
				t, value = k, v
				break
			}
		}
		fi := span{pairOff[f], pairOff[f+1]}
		switch t {
		case 0:
			p.bias = fi
		case 1:
			sufs = append(sufs, entry{0, suf(value), fi})
		case 2:
			if len(value) != 1 {
				return nil, fmt.Errorf("tagger model: prefix feature %q", key)
			}
			p.pref1[value[0]] = fi
		case 3, 4:
			id, ok := p.tagID[value]
			if !ok {
				return nil, fmt.Errorf("tagger model: unknown tag in %q", key)
			}
			if t == 3 {
				p.tag1[id] = fi
			} else {
				p.tag2[id] = fi
			}
		case 5:
			a, b, ok := strings.Cut(value, " ")
			ia, oka := p.tagID[a]
			ib, okb := p.tagID[b]
			if !ok || !oka || !okb {
				return nil, fmt.Errorf("tagger model: tag pair in %q", key)
			}
			p.tagPair[int(ia)*p.noTags+int(ib)] = fi
		case 6:
			words = append(words, entry{0, word(value), fi})
		case 7:
			a, b, ok := strings.Cut(value, " ")
			ia, oka := p.tagID[a]
			if !ok || !oka {
				return nil, fmt.Errorf("tagger model: tag and word in %q", key)
			}
			tagWords = append(tagWords, entry{ia, word(b), fi})
		case 8, 10, 11, 13:
			words = append(words, entry{map[int]int32{8: 1, 10: 2, 11: 3, 13: 4}[t], word(value), fi})
		case 9, 12:
			sufs = append(sufs, entry{map[int]int32{9: 1, 12: 2}[t], suf(value), fi})
		default:
			return nil, fmt.Errorf("tagger model: feature %q fits no template", key)
		}
	}
	p.words = make([]string, len(p.wordID))
	for w, id := range p.wordID {
		p.words[id] = w
	}
	p.wordFeat = make([]wordFeats, len(p.wordID))
	for _, e := range words {
		p.wordFeat[e.id].feat[e.table] = e.feat
	}
	// The tag-and-word features, grouped by word (and by tag within one).
	slices.SortFunc(tagWords, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.id, b.id), cmp.Compare(a.table, b.table))
	})
	p.tagWords = make([]tagFeat, len(tagWords))
	for i, e := range tagWords {
		p.tagWords[i] = tagFeat{tag: e.table, feat: e.feat}
		rec := &p.wordFeat[e.id]
		if rec.tags.hi == rec.tags.lo {
			rec.tags.lo = uint32(i)
		}
		rec.tags.hi = uint32(i + 1)
	}
	p.sufFeat = make([][3]span, len(p.sufID))
	for _, e := range sufs {
		p.sufFeat[e.id][e.table] = e.feat
	}
	p.relayout()
	for k, w := range [4]string{sentStart, sentStart2, sentEnd, sentEnd2} {
		p.sentinels[k] = [2]int32{-1, -1}
		if id, ok := p.wordID[w]; ok {
			p.sentinels[k][0] = id
		}
		if id, ok := p.sufID[suffix3(w)]; ok {
			p.sentinels[k][1] = id
		}
	}
	return p, nil
}

// wordFeats is a word's features: as i word, i-1 word, i-2 word, i+1 word
// and i+2 word (feat), and its i-1 tag+i word features (tags: a run of
// perceptron.tagWords, by tag).
type wordFeats struct {
	feat [5]span
	tags span
}

// tagFeat is an i-1 tag+i word feature of a word: the tag and its weights.
type tagFeat struct {
	tag  int32
	feat span
}

// tagWord returns the i-1 tag+i word feature of rec's word for tag t1.
func (p *perceptron) tagWord(rec *wordFeats, t1 int32) span {
	for _, tf := range p.tagWords[rec.tags.lo:rec.tags.hi] {
		if tf.tag == t1 {
			return tf.feat
		}
	}
	return span{}
}

// relayout orders the weights by word, then by suffix, then the rest, so
// that a word's weights are one run of memory (see perceptron). Each
// feature keeps its pairs in the model's order, so the sums are unchanged.
func (p *perceptron) relayout() {
	pairs := make([]weightPair, 0, len(p.pairs))
	move := func(f *span) {
		lo := uint32(len(pairs))
		pairs = append(pairs, p.pairs[f.lo:f.hi]...)
		*f = span{lo, uint32(len(pairs))}
	}
	for w := range p.wordFeat {
		rec := &p.wordFeat[w]
		for k := range rec.feat {
			move(&rec.feat[k])
		}
		for i := rec.tags.lo; i < rec.tags.hi; i++ {
			move(&p.tagWords[i].feat)
		}
	}
	for id := range p.sufFeat {
		for k := range p.sufFeat[id] {
			move(&p.sufFeat[id][k])
		}
	}
	move(&p.bias)
	for i := range p.pref1 {
		move(&p.pref1[i])
	}
	for _, fs := range [][]span{p.tag1, p.tag2, p.tagPair} {
		for i := range fs {
			move(&fs[i])
		}
	}
	p.pairs = pairs
}

// span is a feature: its run of weight pairs, pairs[lo:hi].
type span struct{ lo, hi uint32 }

// key identifies a feature by its span; every empty span is one key.
func (s span) key() uint32 {
	if s.hi == s.lo {
		return math.MaxUint32
	}
	return s.lo
}

// weightPair is one of a feature's weights and the class it votes for.
type weightPair struct {
	class  uint32
	weight float32
}

// perceptronScratch is one call's working set.
type perceptronScratch struct {
	scores []float32
	wid    []int32    // the context's normalized word ids, sentinels included (-1: no feature knows the word)
	sid    []int32    // the ids of their 3-byte suffixes (-1: unknown)
	infos  []wordInfo // the sentence's words
	lower  []byte
	cache  map[string]wordInfo
	// Scores after a word's first three features — bias, i suffix, i pref1
	// — which depend on the word alone: one vector per distinct pair of
	// suffix and prefix features (prefixOf), len(classes) floats each, so
	// a token starts from a copy instead of adding some hundred weights.
	// The additions are prose's, in prose's order, so the sums are the
	// same bits.
	prefix   []float32
	prefixOf map[uint64]int32
}

// add accumulates feature f's weights, as prose's AccumulateInto (value 1).
func (p *perceptron) add(scores []float32, f span) {
	for _, x := range p.pairs[f.lo:f.hi] {
		scores[x.class] += 1 * x.weight
	}
}

func (p *perceptron) wordFeature(table int, wid int32) span {
	if wid < 0 {
		return span{}
	}
	return p.wordFeat[wid].feat[table]
}

func (p *perceptron) sufFeature(table int, sid int32) span {
	if sid < 0 {
		return span{}
	}
	return p.sufFeat[sid][table]
}

// wordInfo is what the tagger needs of a word as written, looked up once
// per distinct word (perceptronScratch.cache): its normalized form's word
// and suffix ids, its own suffix id, its model tag, its special tag.
type wordInfo struct {
	wid, sidNorm, sidRaw int32
	tagMap               int32  // class of an unambiguous word, -1 if none
	special              string // prose's pass-through tags ("-", "SYM", "NN", "-NONE-", a bracket literal), "" if none
	prefix               int32  // its vector in perceptronScratch.prefix, for a word that is scored
}

// maxWordCache bounds a scratch's word cache (about 100 bytes a word), and
// maxPrefixes its prefix vectors (180 bytes each).
const (
	maxWordCache = 1 << 17
	maxPrefixes  = 1 << 14
)

// prefixVector returns the index of the scores of a word whose suffix and
// first-byte features are suf and pre, computing them once per scratch.
func (p *perceptron) prefixVector(s *perceptronScratch, suf, pre span) int32 {
	key := uint64(suf.key())<<32 | uint64(pre.key())
	if at, ok := s.prefixOf[key]; ok {
		return at
	}
	n := len(p.classes)
	at := int32(len(s.prefix) / n)
	s.prefix = append(s.prefix, make([]float32, n)...)
	v := s.prefix[int(at)*n:]
	p.add(v, p.bias)
	p.add(v, suf)
	p.add(v, pre)
	s.prefixOf[key] = at
	return at
}

func (p *perceptron) info(s *perceptronScratch, word string) wordInfo {
	if in, ok := s.cache[word]; ok {
		return in
	}
	in := wordInfo{wid: -1, sidNorm: -1, sidRaw: -1, tagMap: -1, prefix: -1}
	norm := p.normalize(s, word)
	if id, ok := p.wordID[norm]; ok {
		in.wid = id
	}
	if id, ok := p.sufID[suffix3(norm)]; ok {
		in.sidNorm = id
	}
	if id, ok := p.sufID[suffix3(word)]; ok {
		in.sidRaw = id
	}
	if id, ok := p.tagMap[word]; ok {
		in.tagMap = int32(id)
	}
	switch {
	case word == "-":
		in.special = "-"
	case emoticons[word]:
		in.special = "SYM"
	case strings.HasPrefix(word, "@"):
		in.special = "NN"
	case (word != "" && (word[0] == '0' || word[0] == '*')) && noneRe.MatchString(word):
		in.special = "-NONE-"
	case len(word) == 5 && word[0] == '-' && keepRe.MatchString(word):
		in.special = word
	}
	if in.special == "" && in.tagMap < 0 {
		var pre span
		if word != "" {
			pre = p.pref1[word[0]]
		}
		in.prefix = p.prefixVector(s, p.sufFeature(0, in.sidRaw), pre)
	}
	if in.special == word {
		in.special = strings.Clone(word)
	}
	// The key is copied: the cache must not keep an article's text alive.
	s.cache[strings.Clone(word)] = in
	return in
}

// tagSentence sets the tag of each token of one sentence, from its Text.
func (p *perceptron) tagSentence(toks []Token) {
	if len(toks) == 0 {
		return
	}
	s := p.scratch.Get()
	if s == nil {
		s = &perceptronScratch{scores: make([]float32, len(p.classes))}
	}
	defer p.scratch.Put(s)
	n := len(toks) + 4
	if cap(s.wid) < n {
		s.wid, s.sid, s.infos = make([]int32, n), make([]int32, n), make([]wordInfo, n)
	}
	if s.cache == nil || len(s.cache)+len(toks) > maxWordCache || len(s.prefixOf)+len(toks) > maxPrefixes {
		// Start both afresh, before the sentence's words are looked up:
		// cached words point into the vectors.
		s.cache = make(map[string]wordInfo, 1024)
		s.prefix, s.prefixOf = s.prefix[:0], make(map[uint64]int32, 256)
	}
	wid, sid, infos := s.wid[:n], s.sid[:n], s.infos[:n]
	for k, w := range [4]int{0, 1, n - 2, n - 1} {
		wid[w], sid[w] = p.sentinels[k][0], p.sentinels[k][1]
	}
	for i := range toks {
		in := p.info(s, toks[i].Text)
		infos[i+2] = in
		wid[i+2], sid[i+2] = in.wid, in.sidNorm
	}
	// The previous two tags, as ids (-1: a tag no feature knows).
	p1, p2 := p.tagID[sentStart], p.tagID[sentStart2]
	for i := range toks {
		tag, id := p.tagOne(s, i+2, infos[i+2], p1, p2)
		toks[i].Tag = tag
		p2, p1 = p1, id
	}
}

// prose's special cases, and its pass-through of Treebank traces.
var (
	noneRe = regexp.MustCompile(`^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$`)
	keepRe = regexp.MustCompile(`^\-[A-Z]{3}\-$`)
)

// tagOne is prose's tagOne and predict for the token at context position
// i, the previous tags given by id (-1: a tag no feature knows, such as
// -NONE- or a bracket literal passed through, whose features are absent, as
// in prose). It returns the tag and its id.
func (p *perceptron) tagOne(s *perceptronScratch, i int, in wordInfo, t1, t2 int32) (string, int32) {
	if in.special != "" {
		if id, ok := p.tagID[in.special]; ok {
			return in.special, id
		}
		return in.special, -1
	}
	if in.tagMap >= 0 {
		return p.classes[in.tagMap], in.tagMap
	}
	scores := s.scores
	n := len(scores)
	copy(scores, s.prefix[int(in.prefix)*n:int(in.prefix+1)*n]) // bias, i suffix, i pref1
	if t1 >= 0 {
		p.add(scores, p.tag1[t1])
	}
	if t2 >= 0 {
		p.add(scores, p.tag2[t2])
	}
	if t1 >= 0 && t2 >= 0 {
		p.add(scores, p.tagPair[int(t1)*p.noTags+int(t2)])
	}
	p.add(scores, p.wordFeature(0, s.wid[i]))
	if s.wid[i] >= 0 && t1 >= 0 {
		p.add(scores, p.tagWord(&p.wordFeat[s.wid[i]], t1))
	}
	p.add(scores, p.wordFeature(1, s.wid[i-1]))
	p.add(scores, p.sufFeature(1, s.sid[i-1]))
	p.add(scores, p.wordFeature(2, s.wid[i-2]))
	p.add(scores, p.wordFeature(3, s.wid[i+1]))
	p.add(scores, p.sufFeature(2, s.sid[i+1]))
	p.add(scores, p.wordFeature(4, s.wid[i+2]))
	best, bestID := float32(math.Inf(-1)), -1
	for id, v := range scores {
		if v > best {
			best, bestID = v, id
		}
	}
	if bestID < 0 {
		return "", -1
	}
	return p.classes[bestID], int32(bestID)
}

// suffix3 is prose's suffix(w, 3): the last three bytes, or w.
func suffix3(w string) string {
	if len(w) <= 3 {
		return w
	}
	return w[len(w)-3:]
}

// normalize is prose's normalize: hyphenated words, years and numbers are
// one form each, the rest lower case. ASCII words are lowered without
// allocating when a word of that form is known to the model.
func (p *perceptron) normalize(s *perceptronScratch, word string) string {
	if word == "" {
		return word
	}
	first := word[0]
	if first != '-' && strings.IndexByte(word, '-') >= 0 {
		return "!HYPHEN"
	}
	if len(word) == 4 && isDecimalInt(word) {
		return "!YEAR"
	}
	if first >= '0' && first <= '9' {
		return "!DIGITS"
	}
	ascii, upper := true, false
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	switch {
	case !ascii:
		return strings.ToLower(word)
	case !upper:
		return word
	}
	s.lower = append(s.lower[:0], word...)
	for i, c := range s.lower {
		if c >= 'A' && c <= 'Z' {
			s.lower[i] = c + 'a' - 'A'
		}
	}
	// The lower-cased word only matters through its id and its suffix: a
	// word the model knows is returned as the model's own string, so nothing
	// is allocated (the map lookup of string(bytes) does not allocate); an
	// unknown one is copied.
	if id, ok := p.wordID[string(s.lower)]; ok {
		return p.words[id]
	}
	return string(s.lower)
}

// isDecimalInt is prose's: an optional sign and at least one ASCII digit.
func isDecimalInt(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i = 1
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
