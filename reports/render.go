package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/framing/framing/corpus/atomicfile"
)

// WriteJSON writes the report as indented JSON. HTML characters are not
// escaped: the file is data, and "<" should read as "<" in a diff.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadJSON reads a report written by WriteJSON.
func ReadJSON(rd io.Reader) (*Report, error) {
	var r Report
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, err
	}
	if r.Schema != Schema {
		return nil, fmt.Errorf("report schema %q, want %q", r.Schema, Schema)
	}
	return &r, nil
}

// A Format renders a report to one file.
type Format struct {
	Name   string // as in --format
	File   string // file name in the output directory
	Render func(io.Writer, *Report, RenderOptions) error
}

// Formats lists the renderers, in the order they are written.
func Formats() []Format {
	return []Format{
		{"json", "report.json", func(w io.Writer, r *Report, _ RenderOptions) error { return WriteJSON(w, r) }},
		{"md", "report.md", WriteMarkdown},
		{"html", "report.html", WriteHTML},
	}
}

// WriteAll renders every format into dir, and the charts report.md links to
// into dir/charts, each file atomically: a failed or interrupted run leaves
// the previous report files whole. When the report's
// records are written apart (AttachRecords), they are committed first, and
// report.json, which names them and counts their rows, is written last. It
// returns the paths written.
func WriteAll(dir string, r *Report, opt RenderOptions) (paths []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report dir %s: %w", dir, err)
	}
	if r.records != nil {
		rp, err := r.records.Commit()
		if err != nil {
			r.records.Discard()
			return nil, err
		}
		r.recordDir, r.records = dir, nil
		paths = append(paths, rp...)
	}
	// Draw and write the charts, and render the formats, side by side (they
	// only read the report; the digest the formats share is computed
	// first); then write the formats, report.json last. A format is a few
	// megabytes at most: its size grows with events and outlets, not with
	// articles (records stay in their own files).
	if _, err := r.digest(opt); err != nil {
		return paths, err
	}
	var chartPaths []string
	var chartErr error
	chartsDone := make(chan struct{})
	go func() {
		defer close(chartsDone)
		chartPaths, chartErr = writeCharts(dir, r)
	}()
	formats := Formats()
	bufs := make([]bytes.Buffer, len(formats))
	errs := make([]error, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.Render(&bufs[i], r, opt); err != nil {
				errs[i] = fmt.Errorf("rendering %s: %w", f.File, err)
			}
		}()
	}
	wg.Wait()
	err = errors.Join(errs...)
	for i := len(formats) - 1; i >= 0 && err == nil; i-- {
		path := filepath.Join(dir, formats[i].File)
		if werr := atomicfile.WriteFile(path, bufs[i].Bytes(), 0o644); werr != nil {
			err = fmt.Errorf("writing %s: %w", path, werr)
		}
		bufs[i] = bytes.Buffer{}
	}
	<-chartsDone
	if err = errors.Join(err, chartErr); err != nil {
		return paths, err
	}
	for _, f := range formats {
		paths = append(paths, filepath.Join(dir, f.File))
	}
	return append(paths, chartPaths...), nil
}

// writeCharts draws the charts and writes them into dir/charts.
func writeCharts(dir string, r *Report) ([]string, error) {
	charts, err := Charts(r)
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
		if err := atomicfile.WriteFile(path, c.SVG, 0o644); err != nil {
			return paths, fmt.Errorf("writing %s: %w", path, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}
