package render

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/reports"
)

// A Format renders a report to one file.
type Format struct {
	Name   string // as in --format; csv names three files
	File   string // file name in the output directory
	Render func(io.Writer, *reports.Report, RenderOptions) error
}

// Formats lists the renderers, in the order they are written; WriteAll
// commits them in reverse, report.json last.
func Formats() []Format {
	return []Format{
		{"json", "report.json", func(w io.Writer, r *reports.Report, _ RenderOptions) error { return reports.WriteJSON(w, r) }},
		{"md", "report.md", WriteMarkdown},
		{"html", "report.html", WriteHTML},
		{"csv", "outlets.csv", func(w io.Writer, r *reports.Report, _ RenderOptions) error { return WriteOutletsCSV(w, r) }},
		{"csv", "articles.csv", func(w io.Writer, r *reports.Report, _ RenderOptions) error { return WriteArticlesCSV(w, r) }},
		{"csv", "hits.csv", func(w io.Writer, r *reports.Report, _ RenderOptions) error { return WriteHitsCSV(w, r) }},
		{"parquet", "hits.parquet", func(w io.Writer, r *reports.Report, _ RenderOptions) error { return WriteHitsParquet(w, r) }},
	}
}

// DefaultFormats are the formats a report is written in unless --format
// says otherwise: the three reports. The exports are asked for (--format
// json,md,html,csv): hits.csv reads every hit back, which at 10,000
// articles costs more than the rest of a cached re-run.
var DefaultFormats = []string{"json", "md", "html"}

// FormatNames are the names --format accepts.
func FormatNames() []string { return []string{"json", "md", "html", "csv", "parquet"} }

// CheckFormats validates a --format list; report.json is always written (it
// is the contract, and names the record files), so "json" may be left out.
func CheckFormats(names []string) error {
	for _, n := range names {
		if !slices.Contains(FormatNames(), n) {
			return fmt.Errorf("format %q: want some of %s", n, strings.Join(FormatNames(), ", "))
		}
	}
	return nil
}

// selectedFormats are the formats of names (DefaultFormats when empty),
// report.json always among them, in Formats order.
func selectedFormats(names []string) []Format {
	if len(names) == 0 {
		names = DefaultFormats
	}
	var out []Format
	for _, f := range Formats() {
		if f.Name == "json" || slices.Contains(names, f.Name) {
			out = append(out, f)
		}
	}
	return out
}

// WriteAll renders every format into dir, and the charts report.md links to
// into dir/charts, as one set that a crash never mixes:
//
//  1. the record files, when the report's records are written apart
//     (AttachRecords), are committed first; report.json, written last,
//     names them with their sizes and CRC-32C, and every reader checks
//     them, so a report.json is never read with another run's record files;
//  2. the charts are written under names that carry their checksum, so they
//     never replace the charts an existing report.md links;
//  3. each format renders into a temporary file and is renamed into place,
//     report.json last;
//  4. only then are the charts no report links any more (other runs', other
//     events') removed, and the temporary files of runs that died before
//     their rename.
//
// A failed or interrupted run leaves the previous report files whole.
// WriteAll assumes the caller holds dir's lock (atomicfile.WaitLock), so no
// other run is writing there. It returns the paths written.
func WriteAll(dir string, r *reports.Report, opt RenderOptions) (paths []string, err error) {
	at := func(phase string) {
		if opt.AtPhase != nil {
			opt.AtPhase(phase)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report dir %s: %w", dir, err)
	}
	rp, committed, err := r.CommitRecords(dir)
	if err != nil {
		return nil, err
	}
	paths = append(paths, rp...)
	if committed {
		at("records")
	}
	if opt.memo == nil {
		opt.memo = &memo{}
	}
	// Draw and write the charts, and render the formats, side by side: they
	// only read the report, and the digest the formats share is computed
	// first.
	if _, err := opt.digest(r); err != nil {
		return paths, err
	}
	var chartPaths []string
	var chartErr error
	chartsDone := make(chan struct{})
	go func() {
		defer close(chartsDone)
		chartPaths, chartErr = writeCharts(dir, r, opt)
	}()
	// Each format renders straight into its temporary file (nothing is
	// held whole in memory), side by side; then they are put in place,
	// report.json last.
	formats := selectedFormats(opt.Formats)
	pending := make([]*atomicfile.Pending, len(formats))
	defer func() {
		for _, p := range pending {
			if p != nil {
				p.Abort()
			}
		}
	}()
	errs := make([]error, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		p, perr := atomicfile.Begin(filepath.Join(dir, f.File), 0o644)
		if perr != nil {
			errs[i] = fmt.Errorf("writing %s: %w", f.File, perr)
			continue
		}
		pending[i] = p
		wg.Add(1)
		go func() {
			defer wg.Done()
			var sink io.Writer = p
			var safe io.WriteCloser
			if f.Name == "html" || f.Name == "md" {
				safe = bidiSafeWriter(p) // pages a person reads
				sink = safe
			}
			bw := bufio.NewWriterSize(sink, 1<<16)
			if err := f.Render(bw, r, opt); err != nil {
				errs[i] = fmt.Errorf("rendering %s: %w", f.File, err)
			} else if err := bw.Flush(); err != nil {
				errs[i] = fmt.Errorf("writing %s: %w", f.File, err)
			} else if safe != nil {
				if err := safe.Close(); err != nil {
					errs[i] = fmt.Errorf("writing %s: %w", f.File, err)
				}
			}
		}()
	}
	wg.Wait()
	<-chartsDone
	err = errors.Join(errors.Join(errs...), chartErr)
	if err == nil {
		at("charts")
	}
	for i := len(formats) - 1; i >= 0 && err == nil; i-- {
		if cerr := pending[i].Commit(); cerr != nil {
			err = fmt.Errorf("writing %s: %w", formats[i].File, cerr)
		}
		at(formats[i].File)
	}
	if err != nil {
		return paths, err
	}
	written := map[string]bool{}
	for _, f := range formats {
		paths = append(paths, filepath.Join(dir, f.File))
		written[f.File] = true
	}
	if err := sweep(dir, chartPaths, written); err != nil {
		return paths, err
	}
	return append(paths, chartPaths...), nil
}

// leftover matches the temporary files framing's writers leave when a run
// dies before renaming them: ".report.json.tmp-123", ".hits.jsonl.tmp-9",
// ".voice-5f3a09c2.svg.tmp-4".
var leftover = regexp.MustCompile(`^\.(report\.(json|md|html)|(hits|quotes|mentions|agency)\.jsonl|(outlets|articles|hits)\.csv|hits\.parquet|[a-z0-9-]+\.svg)\.tmp-[0-9]+$`)

// sweep removes from dir what the report just written does not use: charts
// it does not link (charts of other runs, of events no longer in the
// corpus), exports of a format this run did not write (an outlets.csv left
// from an earlier run would disagree with this report.json), and temporary
// files of runs that died. Only framing's own kinds of file are touched.
func sweep(dir string, charts []string, written map[string]bool) error {
	keep := map[string]bool{}
	for _, c := range charts {
		keep[filepath.Clean(c)] = true
	}
	var errs []error
	for _, d := range []string{dir, filepath.Join(dir, ChartDir)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		for _, e := range entries {
			name := e.Name()
			path := filepath.Join(d, name)
			stale := leftover.MatchString(name) ||
				d != dir && strings.HasSuffix(name, ".svg") && !keep[path] ||
				d == dir && isExport(name) && !written[name]
			if stale && e.Type().IsRegular() {
				if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cleaning %s: %w", dir, err)
	}
	return nil
}

// isExport reports whether name is one of the files a format writes other
// than report.json.
func isExport(name string) bool {
	for _, f := range Formats() {
		if f.File == name && f.Name != "json" {
			return true
		}
	}
	return false
}

// writeCharts draws the charts and writes them into dir/charts.
func writeCharts(dir string, r *reports.Report, opt RenderOptions) ([]string, error) {
	charts, err := opt.charts(r)
	if err != nil {
		return nil, fmt.Errorf("drawing charts: %w", err)
	}
	if len(charts) > 0 {
		if err := os.MkdirAll(filepath.Join(dir, ChartDir), 0o755); err != nil {
			return nil, fmt.Errorf("report dir %s: %w", dir, err)
		}
	}
	var paths []string
	for _, c := range charts {
		path := filepath.Join(dir, filepath.FromSlash(c.File))
		if err := atomicfile.WriteFile(path, bidiSafeBytes(c.SVG), 0o644); err != nil {
			return paths, fmt.Errorf("writing %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
