package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"

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
}

// outletSum is one outlet's counters. Only sums: the order in which articles
// are added never changes it.
type outletSum struct {
	articles, tokens, sentences, covered int
	catVoice                             []VoiceCounts
	verbs                                reports.ReportVerbs
	speakers                             map[string]*reports.Speaker
}

// NewAggregator returns an empty aggregator for results of a.
func NewAggregator(a *Analyzer) *Aggregator {
	return &Aggregator{a: a, outlets: map[string]*outletSum{}, events: map[string]bool{}}
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
			verbs: reports.ReportVerbs{Cues: map[string]int{}}, speakers: map[string]*reports.Speaker{}}
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
		x.Quotes += sp.Quotes
		x.Attributions += sp.Attributions
		x.LoadedHits += sp.LoadedHits
		for t, n := range sp.Terms {
			x.Terms[t] += n
		}
	}
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
	rep.Quotes, rep.Headlines = g.quotes, g.headlines
	if rep.Quotes == nil {
		rep.Quotes = []reports.Quote{}
	}
	if rep.Headlines == nil {
		rep.Headlines = []reports.Headline{}
	}
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
	a, err := NewAnalyzer(tok, lexs, cues)
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
