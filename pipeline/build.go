package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/reports"
)

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
	// Stats sets the comparison statistics.
	Stats StatsOptions
	// Background names a corpus directory whose counts are the Fightin'
	// Words prior instead of the pooled counts of the outlets compared.
	Background string
	// CacheDir holds per-article results between runs; "" analyses every
	// article every time.
	CacheDir string
	// RecordDir is where the report will be written. When the corpus has
	// more than InlineMax articles, the per-occurrence records go to JSON
	// Lines files there as they come (reports.RecordFiles) instead of
	// being held in memory and inlined in report.json; the caller commits
	// them with render.WriteAll. "" always inlines.
	RecordDir string
	// InlineMax is the largest corpus, in articles, whose records are
	// inlined; 0 means DefaultInlineMax, negative always streams.
	InlineMax int
}

// DefaultInlineMax is the largest corpus whose per-occurrence records are
// inlined in report.json: 500 articles make a report.json of about 25 MB.
// Past it, the records take about 50 KB of memory per article if held, and
// a JSON array of hundreds of megabytes is no use to anyone diffing it.
const DefaultInlineMax = 500

// RunInfo says how a run went, beside its (deterministic) report.
type RunInfo struct {
	CacheHits, CacheMisses, CacheCorrupt int64
	// CacheUnwritable counts entries the cache could not store, and
	// CacheError is the first reason: the run is not slower for it, the
	// next one is.
	CacheUnwritable int64
	CacheError      error
	// Unchanged is how many files the run took from the last run's
	// snapshot without reading them.
	Unchanged int
	// Snapshot, when not nil, is this run's aggregate, to Save once the
	// report is written (render.WriteAll): the next run starts from it.
	Snapshot *Snapshot
	// Wall-clock time of the phases: loading models, lexicons and
	// gazetteers; analysing the articles (with aggregation, which runs
	// alongside); the statistics of the report.
	Load, Analyse, Statistics time.Duration
}

// DefaultCues names the built-in cue list.
const DefaultCues = "cues"

// Build loads the lexicons, analyses the corpus and returns the report. A
// lexicon that fails to load is left out and its problems join the report's;
// Build fails only when no lexicon could be loaded or the run cannot proceed.
func Build(ctx context.Context, cfg Config) (*reports.Report, error) {
	rep, _, err := BuildRun(ctx, cfg)
	return rep, err
}

// BuildRun is Build, also returning how the run went (cache use).
func BuildRun(ctx context.Context, cfg Config) (*reports.Report, RunInfo, error) {
	var info RunInfo
	start := time.Now()
	a, lprobs, err := Prepare(cfg)
	if err != nil {
		return nil, info, err
	}
	info.Load = time.Since(start)
	if cfg.CacheDir != "" {
		parts := []string{a.cueSHA, fmt.Sprint(cfg.NER)}
		for _, l := range a.lexicons {
			parts = append(parts, l.SHA256)
		}
		cfg.Cache = OpenCache(cfg.CacheDir, CacheSalt(parts...))
	}
	if cfg.Background != "" {
		prior, err := a.BackgroundPrior(ctx, cfg.Background, cfg.Options)
		if err != nil {
			return nil, info, fmt.Errorf("background corpus %s: %w", cfg.Background, err)
		}
		cfg.Stats.Prior = prior
	}
	var records *reports.RecordFiles
	if cfg.RecordDir != "" {
		n, err := countArticles(cfg.Options)
		if err != nil {
			return nil, info, err
		}
		max := cfg.InlineMax
		if max == 0 {
			max = DefaultInlineMax
		}
		if n > max {
			if records, err = reports.NewRecordFiles(cfg.RecordDir); err != nil {
				return nil, info, err
			}
		}
	}
	rep, err := a.run(ctx, cfg, records, &info)
	if err != nil {
		if records != nil {
			records.Discard()
		}
		return nil, info, err
	}
	if err := Finish(rep, cfg, lprobs); err != nil {
		return nil, info, err
	}
	if cfg.Cache != nil {
		info.CacheHits, info.CacheMisses, info.CacheCorrupt = cfg.Cache.Stats()
		info.CacheUnwritable, info.CacheError = cfg.Cache.WriteFailures()
	}
	return rep, info, nil
}

// Finish completes a report an Aggregator made: the problems of the
// lexicons (Prepare's) and of the corpus listing go first, and the events
// get their event.yaml labels. Build calls it; so does a distributed run
// (framing-beam) with the report it merged.
func Finish(rep *reports.Report, cfg Config, lexiconProblems []*lexicons.Problem) error {
	var rows []reports.Problem
	for _, p := range lexiconProblems {
		rows = append(rows, lexiconProblemRow(p))
	}
	listing, err := listProblems(cfg.Options)
	if err != nil {
		return err
	}
	rows = append(rows, listing...)
	rows = append(rows, labelEvents(rep, cfg.Corpus)...)
	// Never null in report.json: an empty list is "problems": [].
	rep.Problems = append(append([]reports.Problem{}, rows...), rep.Problems...)
	return nil
}

// CorpusFile is one article file of a run: its path as Analyse names it
// (the corpus directory joined) and its place in the corpus.
type CorpusFile struct {
	Path, Rel string
}

// CorpusFiles lists the article files a run over opts reads, in corpus
// order.
func CorpusFiles(opts Options) ([]CorpusFile, error) {
	files, err := listFiles(opts)
	if err != nil {
		return nil, err
	}
	out := make([]CorpusFile, len(files))
	for i, f := range files {
		out[i] = CorpusFile{f, relPath(opts.Corpus, f)}
	}
	return out, nil
}

// labelEvents gives each event of the report the title, date and
// description of its event.yaml (corpus.EventInfo), and returns the
// problems of those files.
func labelEvents(rep *reports.Report, corpusDir string) []reports.Problem {
	var rows []reports.Problem
	for i := range rep.Events {
		e := &rep.Events[i]
		info, probs := corpus.LoadEventInfo(corpusDir, e.Event)
		for _, p := range probs {
			rows = append(rows, problemRow(p.Path, p.Line, p.Severity.String(), p.Msg))
		}
		e.Title, e.Date, e.Description = info.Title, info.Date, info.Description
	}
	return rows
}

// run analyses the corpus and builds its report: from the last run's
// snapshot when there is a usable one (see Snapshot), else Analyse feeding
// an Aggregator. Problems with single files are in the report; the error is
// for what stops the whole run (no corpus directory, cancellation).
//
// With records non-nil, hits, quotes, mentions and agency events are written
// there as articles are aggregated, not kept (see reports.RecordFiles).
func (a *Analyzer) run(ctx context.Context, cfg Config, records *reports.RecordFiles, info *RunInfo) (*reports.Report, error) {
	start := time.Now()
	var g *Aggregator
	var snap *Snapshot
	if cfg.Cache != nil && records != nil {
		key := snapshotKey(cfg.Cache, cfg)
		snap = &Snapshot{path: snapshotPath(cfg.Cache, key), key: key, recordDir: cfg.RecordDir}
		if d := loadSnapshot(snap.path, key); d != nil {
			var err error
			if g, info.Unchanged, err = a.fromSnapshot(ctx, cfg, d, records); err != nil {
				return nil, err
			}
		}
	}
	if g == nil {
		g = NewAggregator(a, cfg.Stats)
		g.records, g.cache = records, cfg.Cache
		if err := a.Analyse(ctx, cfg.Options, g.AddAnalysed); err != nil {
			return nil, err
		}
		if g.err != nil {
			return nil, g.err
		}
	}
	analysed := time.Now()
	rep, err := g.Report()
	if err != nil {
		if snap != nil {
			os.Remove(snap.path) // the next run starts afresh
		}
		return nil, err
	}
	info.Analyse, info.Statistics = analysed.Sub(start), time.Since(analysed)
	if snap != nil {
		snap.g = g
		info.Snapshot = snap
	}
	return rep, nil
}

// Prepare loads what a run reads — the lexicons, the cue list and, when the
// corpus directory exists, its gazetteers — and builds the Analyzer. A
// lexicon or gazetteer that fails to load is left out and its problems
// returned; Prepare fails only when no lexicon, or no cue list, loads.
func Prepare(cfg Config) (*Analyzer, []*lexicons.Problem, error) {
	// The tagger's and the segmenter's models load once per process, in
	// 40 ms or so: start them beside the lexicons (NewAnalyzer waits for
	// them, and gets their errors, if any).
	go tokenize.NewTagger()
	go tokenize.NewSegmenter()
	tok := tokenize.New()
	lexs, lprobs := lexicons.Loader{Tok: tok}.Load(cfg.Lexicons)
	if len(lexs) == 0 {
		return nil, lprobs, fmt.Errorf("no lexicon could be loaded: %w", errors.Join(problemErrors(lprobs)...))
	}
	cueSpec := cfg.Cues
	if cueSpec == "" {
		cueSpec = DefaultCues
	}
	cues, cprobs := lexicons.Loader{Tok: tok}.LoadOne(cueSpec)
	lprobs = append(lprobs, cprobs...)
	if cues == nil {
		return nil, lprobs, fmt.Errorf("cue list: %w", errors.Join(problemErrors(cprobs)...))
	}
	var gaz map[string]*lexicons.Gazetteer
	if cfg.Corpus != "" {
		events, err := corpus.Events(cfg.Corpus)
		if err != nil {
			return nil, lprobs, err
		}
		var gprobs []*lexicons.Problem
		gaz, gprobs = lexicons.LoadGazetteers(cfg.Corpus, events, tok)
		lprobs = append(lprobs, gprobs...)
	}
	a, err := NewAnalyzer(Setup{Tok: tok, Lexicons: lexs, Cues: cues, Gazetteers: gaz, NER: cfg.NER})
	return a, lprobs, err
}

// countArticles is how many article files a run over opts reads.
func countArticles(opts Options) (int, error) {
	files, err := listFiles(opts)
	return len(files), err
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

// NERAutoMaxBytes is the largest corpus, in bytes of article files, for
// which --ner=auto runs entity recognition. prose's recognizer is ~95% of a
// run's cost (~44k tokens/s on 2 cores, METHODS §1), and its cost follows
// the text, not the number of articles (issue 17: one 3.9 MB article ran it
// for three and a half minutes): 2 MiB is about 350,000 tokens, seconds of
// work, and covers a few hundred news articles — a researcher growing one
// event's gazetteer — while a large corpus, where the gazetteers do the real
// work anyway, is spared the half hour.
const NERAutoMaxBytes = 2 << 20

// ResolveNER turns the --ner flag (off, suggest, auto) into on or off.
func ResolveNER(mode, corpusDir string, events []string) (bool, error) {
	switch mode {
	case "off":
		return false, nil
	case "suggest", "on":
		return true, nil
	case "auto", "":
		files, _, err := corpus.List(corpusDir)
		if err != nil {
			return false, err
		}
		if files, err = filterEvents(files, events); err != nil {
			return false, err
		}
		var size int64
		for _, f := range files {
			if st, err := os.Stat(f); err == nil {
				size += st.Size()
			}
			if size > NERAutoMaxBytes {
				return false, nil
			}
		}
		return true, nil
	}
	return false, fmt.Errorf("--ner %q: want off, suggest or auto", mode)
}

// BackgroundPrior analyses a background corpus and returns its counts, the
// informative prior of the distinctive-terms statistics.
func (a *Analyzer) BackgroundPrior(ctx context.Context, dir string, opts Options) (*Prior, error) {
	opts.Corpus, opts.Events, opts.Progress = dir, nil, nil
	p := &Prior{Name: filepath.ToSlash(dir), Stems: map[string]int{}, Cats: make([]int, len(a.cats))}
	err := a.Analyse(ctx, opts, func(f *Analysed) {
		r := f.Result
		if r == nil {
			return
		}
		p.Tokens += r.Tokens
		for st, n := range r.Stems {
			p.Stems[st] += n
		}
		for i, vc := range r.CatVoice {
			p.Cats[i] += vc.total()
		}
	})
	if err != nil {
		return nil, err
	}
	if p.Tokens == 0 {
		return nil, errors.New("no article could be analysed")
	}
	return p, nil
}
