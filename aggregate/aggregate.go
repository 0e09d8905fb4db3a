package aggregate

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/framing/framing/cache"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// Aggregator sums ArticleResults into outlet totals, once over the whole
// corpus and once within each event.
//
// A few things in a report depend on the corpus order: which of two files
// with one id is skipped, the order of the bootstrap's sentences, which of
// equally loaded sentences come first, which article an actor's,
// speaker's or unlinked name's details are taken from, the order of
// articles, headlines, problems and records, and the order floating-point
// weights are summed in. The aggregator keeps each of them keyed by the
// file's path (corpus order is path order, corpus.List) or per file, in
// order. So an article can be added in the middle of a restored aggregate
// (Insert, the snapshot) and give the bytes a run over the
// whole corpus gives, instead of re-summing 10,000 articles to add one.
type Aggregator struct {
	a     *pipeline.Analyzer
	stats StatsOptions

	files   []*fileSlot       // every file, in corpus order
	idOwner map[string]string // article id -> path of the file that holds it

	groups map[groupKey]*outletSum // outlet sums; event "" is the whole corpus
	events map[string]bool

	actors    map[string]reports.ActorInfo
	actorFrom map[string]string // actor id -> path its info came from
	unlinked  map[string]*unlinkedSum

	// Inline records (records == nil), in corpus order.
	hits     []reports.Hit
	quotes   []reports.Quote
	mentions []reports.Mention
	agency   []reports.AgencyEvent

	// cache, when set, keeps bootstrap intervals between runs.
	cache *cache.Cache

	// records, when set, receives hits, quotes, mentions and agency events
	// instead of the slices above; err is its first write error.
	records *reports.RecordFiles
	err     error

	// prev, for an aggregate restored from a snapshot, holds the records of
	// its files; the files added since hold theirs (fileSlot.pending) until
	// Report splices them in.
	prev *reports.RecordSource

	// external: the records are kept apart from the aggregate, as a
	// distributed run's shards (see ExternalRecords): each file's are
	// encoded into its slot (pending) for the caller to take, and only
	// their index stays.
	external bool
}

// fileSlot is one corpus file's share of the aggregate that depends on its
// place in the corpus order.
type fileSlot struct {
	Path     string            // relative to the corpus, slash-separated
	Stat     pipeline.FileStat // as it was before the file was read
	Hash     string            // sha256 of the file; "" when it could not be read
	Gaz      string            // sha256 of the event's gazetteer it was analysed with
	Problems []reports.Problem
	Accepted bool // analysed, and its id not held by an earlier file

	Article                     reports.Article
	Headline                    reports.Headline
	Weighted, WeightedAuthorial float64
	Counted                     int                 // its sentences with counts (bootstrap order)
	Index                       reports.RecordIndex // its records, when written apart

	pending *reports.EncodedRecords // records not yet written (added to a restored aggregate)
	inline  [4]int                  // its inline records: hits, quotes, mentions, agency events (Merge)
}

// errReorder stops adding to a restored aggregate when the added file
// changes what an earlier-restored file contributed (it takes the id of a
// file after it): the run starts over from the article cache.
var errReorder = errors.New("pipeline: the added file changes earlier files' part of the report")

type groupKey struct{ event, outlet string }

type unlinkedSum struct {
	reports.UnlinkedEntity
	labels map[string]int
	events map[string]int
	from   string // path of the file the entity's details came from
}

// outletSum is one outlet's counters in one scope.
type outletSum struct {
	articles, tokens, sentences, covered int
	catVoice                             []pipeline.VoiceCounts
	loaded                               pipeline.VoiceCounts // counted loaded hits, each span once
	verbs                                reports.ReportVerbs
	speakers                             map[string]*reports.Speaker
	speakerFrom                          map[string]string // speaker -> path its actor came from
	actors                               map[string]*pipeline.ActorSum
	agentless                            int
	stems                                map[string]int                   // word stems, stop words excluded
	forms                                map[pipeline.StemForm]int        // spellings of the stems (ArticleResult.Forms); whole-corpus groups only
	terms                                map[string]*pipeline.VoiceCounts // lexicon terms, each hit span once
	samples                              stats.Samples                    // per sentence, for the bootstrap: see Aggregator.add
	weighted, weightedAuthorial          float64
	top                                  []reports.LoadedSentence
	topFrom                              []string // path of each top sentence's article
}

func newOutletSum(ncats int) *outletSum {
	return &outletSum{catVoice: make([]pipeline.VoiceCounts, ncats), verbs: reports.ReportVerbs{Cues: map[string]int{}},
		speakers: map[string]*reports.Speaker{}, speakerFrom: map[string]string{}, actors: map[string]*pipeline.ActorSum{},
		stems: map[string]int{}, forms: map[pipeline.StemForm]int{}, terms: map[string]*pipeline.VoiceCounts{}}
}

// NewAggregator returns an empty aggregator for results of a.
func NewAggregator(a *pipeline.Analyzer, so StatsOptions) *Aggregator {
	return &Aggregator{a: a, stats: so.withDefaults(), idOwner: map[string]string{}, groups: map[groupKey]*outletSum{},
		events: map[string]bool{}, actors: map[string]reports.ActorInfo{}, actorFrom: map[string]string{},
		unlinked: map[string]*unlinkedSum{}}
}

// Add takes one article's result (nil when the file could not be
// analysed) and the file's problems. Feed it in corpus order.
func (g *Aggregator) Add(r *pipeline.ArticleResult, probs []*corpus.Problem) {
	f := &pipeline.Analysed{Result: r, Problems: probs}
	if r != nil {
		f.Path = r.Article.Path
	} else if len(probs) > 0 {
		f.Path = probs[0].Path
	}
	g.add(f, len(g.files))
}

// AddAnalysed is Add for AnalyzeCorpus's sink: the file after the last added.
func (g *Aggregator) AddAnalysed(f *pipeline.Analysed) { g.add(f, len(g.files)) }

// Insert adds a file where its path puts it in corpus order. It fails
// with errReorder when the file would change what the files around it
// contributed.
func (g *Aggregator) Insert(f *pipeline.Analysed) error {
	pos := sort.Search(len(g.files), func(i int) bool { return g.files[i].Path > f.Path })
	if pos > 0 && g.files[pos-1].Path == f.Path {
		return fmt.Errorf("pipeline: %s added twice", f.Path)
	}
	g.add(f, pos)
	return g.err
}

func (g *Aggregator) add(f *pipeline.Analysed, pos int) {
	if g.err != nil {
		return
	}
	slot := &fileSlot{Path: f.Path, Stat: f.Stat, Hash: f.Hash}
	defer func() {
		if g.err != errReorder {
			g.files = slices.Insert(g.files, pos, slot)
		}
	}()
	for _, p := range f.Problems {
		slot.Problems = append(slot.Problems, reports.ProblemFrom(p))
	}
	r := f.Result
	if r == nil {
		return
	}
	slot.Gaz = g.a.GazetteerHash(r.Article.Event)
	if holder, ok := g.idOwner[r.Article.ID]; ok {
		if holder > f.Path {
			g.err = errReorder // the file at holder would be skipped instead
			return
		}
		p := corpus.DuplicateID(&corpus.Article{ID: r.Article.ID, Path: f.Path}, holder)
		slot.Problems = append(slot.Problems, reports.ProblemFrom(p))
		return
	}
	g.idOwner[r.Article.ID] = f.Path
	slot.Accepted = true
	slot.Article = r.Article
	// A cached result decodes empty slices as nil (gob): the report must not
	// tell them apart, so they are made empty here.
	slot.Article.Excluded = nonNil(slot.Article.Excluded)
	slot.Headline = r.Headline
	slot.Headline.Terms = nonNil(slot.Headline.Terms)
	slot.Weighted, slot.WeightedAuthorial = r.WeightedLoaded, r.WeightedAuthorial

	samples := g.samples(r)
	slot.Counted = samples.Counted()
	for _, ev := range []string{"", r.Article.Event} {
		key := groupKey{ev, r.Article.Outlet}
		o := g.groups[key]
		if o == nil {
			o = newOutletSum(len(g.a.Categories()))
			g.groups[key] = o
		}
		o.add(r, f.Path)
		if ev == "" {
			// An outlet's spellings are kept once, over the corpus: an
			// event's distinctive stems are shown as the outlet spells
			// them anywhere (the same word, nearly always).
			for k, n := range r.Forms {
				o.forms[k] += n
			}
		}
	}
	// Bootstrap samples. An outlet's counted sentences are kept once, in
	// its whole-corpus group, in corpus order; an event's group keeps only
	// its count-free sentences, and its counted ones are cut out of the
	// outlet's when the report needs them (eventSamples). Kept in both, at
	// 10,000 articles they were 2.8 MB more live heap for the whole run.
	whole := g.groups[groupKey{"", r.Article.Outlet}]
	at := whole.samples.Counted()
	if pos < len(g.files) {
		at = g.countedBefore(pos, r.Article.Outlet)
	}
	whole.samples.InsertAll(at, samples)
	g.groups[groupKey{r.Article.Event, r.Article.Outlet}].samples.AddZero(samples)
	for id := range r.Actors {
		if from, ok := g.actorFrom[id]; !ok || f.Path < from {
			g.actors[id], g.actorFrom[id] = r.ActorInfo[id], f.Path
		}
	}
	for _, u := range r.Unlinked {
		x := g.unlinked[u.Text]
		if x == nil {
			x = &unlinkedSum{labels: map[string]int{}, events: map[string]int{}}
			g.unlinked[u.Text] = x
		}
		if x.from == "" || f.Path < x.from {
			count, articles := x.Count, x.Articles
			x.UnlinkedEntity, x.from = u, f.Path
			x.Count, x.Articles = count, articles
		}
		x.Count += u.Count
		x.Articles++
		x.labels[u.Label] += u.Count
		x.events[u.Event] += u.Count
	}
	g.events[r.Article.Event] = true
	switch {
	case g.external:
		rec, err := r.Encode(g.a.Spans())
		if err != nil {
			g.err = err
			return
		}
		slot.Index, slot.pending = rec.Index, rec
	case g.records == nil:
		if pos < len(g.files) {
			g.err = errReorder // inline records are only ever appended
			return
		}
		hits, quotes, mentions, agency, err := r.Records()
		g.err = err
		slot.inline = [4]int{len(hits), len(quotes), len(mentions), len(agency)}
		g.hits = append(g.hits, hits...)
		g.quotes = append(g.quotes, quotes...)
		g.mentions = append(g.mentions, mentions...)
		g.agency = append(g.agency, agency...)
	default:
		rec, err := r.Encode(g.a.Spans())
		if err != nil {
			g.err = err
			return
		}
		slot.Index = rec.Index
		if g.prev != nil {
			slot.pending = rec
		} else {
			g.err = g.records.WriteEncoded(rec)
		}
	}
}

// countedBefore is how many counted sentences the files before pos give
// the outlet: where an article inserted at pos puts its own.
func (g *Aggregator) countedBefore(pos int, outlet string) int {
	n := 0
	for _, s := range g.files[:pos] {
		if s.Accepted && s.Article.Outlet == outlet {
			n += s.Counted
		}
	}
	return n
}

// eventSamples are the bootstrap samples of an outlet in one event: the
// event group's count-free sentences, and the runs of the outlet's counted
// sentences (kept in corpus order in its whole-corpus group) that the
// event's articles gave.
func (g *Aggregator) eventSamples(event, outlet string) *stats.Samples {
	out := &stats.Samples{}
	out.AddZero(&g.groups[groupKey{event, outlet}].samples)
	whole := &g.groups[groupKey{"", outlet}].samples
	at := 0
	for _, s := range g.files {
		if !s.Accepted || s.Article.Outlet != outlet {
			continue
		}
		if s.Article.Event == event {
			out.AppendCounted(whole, at, at+s.Counted)
		}
		at += s.Counted
	}
	return out
}

// samples turns an article's sentences into bootstrap samples: one dimension
// per category (all voices), one for counted loaded hits in the authorial
// voice, one per category in the authorial voice, and last one for counted
// loaded hits in all voices (sampleDims).
func (g *Aggregator) samples(r *pipeline.ArticleResult) *stats.Samples {
	ncats := len(g.a.Categories())
	authorialDim, loadedDim := ncats, 2*ncats+1
	out := &stats.Samples{}
	var counts []stats.Count
	for _, s := range r.Sentences {
		if s.Tokens == 0 && len(s.Cats) == 0 && s.Loaded == 0 {
			continue // no prose (an excluded line, a lone mark): not a unit of the text
		}
		counts = counts[:0]
		if s.LoadedAuthorial > 0 {
			counts = append(counts, stats.Count{Dim: authorialDim, N: s.LoadedAuthorial})
		}
		for _, c := range s.Cats {
			counts = append(counts, stats.Count{Dim: c.Cat, N: c.N})
			if c.Voice == pipeline.VoiceAuthorial {
				counts = append(counts, stats.Count{Dim: authorialDim + 1 + c.Cat, N: c.N})
			}
		}
		if s.Loaded > 0 {
			counts = append(counts, stats.Count{Dim: loadedDim, N: s.Loaded})
		}
		slices.SortStableFunc(counts, func(a, b stats.Count) int { return a.Dim - b.Dim })
		out.Add(s.Tokens, counts)
	}
	return out
}

// sampleDims is how many dimensions the bootstrap samples have (samples).
func (g *Aggregator) sampleDims() int { return 2*len(g.a.Categories()) + 2 }

// add adds an article's counts (its bootstrap samples apart: see
// Aggregator.add); path is its place in corpus order.
func (o *outletSum) add(r *pipeline.ArticleResult, path string) {
	o.articles++
	o.tokens += r.Tokens
	o.sentences += len(r.Sentences)
	o.covered += r.Covered
	o.addCounts(r.CatVoice, r.Loaded, r.Verbs)
	for name, sp := range r.Speakers {
		o.addSpeaker(name, sp, path)
	}
	o.agentless += r.AgentlessPassives
	o.addVocabulary(r.Actors, r.Stems, r.Terms)
	o.addTop(r.TopSentences, path)
}

// addVocabulary adds actor, stem and lexicon-term counts.
func (o *outletSum) addVocabulary(actors map[string]*pipeline.ActorSum, stems map[string]int, terms map[string]*pipeline.VoiceCounts) {
	for id, as := range actors {
		x := o.actors[id]
		if x == nil {
			x = pipeline.NewActorSum()
			o.actors[id] = x
		}
		x.Add(as)
	}
	for st, n := range stems {
		o.stems[st] += n
	}
	pipeline.AddVoiceCounts(o.terms, terms)
}

// addCounts adds category counts by voice, counted loaded hits by voice,
// and report verbs.
func (o *outletSum) addCounts(catVoice []pipeline.VoiceCounts, loaded pipeline.VoiceCounts, verbs reports.ReportVerbs) {
	for i, vc := range catVoice {
		for v, n := range vc {
			o.catVoice[i][v] += n
		}
	}
	for v, n := range loaded {
		o.loaded[v] += n
	}
	o.verbs.Neutral += verbs.Neutral
	o.verbs.Loaded += verbs.Loaded
	for k, n := range verbs.Cues {
		o.verbs.Cues[k] += n
	}
}

// addSpeaker adds a speaker's counts; from is the path of the file they
// come from (the first in corpus order gives the speaker's actor).
func (o *outletSum) addSpeaker(name string, sp *reports.Speaker, from string) {
	x := o.speakers[name]
	if x == nil {
		x = &reports.Speaker{Speaker: name, Terms: map[string]int{}}
		o.speakers[name] = x
	}
	if prev, ok := o.speakerFrom[name]; !ok || from < prev {
		x.Actor, o.speakerFrom[name] = sp.Actor, from
	}
	x.Quotes += sp.Quotes
	x.Attributions += sp.Attributions
	x.LoadedHits += sp.LoadedHits
	for t, n := range sp.Terms {
		x.Terms[t] += n
	}
}

// addTop merges an article's most loaded sentences into the outlet's: by
// loadedness and score (MoreLoaded), ties in corpus order (then in the article's order), the first
// TopSentences kept. Appending articles in corpus order, this is the
// stable merge TopLoaded does.
func (o *outletSum) addTop(list []reports.LoadedSentence, path string) {
	type entry struct {
		s    reports.LoadedSentence
		from string
	}
	all := make([]entry, 0, len(o.top)+len(list))
	for i := range o.top {
		all = append(all, entry{o.top[i], o.topFrom[i]})
	}
	for _, s := range list {
		all = append(all, entry{s, path})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i].s, all[j].s
		if a.Loadedness != b.Loadedness || a.Score != b.Score {
			return pipeline.MoreLoaded(a, b)
		}
		return all[i].from < all[j].from
	})
	all = all[:min(len(all), pipeline.TopSentences)]
	o.top, o.topFrom = o.top[:0], o.topFrom[:0]
	for _, e := range all {
		o.top = append(o.top, e.s)
		o.topFrom = append(o.topFrom, e.from)
	}
}

// Report builds the report from everything added so far.
func (g *Aggregator) Report() (*reports.Report, error) {
	if g.external {
		return nil, errors.New("pipeline: the aggregate's records are apart: AttachRecordShards first")
	}
	if err := g.spliceRecords(); err != nil {
		return nil, err
	}
	articles, headlines, problems := []reports.Article{}, []reports.Headline{}, []reports.Problem{}
	skipped := 0
	for _, o := range g.groups {
		o.weighted, o.weightedAuthorial = 0, 0
	}
	for _, s := range g.files {
		problems = append(problems, s.Problems...)
		if !s.Accepted {
			skipped++
			continue
		}
		articles = append(articles, s.Article)
		headlines = append(headlines, s.Headline)
		// Summed file by file in corpus order: floating-point addition is
		// not associative, and the report must not depend on how it was
		// built.
		for _, ev := range []string{"", s.Article.Event} {
			o := g.groups[groupKey{ev, s.Article.Outlet}]
			o.weighted += s.Weighted
			o.weightedAuthorial += s.WeightedAuthorial
		}
	}
	rep := &reports.Report{
		Schema:    reports.Schema,
		Generator: reports.Generator{Name: "framing", Version: pipeline.Version},
		Articles:  articles,
		Hits:      nonNil(g.hits),
		Problems:  problems,
		Quotes:    nonNil(g.quotes),
		Headlines: headlines,
		Mentions:  nonNil(g.mentions),
		Agency:    nonNil(g.agency),
		Stats: reports.StatsInfo{Resamples: g.stats.Resamples, Level: reports.Float(g.stats.Level),
			Seed: g.stats.Seed, Prior: g.stats.priorName(), Method: g.stats.methodName()},
		Voice: g.a.VoiceRules(),
	}
	for _, l := range g.a.Lexicons() {
		rep.Lexicons = append(rep.Lexicons, reports.LexiconInfo{Name: l.Name, Version: l.Version,
			SHA256: l.SHA256, Licence: l.Licence, Source: l.Source, Entries: len(l.Entries)})
	}
	for _, c := range g.a.Categories() {
		rep.Categories = append(rep.Categories, reports.CategoryInfo{ID: c.ID, Label: c.Label,
			Kind: string(c.Kind), Lexicon: c.ID[:len(c.ID)-len(c.Local)-1], Description: c.Description})
	}
	rep.Corpus.Events = sortedKeys(g.events)
	// The scopes (the whole corpus, then each event) only read the sums, and
	// their statistics are the costly part of a report: bootstrap intervals
	// (one task per scope and outlet, each with its own seed) and then
	// comparisons and distinctive terms (one task per scope) run on every
	// core. Each task writes its own slot, so the report does not depend on
	// scheduling.
	scopes := make([]*scopeRows, 1+len(rep.Corpus.Events))
	for i := range scopes {
		ev := ""
		if i > 0 {
			ev = rep.Corpus.Events[i-1]
		}
		scopes[i] = g.scopeRows(ev)
	}
	type task struct{ scope, row int }
	var tasks []task
	for i, sc := range scopes {
		for k := range sc.rows {
			tasks = append(tasks, task{i, k})
		}
	}
	parallel(len(tasks), func(t int) {
		sc := scopes[tasks[t].scope]
		k := tasks[t].row
		g.intervals(sc.event, &sc.rows[k], sc.sums[k])
	})
	rep.Events = make([]reports.EventReport, len(rep.Corpus.Events))
	parallel(len(scopes), func(i int) {
		sc := scopes[i]
		c, d, pca := g.compare(sc.rows, sc.sums), g.distinctive(sc.names, sc.sums), g.pca(sc.rows)
		if i == 0 {
			rep.Outlets, rep.Comparison, rep.Distinctive, rep.PCA = sc.rows, c, d, pca
			return
		}
		rep.Events[i-1] = reports.EventReport{Event: sc.event, Outlets: sc.rows, Comparison: c, Distinctive: d, PCA: pca}
	})
	for _, o := range rep.Outlets {
		rep.Corpus.Tokens += o.Tokens
		rep.Corpus.Sentences += o.Sentences
	}
	rep.Corpus.Articles = len(articles)
	rep.Corpus.Skipped = skipped
	if g.records != nil {
		index := make([]reports.RecordIndex, 0, len(articles))
		for _, s := range g.files {
			if s.Accepted {
				index = append(index, s.Index)
			}
		}
		if err := rep.AttachRecords(g.records, index, g.a.Spans()); err != nil {
			return nil, err
		}
	} else {
		rep.Records = reports.InlineRecords(rep)
	}
	rep.Actors = g.actorList()
	rep.Gazetteers = g.gazetteerList()
	rep.Omissions = g.omissions()
	rep.UnlinkedEntities = g.unlinkedList()
	return rep, nil
}

// spliceRecords writes the records of a restored aggregate, in corpus
// order: the restored files' copied from the previous record files, the
// added files' from their encoding.
func (g *Aggregator) spliceRecords() error {
	if g.prev == nil {
		return nil
	}
	defer func() { g.prev.Close(); g.prev = nil }()
	for _, s := range g.files {
		if !s.Accepted {
			continue
		}
		var err error
		if s.pending != nil {
			err, s.pending = g.records.WriteEncoded(s.pending), nil
		} else {
			err = g.records.CopyArticle(g.prev, s.Index)
		}
		if err != nil {
			return err
		}
	}
	return g.records.Flush()
}

// scopeRows are the outlets of one scope: the whole corpus (event "") or
// one event.
type scopeRows struct {
	event string
	names []string
	sums  []*outletSum
	rows  []reports.Outlet
}

func (g *Aggregator) scopeRows(event string) *scopeRows {
	sc := &scopeRows{event: event}
	for k := range g.groups {
		if k.event == event {
			sc.names = append(sc.names, k.outlet)
		}
	}
	sort.Strings(sc.names)
	for _, name := range sc.names {
		s := g.groups[groupKey{event, name}]
		sc.sums = append(sc.sums, s)
		sc.rows = append(sc.rows, g.outletRow(name, s))
	}
	return sc
}

// parallel calls fn(0) ... fn(n-1) on GOMAXPROCS goroutines and waits.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func (g *Aggregator) outletRow(name string, s *outletSum) reports.Outlet {
	o := reports.Outlet{Outlet: name, Articles: s.articles, Tokens: s.tokens, Sentences: s.sentences,
		Categories: map[string]reports.CategoryStat{}, ReportVerbs: s.verbs}
	if s.tokens > 0 {
		o.Coverage = reports.Float(float64(s.covered) / float64(s.tokens))
	}
	var all pipeline.VoiceCounts
	for i, c := range g.a.Categories() {
		vc := s.catVoice[i]
		o.Categories[c.ID] = reports.CategoryStat{Kind: string(c.Kind), Hits: vc.Total(), Per1k: pipeline.Per1k(vc.Total(), s.tokens),
			Voice: vc.Report(), VoicePer1k: reports.VoiceRates{
				Authorial: pipeline.Per1k(vc[pipeline.VoiceAuthorial], s.tokens), Quoted: pipeline.Per1k(vc[pipeline.VoiceQuoted], s.tokens),
				Attributed: pipeline.Per1k(vc[pipeline.VoiceAttributed], s.tokens), Negated: pipeline.Per1k(vc[pipeline.VoiceNegated], s.tokens),
				Distanced: pipeline.Per1k(vc[pipeline.VoiceDistanced], s.tokens)}}
		for v, n := range vc {
			all[v] += n
		}
	}
	o.Voice = all.Report()
	o.Loaded = s.loaded.Report()
	o.LoadedPer1k = pipeline.Per1k(s.loaded.Total(), s.tokens)
	o.AuthorialPer1k = pipeline.Per1k(s.loaded[pipeline.VoiceAuthorial], s.tokens)
	o.WeightedLoadedPer1k = pipeline.WeightedPer1k(s.weighted, s.tokens)
	o.WeightedAuthorialPer1k = pipeline.WeightedPer1k(s.weightedAuthorial, s.tokens)
	o.TopSentences = nonNil(s.top)
	o.Speakers = topSpeakers(s.speakers, 10)
	o.AgentlessPassives = s.agentless
	o.AgentlessPassivePer1k = pipeline.Per1k(s.agentless, s.tokens)
	o.Actors = map[string]reports.ActorStat{}
	total := 0
	for _, as := range s.actors {
		total += as.Mentions
	}
	for id, as := range s.actors {
		st := reports.ActorStat{Mentions: as.Mentions, Agent: as.Agent, Patient: as.Patient,
			Categories: map[string]reports.ActorCategory{}}
		if total > 0 {
			st.Coverage = reports.Float(float64(as.Mentions) / float64(total))
		}
		for ci, vc := range as.CatVoice {
			st.Categories[g.a.Categories()[ci].ID] = reports.ActorCategory{Hits: vc.Total(), Voice: vc.Report()}
		}
		o.Actors[id] = st
	}
	return o
}

// topSpeakers orders speakers by how often the outlet gives them voice
// (quotations plus report cues), then by loaded hits in their words, then by
// name, and keeps the first n.
func topSpeakers(m map[string]*reports.Speaker, n int) []reports.Speaker {
	list := make([]reports.Speaker, 0, len(m))
	for _, s := range m {
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Quotes+a.Attributions != b.Quotes+b.Attributions {
			return a.Quotes+a.Attributions > b.Quotes+b.Attributions
		}
		if a.LoadedHits != b.LoadedHits {
			return a.LoadedHits > b.LoadedHits
		}
		return a.Speaker < b.Speaker
	})
	if len(list) > n {
		list = list[:n]
	}
	return list
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (g *Aggregator) actorList() []reports.ActorInfo {
	out := make([]reports.ActorInfo, 0, len(g.actors))
	for _, a := range g.actors {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (g *Aggregator) gazetteerList() []reports.GazetteerInfo {
	out := []reports.GazetteerInfo{}
	for _, ev := range sortedKeys(g.events) {
		if gz := g.a.Gazetteer(ev); gz != nil {
			out = append(out, reports.GazetteerInfo{Event: ev, Paths: slashPaths(gz.Paths), SHA256: gz.SHA256, Actors: len(gz.Actors)})
		}
	}
	return out
}

func slashPaths(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = filepath.ToSlash(p)
	}
	return out
}

// OmissionMinMentions is how often the other outlets covering an event must
// mention an actor for its absence from one outlet to count as an omission.
const OmissionMinMentions = 3

// omissions lists, per event and outlet, the actors the other outlets of the
// event mention at least OmissionMinMentions times and this outlet never.
func (g *Aggregator) omissions() []reports.Omission {
	out := []reports.Omission{}
	for _, ev := range sortedKeys(g.events) {
		var outlets []string
		actors := map[string]bool{}
		for k, s := range g.groups {
			if k.event == ev {
				outlets = append(outlets, k.outlet)
				for id := range s.actors {
					actors[id] = true
				}
			}
		}
		sort.Strings(outlets)
		mentions := func(outlet, id string) int {
			if as := g.groups[groupKey{ev, outlet}].actors[id]; as != nil {
				return as.Mentions
			}
			return 0
		}
		for _, o := range outlets {
			for _, id := range sortedKeys(actors) {
				if mentions(o, id) > 0 {
					continue
				}
				n, k := 0, 0
				for _, other := range outlets {
					if m := mentions(other, id); other != o && m > 0 {
						n += m
						k++
					}
				}
				if n >= OmissionMinMentions {
					out = append(out, reports.Omission{Event: ev, Outlet: o, Actor: id, MentionsElsewhere: n, OutletsElsewhere: k})
				}
			}
		}
	}
	return out
}

// unlinkedList orders unlinked entities by count, then text; each takes its
// most frequent label and event (ties broken by name).
func (g *Aggregator) unlinkedList() []reports.UnlinkedEntity {
	out := make([]reports.UnlinkedEntity, 0, len(g.unlinked))
	for _, u := range g.unlinked {
		e := u.UnlinkedEntity
		e.Label, e.Event = mostFrequent(u.labels), mostFrequent(u.events)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Text < out[j].Text
	})
	return out
}

func mostFrequent(m map[string]int) string {
	best, n := "", -1
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}
