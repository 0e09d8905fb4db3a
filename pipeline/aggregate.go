package pipeline

import (
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/stats"
	"github.com/framing/framing/reports"
)

// Version is written into every report, and keys the article cache.
const Version = "0.1.0"

// Aggregator sums ArticleResults into outlet totals, once over the whole
// corpus and once within each event. Feed it in corpus order (Analyse does):
// duplicate ids are resolved by that order. Everything it keeps is a sum, so
// the order of articles never changes a total.
type Aggregator struct {
	a     *Analyzer
	stats StatsOptions
	ids   corpus.IDs

	groups    map[groupKey]*outletSum // outlet sums; event "" is the whole corpus
	events    map[string]bool
	articles  []reports.Article
	hits      []reports.Hit
	quotes    []reports.Quote
	headlines []reports.Headline
	problems  []reports.Problem
	skipped   int

	actors   map[string]reports.ActorInfo
	mentions []reports.Mention
	agency   []reports.AgencyEvent
	unlinked map[string]*unlinkedSum

	// cache, when set, keeps bootstrap intervals between runs.
	cache *Cache

	// records, when set, receives hits, quotes, mentions and agency events
	// instead of the slices above; err is its first write error.
	records *reports.RecordFiles
	err     error
}

type groupKey struct{ event, outlet string }

type unlinkedSum struct {
	reports.UnlinkedEntity
	labels map[string]int
	events map[string]int
}

// outletSum is one outlet's counters in one scope.
type outletSum struct {
	articles, tokens, sentences, covered int
	catVoice                             []VoiceCounts
	verbs                                reports.ReportVerbs
	speakers                             map[string]*reports.Speaker
	actors                               map[string]*ActorSum
	agentless                            int
	stems                                map[string]int          // word stems, stop words excluded
	terms                                map[string]*VoiceCounts // lexicon terms, each hit span once
	samples                              stats.Samples           // per sentence, for the bootstrap
	weighted, weightedAuthorial          float64
	top                                  []reports.LoadedSentence
}

func newOutletSum(ncats int) *outletSum {
	return &outletSum{catVoice: make([]VoiceCounts, ncats), verbs: reports.ReportVerbs{Cues: map[string]int{}},
		speakers: map[string]*reports.Speaker{}, actors: map[string]*ActorSum{},
		stems: map[string]int{}, terms: map[string]*VoiceCounts{}}
}

// NewAggregator returns an empty aggregator for results of a.
func NewAggregator(a *Analyzer, so StatsOptions) *Aggregator {
	return &Aggregator{a: a, stats: so.withDefaults(), groups: map[groupKey]*outletSum{}, events: map[string]bool{},
		actors: map[string]reports.ActorInfo{}, unlinked: map[string]*unlinkedSum{}}
}

// Add takes one article's result (nil when the file could not be analysed)
// and the file's problems.
func (g *Aggregator) Add(r *ArticleResult, probs []*corpus.Problem) {
	for _, p := range probs {
		g.problems = append(g.problems, problemRow(p.Path, p.Line, p.Severity.String(), p.Msg))
	}
	if r == nil {
		g.skipped++
		return
	}
	if p := g.ids.Claim(&corpus.Article{ID: r.Article.ID, Path: r.Article.Path}); p != nil {
		g.problems = append(g.problems, problemRow(p.Path, p.Line, p.Severity.String(), p.Msg))
		g.skipped++
		return
	}
	samples := g.samples(r)
	for _, ev := range []string{"", r.Article.Event} {
		key := groupKey{ev, r.Article.Outlet}
		o := g.groups[key]
		if o == nil {
			o = newOutletSum(len(g.a.cats))
			g.groups[key] = o
		}
		o.add(r, samples)
	}
	for id := range r.Actors {
		if _, ok := g.actors[id]; !ok {
			g.actors[id] = r.ActorInfo[id]
		}
	}
	for _, u := range r.Unlinked {
		x := g.unlinked[u.Text]
		if x == nil {
			x = &unlinkedSum{UnlinkedEntity: u, labels: map[string]int{}, events: map[string]int{}}
			x.Count, x.Articles = 0, 0
			g.unlinked[u.Text] = x
		}
		x.Count += u.Count
		x.Articles++
		x.labels[u.Label] += u.Count
		x.events[u.Event] += u.Count
	}
	g.events[r.Article.Event] = true
	g.articles = append(g.articles, r.Article)
	// A cached result decodes empty slices as nil (gob): the report must not
	// tell them apart, so they are made empty here.
	h := r.Headline
	h.Terms = nonNil(h.Terms)
	g.headlines = append(g.headlines, h)
	switch {
	case g.err != nil:
	case g.records == nil:
		hits, quotes, mentions, agency, err := r.records()
		g.err = err
		g.hits = append(g.hits, hits...)
		g.quotes = append(g.quotes, quotes...)
		g.mentions = append(g.mentions, mentions...)
		g.agency = append(g.agency, agency...)
	default:
		rec, err := r.encoded()
		if err == nil {
			err = g.records.WriteEncoded(rec)
		}
		g.err = err
	}
}

// samples turns an article's sentences into bootstrap samples: one dimension
// per category (all voices), and one more for loaded hits in the authorial
// voice.
func (g *Aggregator) samples(r *ArticleResult) *stats.Samples {
	authorialDim := len(g.a.cats)
	out := &stats.Samples{}
	var counts []stats.Count
	for _, s := range r.Sentences {
		counts = counts[:0]
		for _, c := range s.Cats {
			counts = append(counts, stats.Count{Dim: c.Cat, N: c.N})
			if c.Voice == vAuthorial && g.a.cats[c.Cat].Kind == lexicons.Loaded {
				counts = append(counts, stats.Count{Dim: authorialDim, N: c.N})
			}
		}
		out.Add(s.Tokens, counts)
	}
	return out
}

func (o *outletSum) add(r *ArticleResult, samples *stats.Samples) {
	o.articles++
	o.tokens += r.Tokens
	o.sentences += len(r.Sentences)
	o.covered += r.Covered
	for i, vc := range r.CatVoice {
		for v, n := range vc {
			o.catVoice[i][v] += n
		}
	}
	o.verbs.Neutral += r.Verbs.Neutral
	o.verbs.Loaded += r.Verbs.Loaded
	for k, n := range r.Verbs.Cues {
		o.verbs.Cues[k] += n
	}
	for name, sp := range r.Speakers {
		x := o.speakers[name]
		if x == nil {
			x = &reports.Speaker{Speaker: name, Terms: map[string]int{}, Actor: sp.Actor}
			o.speakers[name] = x
		}
		x.Quotes += sp.Quotes
		x.Attributions += sp.Attributions
		x.LoadedHits += sp.LoadedHits
		for t, n := range sp.Terms {
			x.Terms[t] += n
		}
	}
	o.agentless += r.AgentlessPassives
	for id, as := range r.Actors {
		x := o.actors[id]
		if x == nil {
			x = newActorSum()
			o.actors[id] = x
		}
		x.add(as)
	}
	for st, n := range r.Stems {
		o.stems[st] += n
	}
	addVoiceCounts(o.terms, r.Terms)
	o.samples.AddAll(samples)
	o.weighted += r.WeightedLoaded
	o.weightedAuthorial += r.WeightedAuthorial
	// Articles arrive in corpus order, so a stable merge keeps ties in it.
	o.top = TopLoaded(append(o.top, r.TopSentences...), TopSentences)
}

func problemRow(path string, line int, sev, msg string) reports.Problem {
	return reports.Problem{Path: path, Line: line, Severity: sev, Message: msg}
}

// Report builds the report from everything added so far.
func (g *Aggregator) Report() *reports.Report {
	rep := &reports.Report{
		Schema:    reports.Schema,
		Generator: reports.Generator{Name: "framing", Version: Version},
		Articles:  nonNil(g.articles),
		Hits:      nonNil(g.hits),
		Problems:  nonNil(g.problems),
		Quotes:    nonNil(g.quotes),
		Headlines: nonNil(g.headlines),
		Mentions:  nonNil(g.mentions),
		Agency:    nonNil(g.agency),
		Stats: reports.StatsInfo{Resamples: g.stats.Resamples, Level: reports.Float(g.stats.Level),
			Seed: g.stats.Seed, Prior: g.stats.priorName()},
	}
	for _, l := range g.a.lexicons {
		rep.Lexicons = append(rep.Lexicons, reports.LexiconInfo{Name: l.Name, Version: l.Version,
			SHA256: l.SHA256, Licence: l.Licence, Source: l.Source, Entries: len(l.Entries)})
	}
	for _, c := range g.a.cats {
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
	rep.Corpus.Articles = len(g.articles)
	rep.Corpus.Skipped = g.skipped
	if g.records != nil {
		rep.AttachRecords(g.records)
	} else {
		rep.Records = reports.InlineRecords(rep)
	}
	rep.Actors = g.actorList()
	rep.Gazetteers = g.gazetteerList()
	rep.Omissions = g.omissions()
	rep.UnlinkedEntities = g.unlinkedList()
	return rep
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
	var all VoiceCounts
	loaded, authorial := 0, 0
	for i, c := range g.a.cats {
		vc := s.catVoice[i]
		o.Categories[c.ID] = reports.CategoryStat{Kind: string(c.Kind), Hits: vc.total(), Per1k: per1k(vc.total(), s.tokens),
			Voice: vc.report(), VoicePer1k: reports.VoiceRates{
				Authorial: per1k(vc[vAuthorial], s.tokens), Quoted: per1k(vc[vQuoted], s.tokens),
				Attributed: per1k(vc[vAttributed], s.tokens), Negated: per1k(vc[vNegated], s.tokens)}}
		for v, n := range vc {
			all[v] += n
		}
		if c.Kind == lexicons.Loaded {
			loaded += vc.total()
			authorial += vc[vAuthorial]
		}
	}
	o.Voice = all.report()
	o.LoadedPer1k = per1k(loaded, s.tokens)
	o.AuthorialPer1k = per1k(authorial, s.tokens)
	o.WeightedLoadedPer1k = weightedPer1k(s.weighted, s.tokens)
	o.WeightedAuthorialPer1k = weightedPer1k(s.weightedAuthorial, s.tokens)
	o.TopSentences = nonNil(s.top)
	o.Speakers = topSpeakers(s.speakers, 10)
	o.AgentlessPassives = s.agentless
	o.AgentlessPassivePer1k = per1k(s.agentless, s.tokens)
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
			st.Categories[g.a.cats[ci].ID] = reports.ActorCategory{Hits: vc.total(), Voice: vc.report()}
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
		if gz := g.a.gazetteer(ev); gz != nil {
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
