package aggregate

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/framing/framing/cache"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// Input is what Build reads beside the analyzer.
type Input struct {
	pipeline.Options
	// Stats sets the comparison statistics.
	Stats StatsOptions
	// Cache, when not nil, keeps bootstrap intervals and the snapshot of
	// this run for the next.
	Cache *cache.Cache
	// Records, when not nil, receives the per-occurrence records as
	// articles are aggregated (reports.RecordFiles); RecordDir is where
	// they will be committed.
	Records   *reports.RecordFiles
	RecordDir string
}

// Outcome is how a Build went, beside its (deterministic) report.
type Outcome struct {
	// Unchanged is how many files the run took from the last run's
	// snapshot without reading them.
	Unchanged int
	// SnapshotRefused says why a snapshot was not used when it could not
	// be trusted (a damaged record file): the run analysed every article.
	SnapshotRefused string
	// Snapshot, when not nil, is this run's aggregate, to Save once the
	// report is written: the next run starts from it.
	Snapshot *Snapshot
	// Wall-clock time of analysing the articles (with aggregation, which
	// runs alongside) and of the statistics of the report.
	Analyse, Statistics time.Duration
}

// Build analyses the corpus and builds its report: from the last run's
// snapshot when there is a usable one (see Snapshot), else AnalyzeCorpus feeding
// an Aggregator. Problems with single files are in the report; the error is
// for what stops the whole run (no corpus directory, cancellation).
//
// With cfg.Records non-nil, hits, quotes, mentions and agency events are written
// there as articles are aggregated, not kept (see reports.RecordFiles).
func Build(ctx context.Context, a *pipeline.Analyzer, cfg Input) (*reports.Report, Outcome, error) {
	var info Outcome
	start := time.Now()
	var g *Aggregator
	var snap *Snapshot
	if cfg.Cache != nil && cfg.Records != nil {
		key := snapshotKey(cfg.Cache, cfg)
		snap = &Snapshot{path: snapshotPath(cfg.Cache, key), key: key, recordDir: cfg.RecordDir}
		if d := loadSnapshot(snap.path, key); d != nil {
			var err error
			g, info.Unchanged, err = fromSnapshot(ctx, a, cfg, d)
			switch {
			case errors.Is(err, errRecordsDamaged):
				info.SnapshotRefused, g, info.Unchanged = err.Error(), nil, 0
			case err != nil:
				return nil, info, err
			}
		}
	}
	if g == nil {
		g = NewAggregator(a, cfg.Stats)
		g.records, g.cache = cfg.Records, cfg.Cache
		if err := a.AnalyzeCorpus(ctx, cfg.Options, g.AddAnalysed); err != nil {
			return nil, info, err
		}
		if g.err != nil {
			return nil, info, g.err
		}
	}
	analysed := time.Now()
	rep, err := g.Report()
	if err != nil {
		if snap != nil {
			os.Remove(snap.path) // the next run starts afresh
		}
		return nil, info, err
	}
	info.Analyse, info.Statistics = analysed.Sub(start), time.Since(analysed)
	if snap != nil {
		snap.g = g
		info.Snapshot = snap
	}
	return rep, info, nil
}
