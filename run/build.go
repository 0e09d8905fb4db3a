package run

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/framing/framing/aggregate"
	"github.com/framing/framing/cache"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// Config is a whole run: the analysis (pipeline.Config), the statistics,
// and where the cache and the records go.
type Config struct {
	pipeline.Config
	// Stats sets the comparison statistics.
	Stats aggregate.StatsOptions
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
	// NewRecordDir is where this run writes its record files ("":
	// RecordDir): the report set being written, beside RecordDir, which
	// holds the last run's.
	NewRecordDir string
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
	// SnapshotRefused says why the last run's snapshot was not used (a
	// damaged record file): every article was read instead.
	SnapshotRefused string
	// Snapshot, when not nil, is this run's aggregate, to Save once the
	// report is written (render.WriteAll): the next run starts from it.
	Snapshot *aggregate.Snapshot
	// Wall-clock time of the phases: loading models, lexicons and
	// gazetteers; analysing the articles (with aggregation, which runs
	// alongside); the statistics of the report.
	Load, Analyse, Statistics time.Duration
}

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
	a, lprobs, err := pipeline.Prepare(cfg.Config)
	if err != nil {
		return nil, info, err
	}
	info.Load = time.Since(start)
	in := aggregate.Input{Options: cfg.Options, Stats: cfg.Stats, RecordDir: cfg.RecordDir}
	var c *cache.Cache
	if cfg.CacheDir != "" {
		parts := []string{a.CueSHA256(), fmt.Sprint(cfg.NER), fmt.Sprint(cfg.VoiceOff)}
		for _, l := range a.Lexicons() {
			parts = append(parts, l.SHA256)
		}
		c = cache.Open(cfg.CacheDir, cache.Salt(parts...))
		in.Cache, in.Options.Cache = c, c
	}
	if cfg.Background != "" {
		prior, err := aggregate.BackgroundPrior(ctx, a, cfg.Background, cfg.Options)
		if err != nil {
			return nil, info, fmt.Errorf("background corpus %s: %w", cfg.Background, err)
		}
		in.Stats.Prior = prior
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
			dir := cfg.NewRecordDir
			if dir == "" {
				dir = cfg.RecordDir
			}
			if records, err = reports.NewRecordFiles(dir); err != nil {
				return nil, info, err
			}
		}
	}
	in.Records = records
	rep, out, err := aggregate.Build(ctx, a, in)
	info.Unchanged, info.Snapshot, info.Analyse, info.Statistics = out.Unchanged, out.Snapshot, out.Analyse, out.Statistics
	info.SnapshotRefused = out.SnapshotRefused
	if err != nil {
		if records != nil {
			records.Discard()
		}
		return nil, info, err
	}
	if err := Finish(rep, cfg.Config, lprobs); err != nil {
		return nil, info, err
	}
	if c != nil {
		info.CacheHits, info.CacheMisses, info.CacheCorrupt = c.Stats()
		info.CacheUnwritable, info.CacheError = c.WriteFailures()
	}
	return rep, info, nil
}

// Finish completes a report an Aggregator made: the problems of the
// lexicons (Prepare's) and of the corpus listing go first, and the events
// get their event.yaml labels. Build calls it; so does a distributed run
// (framing-beam) with the report it merged.
func Finish(rep *reports.Report, cfg pipeline.Config, lexiconProblems []*lexicons.Problem) error {
	var rows []reports.Problem
	for _, p := range lexiconProblems {
		rows = append(rows, reports.ProblemFrom(p))
	}
	listing, err := pipeline.ListProblems(cfg.Options)
	if err != nil {
		return err
	}
	rows = append(rows, listing...)
	rows = append(rows, labelEvents(rep, cfg.Corpus)...)
	// Never null in report.json: an empty list is "problems": [].
	rep.Problems = append(append([]reports.Problem{}, rows...), rep.Problems...)
	return nil
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
			rows = append(rows, reports.ProblemFrom(p))
		}
		e.Title, e.Date, e.Description = info.Title, info.Date, info.Description
	}
	return rows
}

// countArticles is how many article files a run over opts reads.
func countArticles(opts pipeline.Options) (int, error) {
	files, err := pipeline.ListFiles(opts)
	return len(files), err
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
