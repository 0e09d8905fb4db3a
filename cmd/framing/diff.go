package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/framing/framing/reports"
)

// runDiff compares two report sets for CI: what changed, most
// serious first (reports.Diff), and an exit code a job can act on.
func runDiff(_ context.Context, args []string, st streams) error {
	stdout, stderr := st.out, st.err
	fs := newFlags("diff", "diff [--format text|md|json] [--fail-on contract|provenance|drift] [--rtol R] [--atol A] OLD NEW", stderr)
	format := fs.String("format", "text", "text (a terminal, a CI log), md (a pull-request comment) or json")
	failOn := fs.String("fail-on", reports.LevelDrift, "exit 1 when the difference is at least this serious: contract (report.json's fields broke), provenance (lexicons, generator, settings or articles changed), drift (any rate beyond the tolerance, any hit added or removed)")
	rtol := fs.Float64("rtol", reports.DefaultTolerance.Rel, "relative tolerance: rates within atol + rtol·|old| are the same")
	atol := fs.Float64("atol", reports.DefaultTolerance.Abs, "absolute tolerance (report.json rounds to 6 decimals)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 {
		return &exitError{2, errors.New("give two reports: OLD NEW (a report directory or its report.json)")}
	}
	if r := reports.LevelRank(*failOn); r <= 0 {
		return &exitError{2, fmt.Errorf("--fail-on %q: want contract, provenance or drift", *failOn)}
	}
	if *format != "text" && *format != "md" && *format != "json" {
		return &exitError{2, fmt.Errorf("--format %q: want text, md or json", *format)}
	}
	if *rtol < 0 || *atol < 0 {
		return &exitError{2, errors.New("--rtol and --atol must not be negative")}
	}
	read := func(p string) (*reports.Report, []byte, error) {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			p = filepath.Join(p, "report.json")
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, err
		}
		r, err := reports.ReadJSONFile(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		// Every record file, not only the hits the diff reads: a report
		// whose quotes were damaged is no report to compare.
		if err := r.VerifyRecords(); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		return r, raw, nil
	}
	old, oldRaw, err := read(rest[0])
	if err != nil {
		return &exitError{2, err}
	}
	new, newRaw, err := read(rest[1])
	if err != nil {
		return &exitError{2, err}
	}
	d, err := reports.Diff(old, new, oldRaw, newRaw, reports.Tolerance{Rel: *rtol, Abs: *atol})
	if err != nil {
		return &exitError{2, err}
	}
	switch *format {
	case "json":
		err = reports.WriteDiffJSON(stdout, d)
	default:
		err = reports.WriteDiffText(stdout, d, *format == "md")
	}
	if err != nil {
		return &exitError{2, err}
	}
	if reports.LevelRank(d.Level) >= reports.LevelRank(*failOn) {
		return &exitError{code: 1}
	}
	return nil
}

// diffUsage is the one-line help of the command list.
var diffUsage = "diff OLD NEW: what changed between two reports (" + strings.Join(reports.DiffLevels[1:], ", ") + "), for CI"
