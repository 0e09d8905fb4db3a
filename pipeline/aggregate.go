package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline/tokenize"
	"github.com/framing/framing/reports"
)

// Version is written into every report, and keys the article cache.
const Version = "0.1.0"

// Aggregator sums ArticleResults into outlet totals. Feed it in corpus order
// (Analyse does): duplicate ids are resolved by that order.
type Aggregator struct {
	a         *Analyzer
	ids       corpus.IDs
	outlets   map[string]*outletSum
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
	// eventMentions[event][outlet][actor] counts mentions, for omissions; an
	// outlet covering an event appears even when it names no actor.
	eventMentions map[string]map[string]map[string]int
}

type unlinkedSum struct {
	reports.UnlinkedEntity
	labels map[string]int
	events map[string]int
}

// outletSum is one outlet's counters. Only sums: the order in which articles
// are added never changes it.
type outletSum struct {
	articles, tokens, sentences, covered int
	catVoice                             []VoiceCounts
	verbs                                reports.ReportVerbs
	speakers                             map[string]*reports.Speaker
	actors                               map[string]*ActorSum
	agentless                            int
}

// NewAggregator returns an empty aggregator for results of a.
func NewAggregator(a *Analyzer) *Aggregator {
	return &Aggregator{a: a, outlets: map[string]*outletSum{}, events: map[string]bool{},
		actors: map[string]reports.ActorInfo{}, unlinked: map[string]*unlinkedSum{},
		eventMentions: map[string]map[string]map[string]int{}}
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
	o := g.outlets[r.Article.Outlet]
	if o == nil {
		o = &outletSum{catVoice: make([]VoiceCounts, len(g.a.cats)),
			verbs: reports.ReportVerbs{Cues: map[string]int{}}, speakers: map[string]*reports.Speaker{},
			actors: map[string]*ActorSum{}}
		g.outlets[r.Article.Outlet] = o
	}
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
			x = &reports.Speaker{Speaker: name, Terms: map[string]int{}}
			o.speakers[name] = x
		}
		x.Actor = sp.Actor
		x.Quotes += sp.Quotes
		x.Attributions += sp.Attributions
		x.LoadedHits += sp.LoadedHits
		for t, n := range sp.Terms {
			x.Terms[t] += n
		}
	}
	o.agentless += r.AgentlessPassives
	em := g.eventMentions[r.Article.Event]
	if em == nil {
		em = map[string]map[string]int{}
		g.eventMentions[r.Article.Event] = em
	}
	if em[r.Article.Outlet] == nil {
		em[r.Article.Outlet] = map[string]int{}
	}
	for id, as := range r.Actors {
		x := o.actors[id]
		if x == nil {
			x = newActorSum()
			o.actors[id] = x
		}
		x.add(as)
		em[r.Article.Outlet][id] += as.Mentions
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
	g.mentions = append(g.mentions, r.Mentions...)
	g.agency = append(g.agency, r.Agency...)
	g.events[r.Article.Event] = true
	g.articles = append(g.articles, r.Article)
	g.hits = append(g.hits, r.Hits...)
	g.quotes = append(g.quotes, r.Quotes...)
	g.headlines = append(g.headlines, r.Headline)
}

func problemRow(path string, line int, sev, msg string) reports.Problem {
	return reports.Problem{Path: path, Line: line, Severity: sev, Message: msg}
}

// Report builds the report from everything added so far.
func (g *Aggregator) Report() *reports.Report {
	rep := &reports.Report{
		Schema:    reports.Schema,
		Generator: reports.Generator{Name: "framing", Version: Version},
		Articles:  g.articles,
		Hits:      g.hits,
		Problems:  g.problems,
	}
	if rep.Articles == nil {
		rep.Articles = []reports.Article{}
	}
	if rep.Hits == nil {
		rep.Hits = []reports.Hit{}
	}
	if rep.Problems == nil {
		rep.Problems = []reports.Problem{}
	}
	rep.Quotes, rep.Headlines = nonNil(g.quotes), nonNil(g.headlines)
	rep.Mentions, rep.Agency = nonNil(g.mentions), nonNil(g.agency)
	rep.Actors = g.actorList()
	rep.Gazetteers = g.gazetteerList()
	rep.Omissions = g.omissions()
	rep.UnlinkedEntities = g.unlinkedList()
	for _, l := range g.a.lexicons {
		rep.Lexicons = append(rep.Lexicons, reports.LexiconInfo{Name: l.Name, Version: l.Version,
			SHA256: l.SHA256, Licence: l.Licence, Source: l.Source, Entries: len(l.Entries)})
	}
	for _, c := range g.a.cats {
		rep.Categories = append(rep.Categories, reports.CategoryInfo{ID: c.ID, Label: c.Label,
			Kind: string(c.Kind), Lexicon: c.ID[:len(c.ID)-len(c.Local)-1], Description: c.Description})
	}
	names := make([]string, 0, len(g.outlets))
	for name := range g.outlets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rep.Outlets = append(rep.Outlets, g.outletRow(name, g.outlets[name]))
		s := g.outlets[name]
		rep.Corpus.Tokens += s.tokens
		rep.Corpus.Sentences += s.sentences
	}
	rep.Corpus.Articles = len(g.articles)
	rep.Corpus.Skipped = g.skipped
	rep.Corpus.Events = sortedKeys(g.events)
	rep.Comparison = compareOutlets(rep.Outlets, rep.Categories)
	return rep
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

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
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
		em := g.eventMentions[ev]
		outlets := make([]string, 0, len(em))
		for o := range em {
			outlets = append(outlets, o)
		}
		sort.Strings(outlets)
		actors := map[string]bool{}
		for _, m := range em {
			for id := range m {
				actors[id] = true
			}
		}
		for _, o := range outlets {
			for _, id := range sortedKeys(actors) {
				if em[o][id] > 0 {
					continue
				}
				n, k := 0, 0
				for _, other := range outlets {
					if other != o && em[other][id] > 0 {
						n += em[other][id]
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

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Run analyses the corpus and builds its report: Analyse feeding an
// Aggregator. Problems with single files are in the report; the error is for
// what stops the whole run (no corpus directory, cancellation).
func (a *Analyzer) Run(ctx context.Context, opts Options) (*reports.Report, error) {
	g := NewAggregator(a)
	if err := a.Analyse(ctx, opts, g.Add); err != nil {
		return nil, err
	}
	return g.Report(), nil
}

// Config is a whole run: which lexicons, and how to analyse the corpus.
type Config struct {
	Options
	// Lexicons are --lexicon specs: built-in names, "default", or paths.
	// Empty means the default set.
	Lexicons []string
	// Cues is the cue list the voice stage reads: a built-in name or a path;
	// empty means the built-in "cues".
	Cues string
	// NER runs prose's entity recognizer to suggest names missing from the
	// gazetteers (the report's unlinked_entities).
	NER bool
}

// DefaultCues names the built-in cue list.
const DefaultCues = "cues"

// Build loads the lexicons, analyses the corpus and returns the report. A
// lexicon that fails to load is left out and its problems join the report's;
// Build fails only when no lexicon could be loaded or the run cannot proceed.
func Build(ctx context.Context, cfg Config) (*reports.Report, error) {
	tok := tokenize.New()
	lexs, lprobs := lexicons.Loader{Tok: tok}.Load(cfg.Lexicons)
	if len(lexs) == 0 {
		return nil, fmt.Errorf("no lexicon could be loaded: %w", errors.Join(problemErrors(lprobs)...))
	}
	cueSpec := cfg.Cues
	if cueSpec == "" {
		cueSpec = DefaultCues
	}
	cues, cprobs := lexicons.Loader{Tok: tok}.LoadOne(cueSpec)
	if cues == nil {
		return nil, fmt.Errorf("cue list: %w", errors.Join(problemErrors(cprobs)...))
	}
	lprobs = append(lprobs, cprobs...)
	events, err := corpus.Events(cfg.Corpus)
	if err != nil {
		return nil, err
	}
	gaz, gprobs := lexicons.LoadGazetteers(cfg.Corpus, events, tok)
	lprobs = append(lprobs, gprobs...)
	a, err := NewAnalyzer(Setup{Tok: tok, Lexicons: lexs, Cues: cues, Gazetteers: gaz, NER: cfg.NER})
	if err != nil {
		return nil, err
	}
	rep, err := a.Run(ctx, cfg.Options)
	if err != nil {
		return nil, err
	}
	var rows []reports.Problem
	for _, p := range lprobs {
		sev := "error"
		if p.Warning {
			sev = "warning"
		}
		rows = append(rows, problemRow(p.Path, p.Line, sev, p.Msg))
	}
	rep.Problems = append(rows, rep.Problems...)
	return rep, nil
}

func problemErrors(ps []*lexicons.Problem) []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// SuggestActors turns a report's unlinked entities mentioned at least min
// times into gazetteer stubs, grouped by the event each is most frequent in.
func SuggestActors(rep *reports.Report, min int) map[string][]lexicons.ActorStub {
	out := map[string][]lexicons.ActorStub{}
	for _, u := range rep.UnlinkedEntities {
		if u.Count < min {
			continue
		}
		example := strings.Join(strings.Fields(u.Example), " ")
		if len(example) > 100 {
			example = example[:100] + "…"
		}
		out[u.Event] = append(out[u.Event], lexicons.ActorStub{
			ID: lexicons.StubID(u.Text), Name: u.Text, Type: lexicons.TypeForEntityLabel(u.Label),
			Comment: fmt.Sprintf("%d mentions in %d article(s); recognizer said %s; e.g. %q", u.Count, u.Articles, u.Label, example),
		})
	}
	return out
}

// NERAutoMax is the largest corpus (in articles) for which --ner=auto runs
// entity recognition. prose's recognizer is ~95% of a run's cost (~44k
// tokens/s on 2 cores, METHODS §1): a second for the shipped corpus, minutes
// for thousands of articles, where the gazetteer does the real work anyway.
const NERAutoMax = 300

// ResolveNER turns the --ner flag (off, suggest, auto) into on or off.
func ResolveNER(mode, corpusDir string, events []string) (bool, error) {
	switch mode {
	case "off":
		return false, nil
	case "suggest", "on":
		return true, nil
	case "auto", "":
		files, err := corpus.List(corpusDir)
		if err != nil {
			return false, err
		}
		if files, err = filterEvents(files, events); err != nil {
			return false, err
		}
		return len(files) <= NERAutoMax, nil
	}
	return false, fmt.Errorf("--ner %q: want off, suggest or auto", mode)
}
