package corpus

import "fmt"

// Severity says whether a Problem stops a file from being analysed.
type Severity int

const (
	// Error: the file is skipped; the rest of the corpus is analysed.
	Error Severity = iota
	// Warning: the file is analysed, but something in it deserves a look
	// (an unknown front-matter field, an event that disagrees with its folder).
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one thing wrong with one corpus file, positioned like a
// compiler diagnostic so editors and CI logs can jump to it.
type Problem struct {
	Path     string
	Line     int // 1-based; 0 when the problem concerns the whole file
	Severity Severity
	Msg      string
}

func (p *Problem) Error() string {
	prefix := ""
	if p.Severity == Warning {
		prefix = "warning: "
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s%s", p.Path, p.Line, prefix, p.Msg)
	}
	return fmt.Sprintf("%s: %s%s", p.Path, prefix, p.Msg)
}

// Position reports where the problem is; the CLI's check command uses it to
// print machine-readable diagnostics for any package's problems alike.
func (p *Problem) Position() (path string, line int) { return p.Path, p.Line }

// IsWarning reports whether the problem leaves the file usable.
func (p *Problem) IsWarning() bool { return p.Severity == Warning }

func problemf(path string, line int, sev Severity, format string, args ...any) *Problem {
	return &Problem{Path: path, Line: line, Severity: sev, Msg: fmt.Sprintf(format, args...)}
}
