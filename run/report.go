package run

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/framing/framing/cache"
	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/textfmt"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/reports"
)

// DefaultOut is where a report is written when no directory is given.
const DefaultOut = "reports/out"

// ReportConfig is one report run end to end: what to analyse (Config) and
// what to write where.
type ReportConfig struct {
	Config
	// Out is the report directory (DefaultOut when empty).
	Out string
	// Formats are the --format names to write (render.DefaultFormats when
	// empty); report.json is always written.
	Formats []string
	// HTMLArticles caps the articles report.html shows highlighted.
	HTMLArticles int
	// NERMode, when set, decides whether entity recognition runs (off,
	// suggest, auto: see pipeline.ResolveNER) once the corpus is known to
	// exist; empty leaves Config.NER as it is.
	NERMode string
	// Strict fails the run (ErrStrict) when any file or lexicon has an
	// error, after the report is written.
	Strict bool
	// Say, when set, hears what a person at a terminal should know while
	// the run goes: who it waits for, warnings about the cache.
	Say func(msg string)
	// AfterBuild, when set, is called once the report is built and before it
	// is written, with everything the run keeps live (a heap profile's
	// moment).
	AfterBuild func()
	// AtPhase, when set, is called as the report files are written (see
	// render.RenderOptions.AtPhase).
	AtPhase func(phase string)
	// Build, when set, builds the report instead of BuildRun: a distributed
	// run (framing-beam) analyses on its workers, then writes through
	// Report like any other run.
	Build func(ctx context.Context, cfg Config) (*reports.Report, RunInfo, error)
}

// ReportResult is what a report run made.
type ReportResult struct {
	Report *reports.Report
	Info   RunInfo
	// Paths are the files written: the reports and exports first, then the
	// charts.
	Paths []string
	// Charts counts the chart files among Paths.
	Charts int
	// Errors counts the report's problems of severity error; Skipped those
	// that are framing's fault (a stage that failed on an article).
	Errors, Skipped int
	// Write is how long writing the report set took.
	Write time.Duration
}

// The policy errors: Report returns them with its result, so the caller can
// list the problems (and, but for ErrNoArticles, what it wrote) before it
// fails.
var (
	// ErrNoArticles: no article of the corpus could be analysed; nothing
	// was written.
	ErrNoArticles = errors.New("no article could be analysed")
	// ErrStrict: a file or lexicon had an error, and ReportConfig.Strict
	// asks for a failure.
	ErrStrict = errors.New("--strict")
	// ErrSkipped: an article was skipped through framing's own fault (a
	// stage panicked on it); the report covers the rest.
	ErrSkipped = errors.New("skipped by an internal error; the report covers the rest")
)

// Report analyses the corpus and writes the report set into cfg.Out, as
// `framing report` does: it takes the report directory's lock (and the
// cache's), builds the report, writes every format, then sweeps the cache
// and saves the snapshot the next run starts from. A run that fails before
// writing leaves the previous report set as it was.
func Report(ctx context.Context, cfg ReportConfig) (*ReportResult, error) {
	say := cfg.Say
	if say == nil {
		say = func(string) {}
	}
	if cfg.Out == "" {
		cfg.Out = DefaultOut
	}
	if err := render.CheckFormats(cfg.Formats); err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	if st, err := os.Stat(cfg.Corpus); err != nil {
		return nil, fmt.Errorf("corpus %s: %w (run from the repository root, or pass --corpus DIR)", cfg.Corpus, errors.Unwrap(err))
	} else if !st.IsDir() {
		return nil, fmt.Errorf("corpus %s: not a directory (--corpus names the folder that holds one folder per event)", cfg.Corpus)
	}
	if cfg.NERMode != "" {
		ner, err := pipeline.ResolveNER(cfg.NERMode, cfg.Corpus, cfg.Events)
		if err != nil {
			return nil, err
		}
		cfg.NER = ner
	}
	// One run at a time writes a report set and into a cache: a second
	// waits, and says who it waits for. The set is written beside --out and
	// switched into place whole (publish.go).
	set, err := openReportSet(ctx, cfg.Out, say)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("interrupted while waiting; nothing written: %w", ctx.Err())
		}
		return nil, fmt.Errorf("report directory: %w", err)
	}
	defer set.close()
	published := false
	defer func() {
		if !published {
			set.abandon()
		}
	}()
	cacheLocked := false
	if cfg.CacheDir != "" {
		cacheLock, err := atomicfile.WaitLock(ctx, cfg.CacheDir, "report", say)
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("interrupted while waiting; nothing written: %w", ctx.Err())
		case err != nil:
			// An unwritable cache still serves reads; entries it cannot
			// store are counted and reported after the run.
			say(fmt.Sprintf("warning: cache %s cannot be locked (%v); using it without a lock", cfg.CacheDir, err))
		default:
			cacheLocked = true
			defer cacheLock.Unlock()
		}
	}
	// The last run's records are read through --out; this run's go into
	// its own set.
	cfg.RecordDir, cfg.NewRecordDir = cfg.Out, set.dir
	build := cfg.Build
	if build == nil {
		build = BuildRun
	}
	rep, info, err := build(ctx, cfg.Config)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("interrupted; no report written, existing report files are intact: %w", ctx.Err())
		}
		return nil, err
	}
	if cfg.AfterBuild != nil {
		cfg.AfterBuild()
	}
	res := &ReportResult{Report: rep, Info: info}
	if info.SnapshotRefused != "" {
		say("warning: " + info.SnapshotRefused + ": the last run's records were not reused; every article was analysed")
	}
	for _, p := range rep.Problems {
		if p.Severity == "error" {
			res.Errors++
		}
		if p.Check == pipeline.CheckStage {
			res.Skipped++
		}
	}
	if rep.Corpus.Articles == 0 {
		// A report of nothing must not replace a report of something.
		return res, ErrNoArticles
	}
	writeStart := time.Now()
	res.Paths, err = render.WriteAll(set.dir, rep, render.RenderOptions{Texts: corpus.TextReader(cfg.Corpus, cfg.MaxArticleBytes),
		MaxArticles: cfg.HTMLArticles, Formats: cfg.Formats, AtPhase: cfg.AtPhase})
	if err == nil {
		err = set.publish()
	}
	res.Write = time.Since(writeStart)
	if err != nil {
		return res, fmt.Errorf("%w; the report directory %s was left as it was", err, cfg.Out)
	}
	published = true
	if cfg.AtPhase != nil {
		cfg.AtPhase("published")
	}
	for i, p := range res.Paths {
		res.Paths[i] = set.path(p)
	}
	for _, p := range res.Paths {
		if filepath.Base(filepath.Dir(p)) == render.ChartDir {
			res.Charts++
		}
	}
	if cacheLocked {
		if _, err := cache.Sweep(cfg.CacheDir); err != nil {
			say(fmt.Sprint("warning: cleaning the cache: ", err))
		}
	}
	if info.Snapshot != nil {
		if err := info.Snapshot.Save(rep); err != nil {
			say(fmt.Sprint("warning: ", err, " (the next run reads every article)"))
		}
	}
	switch {
	case res.Skipped > 0:
		return res, fmt.Errorf("%s %w", textfmt.Plural(res.Skipped, "article"), ErrSkipped)
	case cfg.Strict && res.Errors > 0:
		return res, fmt.Errorf("%s in the corpus or lexicons (%w)", textfmt.Plural(res.Errors, "error"), ErrStrict)
	}
	return res, nil
}
