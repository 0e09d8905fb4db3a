package corpus

import (
	"fmt"

	"github.com/framing/framing/internal/diag"
)

// A Problem is one thing wrong with one corpus file (diag.Diagnostic, the
// one shape every package reports in).
type Problem = diag.Diagnostic

// Severity says whether a Problem stops a file from being analysed.
type Severity = diag.Severity

const (
	// Error: the file is skipped; the rest of the corpus is analysed.
	Error = diag.Error
	// Warning: the file is analysed, but something in it deserves a look
	// (an unknown front-matter field, an event that disagrees with its folder).
	Warning = diag.Warning
)

// The checks corpus problems name (diag.Diagnostic.Check).
const (
	CheckArticle = "article" // an article file: encoding, front matter, body
	CheckEvent   = "event"   // an event folder's event.yaml
	CheckListing = "listing" // the corpus folder: what is and is not an article
)

func problemf(path string, line int, sev Severity, format string, args ...any) *Problem {
	return &Problem{Path: path, Line: line, Severity: sev, Check: CheckArticle, Message: fmt.Sprintf(format, args...)}
}

func eventProblemf(path string, line int, sev Severity, format string, args ...any) *Problem {
	p := problemf(path, line, sev, format, args...)
	p.Check = CheckEvent
	return p
}

func listingProblemf(path string, line int, sev Severity, format string, args ...any) *Problem {
	p := problemf(path, line, sev, format, args...)
	p.Check = CheckListing
	return p
}
