package pipeline

import (
	"sort"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"

	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/model"
	"github.com/framing/framing/pipeline/voice"
	"github.com/framing/framing/reports"
)

// Voice indices of the counters, in voice.Voices() order.
const (
	VoiceAuthorial = iota
	VoiceQuoted
	VoiceAttributed
	VoiceNegated
	VoiceDistanced
	NumVoices
)

func VoiceIndex(v string) int {
	switch v {
	case voice.Quoted:
		return VoiceQuoted
	case voice.Attributed:
		return VoiceAttributed
	case voice.Negated:
		return VoiceNegated
	case voice.Distanced:
		return VoiceDistanced
	}
	return VoiceAuthorial
}

// VoiceCounts counts hits by voice, indexed by the v* constants.
type VoiceCounts [NumVoices]int

func (v VoiceCounts) Total() int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}

func (v VoiceCounts) Report() reports.VoiceCounts {
	return reports.VoiceCounts{Authorial: v[VoiceAuthorial], Quoted: v[VoiceQuoted], Attributed: v[VoiceAttributed], Negated: v[VoiceNegated],
		Distanced: v[VoiceDistanced]}
}

// ArticleResult is everything aggregation needs from one article: counters and
// the report's rows, no tokens. It is small, a pure function of the article,
// the lexicons and the cue list, and merges by addition, so it can be cached
// and summed in any grouping.
type ArticleResult struct {
	Article reports.Article
	Bias    string // the outlet's third-party bias label, when the corpus has one

	Tokens    int           // word tokens
	Covered   int           // word tokens inside any lexicon match
	CatVoice  []VoiceCounts // hits per category (indexed like Analyzer.Categories) and voice
	Sentences []SentenceCounts
	Hits      []reports.Hit
	Quotes    []reports.Quote
	Headline  reports.Headline
	Verbs     reports.ReportVerbs
	Speakers  map[string]*reports.Speaker

	Actors            map[string]*ActorSum         // by actor id
	ActorInfo         map[string]reports.ActorInfo // the actors mentioned, as defined for this article's event
	AgentlessPassives int                          // in the outlet's own voice
	Mentions          []reports.Mention
	Agency            []reports.AgencyEvent
	Unlinked          []reports.UnlinkedEntity

	Stems map[string]int // word stems, stop words excluded: the distinctive-terms vocabulary
	// Forms counts how each stem is written: a report shows "massacre",
	// not the stem "massacr".
	Forms map[StemForm]int
	Terms map[string]*VoiceCounts // hits by lexicon term and voice, each matched span once

	// Loaded counts the counted loaded hits (Hit.Counted), each span once,
	// by voice: the loaded rates' numerators.
	Loaded            VoiceCounts
	WeightedLoaded    float64                  // sum of the weights of loaded hits
	WeightedAuthorial float64                  // the same, authorial voice only
	Loadedness        float64                  // as LoadedSentence.Loadedness, over the whole article
	TopSentences      []reports.LoadedSentence // the article's most loaded sentences, authorial voice (MoreLoaded)

	// Encoded, when set, holds Hits, Quotes, Mentions and Agency instead of
	// those slices, encoded as the report's JSON Lines: a result read from
	// the cache comes so, and is decoded only if the report inlines them.
	Encoded *reports.EncodedRecords
}

// encoded returns the article's records encoded, encoding them if need be.
func (r *ArticleResult) Encode(t *reports.SpanTable) (*reports.EncodedRecords, error) {
	if r.Encoded != nil {
		return r.Encoded, nil
	}
	return reports.EncodeRecords(t, r.Hits, r.Quotes, r.Mentions, r.Agency)
}

// records returns the article's records, decoding them if need be.
func (r *ArticleResult) Records() ([]reports.Hit, []reports.Quote, []reports.Mention, []reports.AgencyEvent, error) {
	if r.Encoded == nil || r.Hits != nil || r.Quotes != nil || r.Mentions != nil || r.Agency != nil {
		return r.Hits, r.Quotes, r.Mentions, r.Agency, nil
	}
	return r.Encoded.Decode()
}

// detach copies out of the article's text the strings of r that the
// aggregator keeps for the whole run. A Go substring shares its backing
// array: one kept headline would keep its whole article file alive, and
// 10,000 of them the whole corpus (measured: 77 of the 89 MB live after
// analysing 10,000 generated articles, before this). Hits, quotes, mentions
// and agency events are not copied: past DefaultInlineMax articles they are
// streamed out and dropped.
func (r *ArticleResult) detach() {
	c := strings.Clone
	r.Article.ID, r.Article.Outlet, r.Article.Event, r.Article.Title = c(r.Article.ID), c(r.Article.Outlet), c(r.Article.Event), c(r.Article.Title)
	r.Bias = c(r.Bias)
	r.Article.Published, r.Article.OutletKind, r.Article.Bias = c(r.Article.Published), c(r.Article.OutletKind), r.Bias
	r.Article.SHA256 = c(r.Article.SHA256)
	if r.Headline.Text == r.Article.Title {
		r.Headline.Text = r.Article.Title // the usual case: one copy
	} else {
		r.Headline.Text = c(r.Headline.Text)
	}
	r.Headline.Article, r.Headline.Outlet, r.Headline.Event = r.Article.ID, r.Article.Outlet, r.Article.Event
	for i := range r.TopSentences {
		t := &r.TopSentences[i]
		t.Text, t.Article, t.Outlet = c(t.Text), r.Article.ID, r.Article.Outlet
	}
	cues := make(map[string]int, len(r.Verbs.Cues))
	for k, n := range r.Verbs.Cues {
		cues[c(k)] = n
	}
	r.Verbs.Cues = cues
	speakers := make(map[string]*reports.Speaker, len(r.Speakers))
	for k, sp := range r.Speakers {
		terms := make(map[string]int, len(sp.Terms))
		for t, n := range sp.Terms {
			terms[c(t)] = n
		}
		sp.Speaker, sp.Terms = c(sp.Speaker), terms
		speakers[c(k)] = sp
	}
	r.Speakers = speakers
	for i := range r.Unlinked {
		u := &r.Unlinked[i]
		u.Text, u.Example, u.Label, u.Event = c(u.Text), c(u.Example), c(u.Label), c(u.Event)
	}
	// Stems and Forms are built detached (countVocabulary).
}

// vocabCounts is countVocabulary's scratch: the count of each written
// form, found by the form alone (a form's stem is a function of it, and a
// map keyed by one string costs less than one keyed by the pair), a form met with a second stem counted by the pair (stemming never
// gives one), and each stem's copy.
type vocabCounts struct {
	at     map[string]int32 // index in forms, by Token.Text
	forms  []formCount
	other  map[StemForm]int
	stems  map[string]int32 // index in copies, by stem
	copies []stemCount
}

type formCount struct {
	stem, form string
	n          int
}

type stemCount struct {
	copy string
	n    int
}

// maxVocabScratch is the largest scratch counter kept: clearing a map costs
// its capacity, so one huge article's must not be cleared for every other.
const maxVocabScratch = 1 << 14

// countVocabulary counts the stems and the written forms of the vocabulary
// words of toks (isVocabularyWord), into maps of exactly their size whose
// keys are copies, detached from the text: each stem is copied once, and
// its forms' keys share the copy (an outlet's forms then keep no second
// copy of a stem they bring in). The counting is done in scratch kept
// between articles: counting into fresh maps, then copying them out of the
// text, was a quarter of the analysis's allocations.
func (a *Analyzer) countVocabulary(toks []tokenize.Token) (map[string]int, map[StemForm]int) {
	v := a.vocabBufs.Get()
	if v == nil {
		v = &vocabCounts{at: map[string]int32{}, other: map[StemForm]int{}, stems: map[string]int32{}}
	}
	for i := range toks {
		t := &toks[i]
		if !t.Word || !isVocabularyWord(t.Norm) {
			continue
		}
		switch k, ok := v.at[t.Text]; {
		case !ok:
			v.at[t.Text] = int32(len(v.forms))
			v.forms = append(v.forms, formCount{t.Stem, t.Text, 1})
		case v.forms[k].stem == t.Stem:
			v.forms[k].n++
		default:
			v.other[StemForm{t.Stem, t.Text}]++
		}
	}
	// A stem's count is its forms' sum: one update per distinct form
	// instead of one per token.
	stemOf := func(stem string, n int) string {
		k, ok := v.stems[stem]
		if !ok {
			k = int32(len(v.copies))
			v.stems[stem] = k
			v.copies = append(v.copies, stemCount{copy: strings.Clone(stem)})
		}
		v.copies[k].n += n
		return v.copies[k].copy
	}
	forms := make(map[StemForm]int, len(v.forms)+len(v.other))
	for _, f := range v.forms {
		forms[StemForm{stemOf(f.stem, f.n), strings.Clone(f.form)}] = f.n
	}
	for k, n := range v.other {
		forms[StemForm{stemOf(k[0], n), strings.Clone(k[1])}] += n
	}
	stems := make(map[string]int, len(v.copies))
	for _, c := range v.copies {
		stems[c.copy] = c.n
	}
	if len(v.forms) <= maxVocabScratch {
		clear(v.at)
		clear(v.forms) // the scratch must not keep the text alive
		v.forms = v.forms[:0]
		clear(v.other)
		clear(v.stems)
		clear(v.copies)
		v.copies = v.copies[:0]
		a.vocabBufs.Put(v)
	}
	return stems, forms
}

// StemForm is a stem and a word written with it ("massacr", "Massacre"):
// an array of two strings, so counting one allocates nothing (a joined key
// allocated per token, 13% of a report's allocations).
type StemForm [2]string

// TopSentences is how many most-loaded sentences an outlet lists.
const TopSentences = 10

// ActorSum is one article's (or outlet's) counters for one actor.
type ActorSum struct {
	Mentions       int
	CatVoice       map[int]*VoiceCounts // hits in clauses naming the actor, by category index and voice
	Agent, Patient int
}

func (s *ActorSum) Add(o *ActorSum) {
	s.Mentions += o.Mentions
	s.Agent += o.Agent
	s.Patient += o.Patient
	AddVoiceCounts(s.CatVoice, o.CatVoice)
}

// AddVoiceCounts adds src's counts to dst's, key by key.
func AddVoiceCounts[K comparable](dst, src map[K]*VoiceCounts) {
	for k, vc := range src {
		x := dst[k]
		if x == nil {
			x = &VoiceCounts{}
			dst[k] = x
		}
		for v, n := range vc {
			x[v] += n
		}
	}
}

func NewActorSum() *ActorSum { return &ActorSum{CatVoice: map[int]*VoiceCounts{}} }

// SentenceCounts is one sentence's word tokens and category hits: the unit
// the bootstrap resamples.
type SentenceCounts struct {
	Tokens int
	Cats   []CatCount // sparse
	// Loaded counts the sentence's counted loaded hits, each span once:
	// all voices, and in the authorial voice.
	Loaded, LoadedAuthorial int
}

// CatCount is a count for one category index and voice.
type CatCount struct {
	Cat, Voice, N int
}

// Summarize is the summarize stage: it reduces a Doc to its ArticleResult.
// relPath is the article's path relative to the corpus, as reports show it.
func (a *Analyzer) Summarize(d *Doc, relPath string) *ArticleResult {
	art := d.Article
	r := &ArticleResult{
		Article: reports.Article{ID: art.ID, Outlet: art.Outlet, Event: art.Event, Title: art.Title,
			Path: relPath, Sentences: len(d.Sentences), Hits: len(d.Hits),
			Published: art.Published, OutletKind: art.OutletKind, Bias: art.Bias, SHA256: art.Hash},
		Bias:      art.Bias,
		CatVoice:  make([]VoiceCounts, len(a.cats)),
		Sentences: make([]SentenceCounts, len(d.Sentences)),
		Verbs:     reports.ReportVerbs{Cues: map[string]int{}},
		Speakers:  map[string]*reports.Speaker{},
		Actors:    map[string]*ActorSum{},
		ActorInfo: map[string]reports.ActorInfo{},
		Terms:     map[string]*VoiceCounts{},
	}
	r.Article.Excluded = []reports.ExcludedSpan{}
	for _, x := range d.Excluded {
		field, start := d.Field(x.Start)
		r.Article.Excluded = append(r.Article.Excluded, reports.ExcludedSpan{Field: field, Start: start,
			End: start + (x.End - x.Start), Reason: x.Reason, Tokens: x.Tokens})
		r.Article.ExcludedTokens += x.Tokens
	}
	covered := make([]bool, len(d.Tokens))
	for _, h := range d.Hits {
		for i := h.First; i <= h.Last; i++ {
			covered[i] = true
		}
	}
	for si, s := range d.Sentences {
		for i := s.Tokens.Start; i < s.Tokens.End; i++ {
			if d.Tokens[i].Word {
				r.Sentences[si].Tokens++
				if covered[i] {
					r.Covered++
				}
			}
		}
		r.Tokens += r.Sentences[si].Tokens
	}
	r.Stems, r.Forms = a.countVocabulary(d.Tokens)
	r.Hits = make([]reports.Hit, 0, len(d.Hits))
	a.summarizeVoices(d, r)
	clauseActors := a.summarizeActors(d, r)
	sentScore := map[int]float64{}
	sentTerms := map[int][]string{}
	// Each authorial span of a scoring kind (loaded, valence) weighs once, at
	// its highest weight, in a sentence's loadedness.
	sentCharge := map[int]float64{}
	total := 0.0
	for _, h := range d.Hits {
		vi := VoiceIndex(h.Label.Voice)
		loaded := h.Loaded() || h.Counted
		// What a table counts: a loaded hit when it is counted; a hit of
		// epistemic categories only (a hedge) always, in those categories.
		if h.Counted || !loaded {
			x := r.Terms[h.Entry.Term]
			if x == nil {
				x = &VoiceCounts{}
				r.Terms[h.Entry.Term] = x
			}
			x[vi]++
		}
		for _, c := range h.Categories {
			if c.Kind.Scoring() && !h.Counted {
				continue
			}
			ci := a.catIndex[c]
			r.CatVoice[ci][vi]++
			r.Sentences[h.Sentence].Cats = addCount(r.Sentences[h.Sentence].Cats, ci, vi)
			for _, id := range clauseActors[d.Clauses[h.First]] {
				x := r.Actors[id].CatVoice[ci]
				if x == nil {
					x = &VoiceCounts{}
					r.Actors[id].CatVoice[ci] = x
				}
				x[vi]++
			}
		}
		counted := h.Counted && loaded
		if counted {
			r.Loaded[vi]++
			r.Sentences[h.Sentence].Loaded++
			r.WeightedLoaded += h.Weight
			if vi == VoiceAuthorial {
				r.Sentences[h.Sentence].LoadedAuthorial++
				r.WeightedAuthorial += h.Weight
				sentScore[h.Sentence] += h.Weight
				sentTerms[h.Sentence] = append(sentTerms[h.Sentence], h.Entry.Term)
			}
		}
		if vi == VoiceAuthorial && h.Loaded() {
			sentCharge[h.Sentence] += h.Weight
			total += h.Weight
		}
		field, start := d.Field(h.Start)
		s := d.Sentences[h.Sentence]
		cats := make([]string, len(h.Categories))
		for i, c := range h.Categories {
			cats[i] = c.ID
		}
		var why []string
		switch h.ScoringRule {
		case LegalTermRule:
			why = append(why, "names a charge or a proceeding (rules/legal-term): not counted")
		case "":
		default:
			why = append(why, "the author's choice of a loaded report verb ("+h.ScoringRule+"): counted")
		}
		for _, w := range h.Why {
			why = append(why, model.Describe(w))
		}
		r.Hits = append(r.Hits, reports.Hit{
			Article: art.ID, Outlet: art.Outlet, Term: h.Entry.Term, Category: h.Category.ID,
			Sentence: h.Sentence, Start: start, End: start + (h.End - h.Start), Field: field,
			Text: d.Text[h.Start:h.End], Context: d.Text[s.Start:s.End], ContextOffset: h.Start - s.Start,
			Voice: h.Label.Voice, Speaker: h.Label.Speaker, SpeakerPhrase: h.Label.Phrase, Cue: h.Label.Cue,
			AttributedTo: h.Label.AttributedTo, Headline: s.Headline, Rule: string(h.Label.Rule),
			Actor: actorID(h.Actor), SpeakerActor: actorID(h.SpeakerActor),
			Weight: reports.Float(h.Weight), Polarity: string(h.Entry.Polarity),
			Categories: cats, Kind: string(h.Category.Kind), Probability: reports.Float(h.P), Counted: counted, Why: why,
			ScoringRule: h.ScoringRule,
		})
		if s.Headline {
			r.Headline.Hits++
			if counted {
				r.Headline.Loaded++
				r.Headline.Terms = append(r.Headline.Terms, h.Entry.Term)
			}
		}
		if sp := h.Label.Speaker; sp != "" && counted && (vi == VoiceQuoted || vi == VoiceAttributed) {
			x := r.speaker(sp, h.SpeakerActor)
			x.LoadedHits++
			x.Terms[h.Entry.Term]++
		}
	}
	sortHits(r.Hits)
	r.Article.Tokens = r.Tokens
	r.Article.LoadedPer1k = Per1k(r.Loaded.Total(), r.Tokens)
	r.Article.AuthorialPer1k = Per1k(r.Loaded[VoiceAuthorial], r.Tokens)
	r.Article.WeightedLoadedPer1k = WeightedPer1k(r.WeightedLoaded, r.Tokens)
	r.Article.WeightedAuthorialPer1k = WeightedPer1k(r.WeightedAuthorial, r.Tokens)
	r.Loadedness = loadedness(total, r.Tokens)
	// The most loaded sentences: those with a counted loaded hit in the
	// outlet's own voice, ranked by the sentence model's probability (by
	// loadedness with the lexicon scorer).
	for si := range d.Sentences {
		if r.Sentences[si].LoadedAuthorial == 0 {
			continue
		}
		s := d.Sentences[si]
		field, start := d.Field(s.Start)
		score := sentScore[si]
		ls := reports.LoadedSentence{Article: art.ID, Outlet: art.Outlet, Sentence: si,
			Field: field, Start: start, End: start + (s.End - s.Start), Text: d.Text[s.Start:s.End],
			Score: reports.Float(score), Per1k: WeightedPer1k(score, r.Sentences[si].Tokens), Terms: sentTerms[si],
			Loadedness: reports.Float(loadedness(sentCharge[si], r.Sentences[si].Tokens)), Probability: reports.NaN(), RankedBy: RankedByLoadedness}
		if d.SentenceP != nil {
			ls.Probability, ls.RankedBy = reports.Float(d.SentenceP[si]), RankedByProbability
		}
		r.TopSentences = append(r.TopSentences, ls)
	}
	r.TopSentences = TopLoaded(r.TopSentences, TopSentences)
	r.detach()
	return r
}

// loadedness is charge per word: 0 for a sentence without words.
func loadedness(charge float64, tokens int) float64 {
	if tokens == 0 {
		return 0
	}
	return charge / float64(tokens)
}

// What ranks the most loaded sentences (LoadedSentence.RankedBy).
const (
	RankedByProbability = "probability"
	RankedByLoadedness  = "loadedness"
)

// MoreLoaded orders sentences for "most loaded": by the figure they are
// ranked by (their probability, or their loadedness), then by score.
func MoreLoaded(a, b reports.LoadedSentence) bool {
	ra, rb := a.Loadedness, b.Loadedness
	if a.RankedBy == RankedByProbability {
		ra, rb = a.Probability, b.Probability
	}
	if ra != rb {
		return ra > rb
	}
	return a.Score > b.Score
}

// TopLoaded keeps the n most loaded sentences (MoreLoaded) of a list given
// in reading order (corpus order, then sentence order); ties keep that
// order, so the result never depends on scheduling.
func TopLoaded(list []reports.LoadedSentence, n int) []reports.LoadedSentence {
	sort.SliceStable(list, func(i, j int) bool { return MoreLoaded(list[i], list[j]) })
	if len(list) > n {
		list = list[:n]
	}
	return list
}

func WeightedPer1k(w float64, tokens int) reports.Float {
	if tokens == 0 {
		return 0
	}
	return reports.Float(w * 1000 / float64(tokens))
}

// summarizeVoices records the article's quotes, headline, report verbs and
// speakers.
func (a *Analyzer) summarizeVoices(d *Doc, r *ArticleResult) {
	art := d.Article
	v := d.Voice
	for qi, q := range v.Quotes {
		field, start := d.Field(q.Start)
		row := reports.Quote{Article: art.ID, Outlet: art.Outlet, Field: field, Start: start,
			End: start + (q.End - q.Start), Closed: q.Closed}
		if by := v.QuoteBy[qi]; by >= 0 {
			at := v.Attributions[by]
			row.Speaker, row.Cue = at.Speaker, at.Cue.Text
			if at.Speaker != "" && q.Depth == 0 {
				r.speaker(at.Speaker, a.resolveSpeaker(d, at.Speaker, at.Subject)).Quotes++
			}
		}
		r.Quotes = append(r.Quotes, row)
	}
	for _, at := range v.Attributions {
		switch at.Cue.Mark {
		case voice.MarkNeutral:
			r.Verbs.Neutral++
		case voice.MarkLoaded:
			r.Verbs.Loaded++
		}
		r.Verbs.Cues[at.Cue.Term]++
		if at.Speaker != "" {
			r.speaker(at.Speaker, a.resolveSpeaker(d, at.Speaker, at.Subject)).Attributions++
		}
	}
	var parts []string
	last := -1
	for _, s := range d.Sentences {
		if s.Headline && s.Block != last {
			last = s.Block
			b := d.Blocks[s.Block]
			parts = append(parts, strings.TrimSpace(strings.Trim(d.Text[b.Start:b.End], "#= ")))
		}
	}
	r.Headline = reports.Headline{Article: art.ID, Outlet: art.Outlet, Event: art.Event,
		Text: strings.Join(parts, " — "), Terms: []string{}}
}

// speaker returns the counters of a speaker. A speaker that resolves to an
// actor is counted under the actor's name, so "Naqvi" and "Interior Minister
// Mohsin Naqvi" are one speaker.
func (r *ArticleResult) speaker(name string, actor *lexicons.Actor) *reports.Speaker {
	id := ""
	if actor != nil {
		name, id = actor.Name, actor.ID
	}
	s := r.Speakers[name]
	if s == nil {
		s = &reports.Speaker{Speaker: name, Terms: map[string]int{}, Actor: id}
		r.Speakers[name] = s
	}
	return s
}

func actorID(a *lexicons.Actor) string {
	if a == nil {
		return ""
	}
	return a.ID
}

// summarizeActors records mentions, agency and unlinked entities, and
// returns the actors named in each clause (by clause id), for the actor
// stance counters.
func (a *Analyzer) summarizeActors(d *Doc, r *ArticleResult) map[int][]string {
	art := d.Article
	clauseActors := map[int][]string{}
	r.Mentions = make([]reports.Mention, 0, len(d.Mentions))
	for _, m := range d.Mentions {
		id := m.Actor.ID
		if r.Actors[id] == nil {
			r.Actors[id] = NewActorSum()
			r.ActorInfo[id] = reports.ActorInfo{ID: id, Name: m.Actor.Name, Type: m.Actor.Type, Role: m.Actor.Role}
		}
		r.Actors[id].Mentions++
		c := d.Clauses[m.First]
		if !containsString(clauseActors[c], id) {
			clauseActors[c] = append(clauseActors[c], id)
		}
		field, start := d.Field(m.Start)
		r.Mentions = append(r.Mentions, reports.Mention{Article: art.ID, Outlet: art.Outlet, Actor: id,
			Field: field, Start: start, End: start + (m.End - m.Start), Text: d.Text[m.Start:m.End]})
	}
	for _, ev := range d.Agency {
		label := d.Voice.Label(ev.First, ev.Last)
		start, end := d.Tokens[ev.First].Start, d.Tokens[ev.Last].End
		field, rel := d.Field(start)
		s := d.Sentences[ev.Sentence]
		r.Agency = append(r.Agency, reports.AgencyEvent{Article: art.ID, Outlet: art.Outlet, Verb: ev.Verb, Text: ev.Text,
			Agent: actorID(ev.Agent), Patient: actorID(ev.Patient), Passive: ev.Passive, Agentless: ev.Agentless,
			Voice: label.Voice, Field: field, Start: rel, End: rel + (end - start), Context: d.Text[s.Start:s.End]})
		if label.Voice == voice.Negated {
			continue // "denied that security forces opened fire" asserts no agency
		}
		if ev.Agent != nil && r.Actors[ev.Agent.ID] != nil {
			r.Actors[ev.Agent.ID].Agent++
		}
		if ev.Patient != nil && r.Actors[ev.Patient.ID] != nil {
			r.Actors[ev.Patient.ID].Patient++
		}
		if ev.Agentless && label.Voice == voice.Authorial {
			r.AgentlessPassives++
		}
	}
	byText := map[string]int{}
	for _, e := range d.Entities {
		s := d.Sentences[e.Sentence]
		if i, ok := byText[e.Text+"\x00"+e.Label]; ok {
			r.Unlinked[i].Count++
			continue
		}
		byText[e.Text+"\x00"+e.Label] = len(r.Unlinked)
		r.Unlinked = append(r.Unlinked, reports.UnlinkedEntity{Text: e.Text, Label: e.Label, Count: 1, Articles: 1,
			Event: art.Event, Example: d.Text[s.Start:s.End]})
	}
	return clauseActors
}

// resolveSpeaker finds the actor a speaker is: one named in the speaker's
// phrase, else one whose alias the normalised name is.
func (a *Analyzer) resolveSpeaker(d *Doc, speaker string, subject tokenize.Span) *lexicons.Actor {
	return a.speakerActor(d, a.Gazetteer(d.Article.Event), voice.Label{Speaker: speaker, Subject: subject})
}

// isVocabularyWord says which words the distinctive-terms statistics count:
// not stop words (Snowball's English list), not contraction tails ("n't",
// "'re"), and at least two letters.
func isVocabularyWord(norm string) bool {
	if english.IsStopWord(norm) || strings.HasPrefix(norm, "'") || norm == "n't" {
		return false
	}
	letters := 0
	for _, r := range norm {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func addCount(cs []CatCount, cat, v int) []CatCount {
	for i := range cs {
		if cs[i].Cat == cat && cs[i].Voice == v {
			cs[i].N++
			return cs
		}
	}
	return append(cs, CatCount{Cat: cat, Voice: v, N: 1})
}

// sortHits orders an article's hits by position, then category: the order a
// reader meets them, independent of lexicon order.
func sortHits(hs []reports.Hit) {
	fieldRank := func(f string) int {
		if f == "title" {
			return 0
		}
		return 1
	}
	sort.SliceStable(hs, func(i, j int) bool {
		a, b := hs[i], hs[j]
		if fieldRank(a.Field) != fieldRank(b.Field) {
			return fieldRank(a.Field) < fieldRank(b.Field)
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Category < b.Category
	})
}

func Per1k(n, tokens int) reports.Float {
	if tokens == 0 {
		return 0
	}
	return reports.Float(float64(n) * 1000 / float64(tokens))
}
