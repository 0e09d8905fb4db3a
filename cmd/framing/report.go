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

	"github.com/framing/framing/cache"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/render"
	"github.com/framing/framing/run"
)

func runReport(ctx context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("report", "report [--corpus DIR] [--event SLUG ...] [--lexicon NAME|FILE ...] [--out DIR] [--workers N] [--strict]", stderr)
	var shared run.Flags
	shared.Register(fs)
	out := fs.String("out", run.DefaultOut, "directory to write report.json, report.md, report.html, the CSV exports and charts/ into")
	formats := fs.String("format", strings.Join(render.DefaultFormats, ","), "formats to write, comma-separated: json (report.json, always written), md, html, csv (outlets.csv, articles.csv, hits.csv), parquet (hits.parquet); an export of a format left out is removed from --out, so the files there always agree")
	htmlArticles := fs.Int("html-articles", render.DefaultHTMLArticles, "articles report.html shows highlighted, shared out between events (the figures count every article)")
	workers := fs.Int("workers", 0, "workers per pipeline stage (0: one per CPU)")
	strict := fs.Bool("strict", false, "exit 1 if any file or lexicon has an error (default: report it and go on)")
	quiet := fs.Bool("quiet", false, "print nothing but the paths written and errors: no progress bar, no summary, no cache line")
	timings := fs.Bool("timings", false, "print how long each phase took (load, analyse, statistics, write) to standard error")
	cacheDir := fs.String("cache", cache.DefaultDir, "directory of the per-article cache (safe to delete)")
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
	switch *nerMode {
	case "off", "suggest", "on", "auto":
	default:
		return &exitError{2, fmt.Errorf("--ner %q: want off, suggest or auto", *nerMode)}
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	runCfg, err := shared.Config()
	if err != nil {
		return &exitError{2, err}
	}
	cfg := run.ReportConfig{Config: runCfg, Out: *out, Formats: formatList, HTMLArticles: *htmlArticles, Strict: *strict,
		Say: func(msg string) { fmt.Fprintln(stderr, "framing:", msg) }, AtPhase: st.atPhase}
	cfg.NERMode, cfg.Workers, cfg.Background = *nerMode, *workers, *background
	if !*noCache {
		cfg.CacheDir = *cacheDir
	}
	if !*quiet {
		cfg.Progress = newProgress(stderr)
	}
	if *memProfile != "" {
		// After the analysis, with the report and every aggregate live: the
		// high-water mark of what the run keeps.
		cfg.AfterBuild = func() { writeHeapProfile(*memProfile, stderr) }
	}
	res, err := run.Report(ctx, cfg)
	if res == nil {
		if ctx.Err() != nil {
			return &exitError{130, err}
		}
		return &exitError{1, err}
	}
	rep, info := res.Report, res.Info
	printProblems(stderr, rep.Problems, "text")
	if *timings {
		r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
		fmt.Fprintf(stderr, "framing: timings: load %s, analyse %s, statistics %s, write %s\n",
			r(info.Load), r(info.Analyse), r(info.Statistics), r(res.Write))
	}
	// Standard output lists the report files, one per line, for scripts; the
	// charts (one file per figure) are counted on standard error.
	for _, p := range res.Paths {
		if filepath.Base(filepath.Dir(p)) != render.ChartDir {
			fmt.Fprintln(stdout, p)
		}
	}
	if !*quiet && len(res.Paths) > 0 {
		fmt.Fprintf(stderr, "framing: %d articles, %d outlets, %d hits; %d problems; %d charts in %s\n",
			rep.Corpus.Articles, len(rep.Outlets), rep.HitCount(), len(rep.Problems), res.Charts, filepath.Join(cfg.Out, render.ChartDir))
	}
	if cfg.CacheDir != "" && !*quiet {
		fmt.Fprintf(stderr, "framing: cache %s: ", cfg.CacheDir)
		if info.Unchanged > 0 {
			fmt.Fprintf(stderr, "%d files unchanged since the last run, ", info.Unchanged)
		}
		fmt.Fprintf(stderr, "%d articles read from it, %d analysed", info.CacheHits, info.CacheMisses)
		if info.CacheCorrupt > 0 {
			fmt.Fprintf(stderr, ", %d corrupt entries discarded and recomputed", info.CacheCorrupt)
		}
		fmt.Fprintln(stderr)
	}
	if cfg.CacheDir != "" && info.CacheUnwritable > 0 {
		fmt.Fprintf(stderr, "framing: warning: cache %s: %d entries could not be written (%v); the next run analyses them again (--cache DIR elsewhere, or --no-cache)\n",
			cfg.CacheDir, info.CacheUnwritable, info.CacheError)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, run.ErrSkipped):
		// The report stands for the other articles, but a run that dropped
		// an article through framing's own fault must not pass as clean.
		return &exitError{3, err}
	case errors.Is(err, run.ErrNoArticles):
		return &exitError{1, fmt.Errorf("%w; the report directory was left as it was", err)}
	}
	return &exitError{1, err}
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
