// Package diag is the one shape of a problem found in an input file —
// an article, a lexicon, a gazetteer, an event label — and its one text
// form, positioned like a compiler's diagnostic (path:line:column) so that
// editors and CI logs can jump to it. Every package that reads user files
// reports with it, and the CLI prints it with Diagnostic.Error.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says whether a diagnostic stops its file from being used.
type Severity int

const (
	// Error: the file (or the entry) is skipped; the rest is used.
	Error Severity = iota
	// Warning: the file is used, but something in it deserves a look.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// ParseSeverity is the inverse of String; anything but "warning" is an error.
func ParseSeverity(s string) Severity {
	if s == "warning" {
		return Warning
	}
	return Error
}

// A Diagnostic is one thing wrong with one input file.
type Diagnostic struct {
	Path     string
	Line     int // 1-based; 0 when it concerns the whole file
	Column   int // 1-based, in bytes; 0 when not known
	Severity Severity
	// Check names what raised it ("front-matter", "lexicon", "gazetteer",
	// "event", "stage"...), so a reader can filter a long list.
	Check   string
	Message string
}

// Errorf is an error diagnostic.
func Errorf(path string, line int, check, format string, args ...any) *Diagnostic {
	return &Diagnostic{Path: path, Line: line, Severity: Error, Check: check, Message: fmt.Sprintf(format, args...)}
}

// Warningf is a warning diagnostic.
func Warningf(path string, line int, check, format string, args ...any) *Diagnostic {
	return &Diagnostic{Path: path, Line: line, Severity: Warning, Check: check, Message: fmt.Sprintf(format, args...)}
}

// Error formats the diagnostic as path:line:column: severity: message (as
// compilers do, so editors jump to it), the position's parts left out when
// unknown.
func (d *Diagnostic) Error() string {
	loc := d.Path
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, d.Line)
		if d.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, d.Column)
		}
	}
	return loc + ": " + d.Severity.String() + ": " + d.Message
}

// IsWarning reports whether the file is usable despite the diagnostic.
func (d *Diagnostic) IsWarning() bool { return d.Severity == Warning }

// Sort orders diagnostics by path, line and column, keeping the order of
// those at one position.
func Sort(ds []*Diagnostic) {
	slices.SortStableFunc(ds, func(a, b *Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
}

// Errors are the diagnostics as errors, for errors.Join.
func Errors(ds []*Diagnostic) []error {
	out := make([]error, len(ds))
	for i, d := range ds {
		out[i] = d
	}
	return out
}
