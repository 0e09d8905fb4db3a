package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
)

// DefaultOut is where `framing report` writes when --out is not given.
const DefaultOut = "reports/out"

func runReport(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("report", "report [--corpus DIR] [--event SLUG ...] [--lexicon NAME|FILE ...] [--out DIR] [--workers N] [--strict]", stderr)
	var lexs, events multiFlag
	corpusDir := fs.String("corpus", corpus.DefaultDir, "corpus directory: one folder per event, one .md file per article")
	fs.Var(&lexs, "lexicon", fmt.Sprintf("lexicon to score with: a built-in name (%s), %q for the default set, or a .yaml/.dic file; repeat for several (default: %q)",
		strings.Join(lexicons.BuiltinNames(), ", "), lexicons.DefaultName, lexicons.DefaultName))
	cues := fs.String("cues", pipeline.DefaultCues, "cue list for the voice stage (report verbs, denials, negations, titles): a built-in name or a .yaml file")
	fs.Var(&events, "event", "analyse only this event folder; repeat for several (default: every event)")
	out := fs.String("out", DefaultOut, "directory to write report.json, report.md, report.html, the CSV exports and charts/ into")
	inlineMax := fs.Int("inline-records", pipeline.DefaultInlineMax, "largest corpus (articles) whose hits, quotes, mentions and agency events are inlined in report.json; past it they go to hits.jsonl, quotes.jsonl, mentions.jsonl and agency.jsonl as they come")
	formats := fs.String("format", strings.Join(render.DefaultFormats, ","), "formats to write, comma-separated: json (report.json, always written), md, html, csv (outlets.csv, articles.csv, hits.csv), parquet (hits.parquet); an export of a format left out is removed from --out, so the files there always agree")
	htmlArticles := fs.Int("html-articles", render.DefaultHTMLArticles, "articles report.html shows highlighted, shared out between events (the figures count every article)")
	workers := fs.Int("workers", 0, "workers per pipeline stage (0: one per CPU)")
	strict := fs.Bool("strict", false, "exit 1 if any file or lexicon has an error (default: report it and go on)")
	maxBytes := fs.Int64("max-article-bytes", corpus.DefaultMaxBytes, "largest article file to analyse, in bytes")
	quiet := fs.Bool("quiet", false, "no progress bar")
	timings := fs.Bool("timings", false, "print how long each phase took (load, analyse, statistics, write) to standard error")
	resamples := fs.Int("bootstrap", 1000, "bootstrap resamples for the 95% intervals (0 or less: no intervals)")
	seed := fs.Uint64("seed", 1, "bootstrap seed: the same seed gives the same intervals")
	cacheDir := fs.String("cache", pipeline.DefaultCacheDir, "directory of the per-article cache (safe to delete)")
	noCache := fs.Bool("no-cache", false, "analyse every article, ignoring and not writing the cache")
	background := fs.String("background", "", "corpus directory whose counts are the prior of the distinctive-terms statistics (default: the pooled counts of the outlets compared)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to FILE (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile to FILE once the corpus is analysed (go tool pprof)")
	nerMode := fs.String("ner", "auto", "entity recognition, which only suggests names missing from the gazetteers: off, suggest, or auto (suggest for a corpus of up to "+fmt.Sprint(pipeline.NERAutoMaxBytes>>20)+" MiB of articles)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{2, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))}
	}
	formatList := splitList(*formats)
	if err := render.CheckFormats(formatList); err != nil {
		return &exitError{2, fmt.Errorf("--format: %w", err)}
	}
	if _, err := os.Stat(*corpusDir); err != nil {
		return &exitError{1, fmt.Errorf("corpus %s: %w (run from the repository root, or pass --corpus DIR)", *corpusDir, errors.Unwrap(err))}
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	ner, err := pipeline.ResolveNER(*nerMode, *corpusDir, events)
	if err != nil {
		return &exitError{2, err}
	}
	if *resamples <= 0 {
		*resamples = -1
	}
	if *noCache {
		*cacheDir = ""
	}
	// One run at a time writes into a report directory and a cache (issue
	// 17): a second waits, and says who it waits for.
	say := func(msg string) { fmt.Fprintln(stderr, "framing:", msg) }
	outLock, err := atomicfile.WaitLock(ctx, *out, "report", say)
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{130, errors.New("interrupted while waiting; nothing written")}
		}
		return &exitError{1, fmt.Errorf("report directory: %w", err)}
	}
	defer outLock.Unlock()
	cacheLocked := false
	if *cacheDir != "" {
		cacheLock, err := atomicfile.WaitLock(ctx, *cacheDir, "report", say)
		switch {
		case ctx.Err() != nil:
			return &exitError{130, errors.New("interrupted while waiting; nothing written")}
		case err != nil:
			// An unwritable cache still serves reads; entries it cannot
			// store are counted and reported after the run.
			fmt.Fprintf(stderr, "framing: warning: cache %s cannot be locked (%v); using it without a lock\n", *cacheDir, err)
		default:
			cacheLocked = true
			defer cacheLock.Unlock()
		}
	}
	cfg := pipeline.Config{Lexicons: lexs, Cues: *cues, NER: ner, Background: *background, CacheDir: *cacheDir,
		RecordDir: *out, InlineMax: *inlineMax,
		Stats: pipeline.StatsOptions{Resamples: *resamples, Seed: *seed}, Options: pipeline.Options{
			Corpus: *corpusDir, Events: events, Workers: *workers, MaxArticleBytes: *maxBytes}}
	if !*quiet {
		cfg.Progress = newProgress(stderr)
	}
	rep, info, err := pipeline.BuildRun(ctx, cfg)
	if *memProfile != "" && err == nil {
		// After the analysis, with the report and every aggregate live: the
		// high-water mark of what the run keeps.
		writeHeapProfile(*memProfile, stderr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return &exitError{130, errors.New("interrupted; no report written, existing report files are intact")}
		}
		return err
	}
	errs, internal := 0, 0
	for _, p := range rep.Problems {
		if strings.Contains(p.Message, pipeline.InternalErrorPrefix) {
			internal++
		}
		loc := p.Path
		if p.Line > 0 {
			loc = fmt.Sprintf("%s:%d", p.Path, p.Line)
		}
		fmt.Fprintf(stderr, "%s: %s: %s\n", loc, p.Severity, p.Message)
		if p.Severity == "error" {
			errs++
		}
	}
	writeStart := time.Now()
	paths, err := render.WriteAll(*out, rep, render.RenderOptions{Texts: corpus.TextReader(*corpusDir, *maxBytes), MaxArticles: *htmlArticles,
		Formats: formatList, AtPhase: st.atPhase})
	if err != nil {
		return err
	}
	if cacheLocked {
		if _, err := pipeline.SweepCache(cfg.CacheDir); err != nil {
			fmt.Fprintln(stderr, "framing: warning: cleaning the cache:", err)
		}
	}
	if info.Snapshot != nil {
		if err := info.Snapshot.Save(); err != nil {
			fmt.Fprintln(stderr, "framing: warning:", err, "(the next run reads every article)")
		}
	}
	if *timings {
		r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
		fmt.Fprintf(stderr, "framing: timings: load %s, analyse %s, statistics %s, write %s\n",
			r(info.Load), r(info.Analyse), r(info.Statistics), r(time.Since(writeStart)))
	}
	// Standard output lists the report files, one per line, for scripts; the
	// charts (one file per figure) are counted on standard error.
	charts := 0
	for _, p := range paths {
		if filepath.Base(filepath.Dir(p)) == render.ChartDir {
			charts++
			continue
		}
		fmt.Fprintln(stdout, p)
	}
	fmt.Fprintf(stderr, "framing: %d articles, %d outlets, %d hits; %d problems; %d charts in %s\n",
		rep.Corpus.Articles, len(rep.Outlets), rep.HitCount(), len(rep.Problems), charts, filepath.Join(*out, render.ChartDir))
	if cfg.CacheDir != "" {
		fmt.Fprintf(stderr, "framing: cache %s: ", cfg.CacheDir)
		if info.Unchanged > 0 {
			fmt.Fprintf(stderr, "%d files unchanged since the last run, ", info.Unchanged)
		}
		fmt.Fprintf(stderr, "%d articles read from it, %d analysed", info.CacheHits, info.CacheMisses)
		if info.CacheCorrupt > 0 {
			fmt.Fprintf(stderr, ", %d corrupt entries discarded and recomputed", info.CacheCorrupt)
		}
		fmt.Fprintln(stderr)
		if info.CacheUnwritable > 0 {
			fmt.Fprintf(stderr, "framing: warning: cache %s: %d entries could not be written (%v); the next run analyses them again (--cache DIR elsewhere, or --no-cache)\n",
				cfg.CacheDir, info.CacheUnwritable, info.CacheError)
		}
	}
	switch {
	case rep.Corpus.Articles == 0:
		return &exitError{1, errors.New("no article could be analysed")}
	case internal > 0:
		// The report stands for the other articles, but a run that dropped
		// an article through framing's own fault must not pass as clean.
		return &exitError{3, fmt.Errorf("%d articles skipped by an internal error (listed above); the report covers the rest", internal)}
	case *strict && errs > 0:
		return &exitError{1, fmt.Errorf("%d errors (--strict)", errs)}
	}
	return nil
}

// progress is a progress bar on a terminal and silence elsewhere (CI logs).
type progress struct {
	w   io.Writer
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer) pipeline.Progress {
	if f, ok := w.(*os.File); !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{w: w}
}

func (p *progress) Start(total int) {
	p.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("analysing"), progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
}

func (p *progress) Step(string) { p.bar.Add(1) }

func (p *progress) Finish() { p.bar.Finish() }

// startCPUProfile profiles the rest of the command into path.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// writeHeapProfile writes the live heap (after a GC) to path.
func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(stderr, "framing: memory profile:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		fmt.Fprintln(stderr, "framing: memory profile:", err)
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
