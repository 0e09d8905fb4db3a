// Package corpus reads, validates and writes the articles framing analyses.
//
// One article is one Markdown file with YAML front matter:
//
//	---
//	id: wsws-2024-11-29-pakistan-massacre
//	outlet: World Socialist Web Site
//	event: pti-final-call-islamabad-2024
//	title: Pakistani army opens fire in brazen, US-backed massacre of pro-Imran Khan protest
//	published: 2024-11-29
//	---
//	The body, exactly as published.
//
// Files live under <corpus>/<event>/. The body is everything after the closing
// "---" line, byte for byte: every offset framing reports (hits, quotes,
// mentions) is a byte offset into that string, so nothing here rewrites it.
// Normalisation (NFC, line endings, BOM) happens once, when an article is
// added (see Add), never on load.
package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/yamlpos"
)

// Article is one parsed corpus file.
type Article struct {
	ID        string
	Outlet    string
	Event     string
	Title     string
	Published string   // YYYY-MM-DD or RFC 3339; empty when unknown
	URL       string   // optional
	Authors   []string // optional
	Language  string   // BCP 47 primary tag; "en" when absent

	// Optional provenance, shown in reports' methods sections.
	OutletKind string // e.g. "encyclopedia", "partisan news site"
	Bias       string // a third party's label for the outlet (AllSides: left|center|right)
	Source     string // where the text came from (dataset, archive)
	Licence    string // licence of the text, when known

	Body     string // the text after the front matter, verbatim
	Path     string // the file it came from, as given to Parse
	BodyLine int    // 1-based line of the file on which Body starts
	IDLine   int    // 1-based line of the file's id field (problems about the id point at it)
	Hash     string // hex sha256 of the whole file: the cache key's first part
}

// frontMatter mirrors the YAML keys; Article keeps the checked values.
type frontMatter struct {
	ID         string     `yaml:"id"`
	Outlet     string     `yaml:"outlet"`
	Event      string     `yaml:"event"`
	Title      string     `yaml:"title"`
	Published  string     `yaml:"published"`
	URL        string     `yaml:"url"`
	Authors    stringList `yaml:"authors"`
	Language   string     `yaml:"language"`
	OutletKind string     `yaml:"outlet_kind"`
	Bias       string     `yaml:"bias"`
	Source     string     `yaml:"source"`
	Licence    string     `yaml:"licence"`
}

// knownFields lists the front-matter keys; any other key is a warning, not an
// error, so a researcher's own annotations never make an article unreadable.
var knownFields = []string{"id", "outlet", "event", "title", "published", "url",
	"authors", "language", "outlet_kind", "bias", "source", "licence"}

var requiredFields = []string{"id", "outlet", "event", "title"}

// stringList accepts both `authors: A. Writer` and `authors: [A, B]`.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Value != "" {
			*s = []string{n.Value}
		}
		return nil
	case yaml.SequenceNode:
		var v []string
		if err := n.Decode(&v); err != nil {
			return err
		}
		*s = v
		return nil
	}
	return fmt.Errorf("line %d: authors must be a name or a list of names", n.Line)
}

// Hash is an article file's Article.Hash, computed from the file's bytes
// without parsing them: a caller that kept the hash can tell whether the
// file changed.
func Hash(data []byte) string { return hashText(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) }

// hashText is the hex sha256 of the file after its byte order mark.
func hashText(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// DefaultMaxBytes bounds one article file. News articles are a few tens of
// kilobytes; a file far beyond that is almost always a mistake (a dump, a
// binary, a whole site), and analysing it would hold ~100 bytes of tokens per
// input byte in memory. Callers may raise it (report --max-article-bytes).
const DefaultMaxBytes = 4 << 20

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	eventPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// Parse reads one article file. data is the whole file; path is used only in
// problems and in Article.Path. maxBytes <= 0 means DefaultMaxBytes.
//
// It returns the article and every problem found. The article is nil when any
// problem is an Error: the caller reports the problems and carries on with the
// rest of the corpus.
func Parse(path string, data []byte, maxBytes int64) (*Article, []*Problem) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if p := checkBytes(path, data, maxBytes); p != nil {
		return nil, []*Problem{p}
	}
	// A UTF-8 byte order mark is harmless: skip it. Lines are unaffected.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))

	fmText, bodyOffset, bodyLine, p := splitFrontMatter(path, data)
	if p != nil {
		return nil, []*Problem{p}
	}
	var probs []*Problem
	fm, lines, fmProbs := decodeFrontMatter(path, fmText)
	probs = append(probs, fmProbs...)
	if fm == nil {
		return nil, probs
	}
	a := &Article{
		ID: fm.ID, Outlet: strings.TrimSpace(fm.Outlet), Event: fm.Event,
		Title: strings.TrimSpace(fm.Title), Published: fm.Published, URL: fm.URL,
		Authors: fm.Authors, Language: fm.Language, OutletKind: fm.OutletKind,
		Bias: fm.Bias, Source: fm.Source, Licence: fm.Licence,
		Body: string(data[bodyOffset:]), Path: path, BodyLine: bodyLine, IDLine: lines["id"],
		Hash: hashText(data),
	}
	if a.Language == "" {
		a.Language = "en"
	}
	probs = append(probs, validate(a, lines)...)
	for _, p := range probs {
		if p.Severity == Error {
			return nil, probs
		}
	}
	return a, probs
}

// checkBytes rejects what cannot be text before anything tries to read it as YAML.
func checkBytes(path string, data []byte, maxBytes int64) *Problem {
	switch {
	case len(data) == 0:
		return problemf(path, 0, Error, "empty file (0 bytes)")
	case int64(len(data)) > maxBytes:
		return problemf(path, 0, Error, "file is %s, over the %s limit for one article (raise it with --max-article-bytes)",
			humanBytes(int64(len(data))), humanBytes(maxBytes))
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return problemf(path, 1, Error, "file is UTF-16 (byte order mark %x); framing reads UTF-8: convert it, e.g. with `framing add`", data[:2])
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return problemf(path, lineAt(data, i), Error, "NUL byte at offset %d: this looks like a binary file, not text", i)
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		return problemf(path, lineAt(data, i), Error, "invalid UTF-8 at offset %d (byte %#x); save the file as UTF-8", i, data[i])
	}
	return nil
}

// splitFrontMatter finds the YAML between the opening and closing "---"
// lines. The YAML always starts on file line 2, so YAML line n is file line n+1.
func splitFrontMatter(path string, data []byte) (fm []byte, bodyOffset, bodyLine int, p *Problem) {
	first, rest, _ := cutLine(data)
	if !isDelimiter(first) {
		return nil, 0, 0, problemf(path, 1, Error, "no front matter: the first line must be --- (then id, outlet, event, title, then ---)")
	}
	fmBegin := len(data) - len(rest)
	for line := 2; len(rest) > 0; line++ {
		l, next, _ := cutLine(rest)
		if isDelimiter(l) || strings.TrimRight(string(l), " \t\r") == "..." {
			return data[fmBegin : len(data)-len(rest)], len(data) - len(next), line + 1, nil
		}
		rest = next
	}
	return nil, 0, 0, problemf(path, 1, Error, "front matter opened on line 1 never closes: add a line --- after the last field")
}

func isDelimiter(line []byte) bool { return strings.TrimRight(string(line), " \t\r") == "---" }

// cutLine splits off the first line (without its "\n"); ok reports whether a
// newline was found.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

// decodeFrontMatter returns the fields, the file line of each key, and problems.
func decodeFrontMatter(path string, text []byte) (*frontMatter, map[string]int, []*Problem) {
	fileLine := func(yamlLine int) int { return yamlLine + 1 }
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil {
		return nil, nil, []*Problem{yamlProblem(path, text, err, fileLine)}
	}
	if len(root.Content) == 0 {
		return nil, nil, []*Problem{problemf(path, 1, Error, "front matter is empty: it needs at least %s", strings.Join(requiredFields, ", "))}
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, nil, []*Problem{problemf(path, fileLine(m.Line), Error, "front matter must be key: value lines")}
	}
	var probs []*Problem
	lines := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !contains(knownFields, k.Value) {
			probs = append(probs, problemf(path, fileLine(k.Line), Warning,
				"unknown front-matter field %q (known: %s); it is ignored", k.Value, strings.Join(knownFields, ", ")))
		}
		if _, dup := lines[k.Value]; dup {
			probs = append(probs, problemf(path, fileLine(k.Line), Error, "field %q appears twice in the front matter", k.Value))
		}
		lines[k.Value] = fileLine(k.Line)
	}
	var fm frontMatter
	if err := m.Decode(&fm); err != nil {
		if line, msg, ok := yamlpos.Blame(m, func() any { return new(frontMatter) }, fileLine); ok {
			return nil, nil, append(probs, problemf(path, line, Error, "front matter: %s", msg))
		}
		return nil, nil, append(probs, yamlProblem(path, text, err, fileLine))
	}
	for _, f := range requiredFields {
		if _, ok := lines[f]; !ok {
			probs = append(probs, problemf(path, 1, Error, "front matter is missing required field %q", f))
		}
	}
	return &fm, lines, probs
}

// yamlProblem turns a YAML error into a Problem on the right file line; the
// parser counts lines from the start of the front matter, the user from the
// start of the file.
func yamlProblem(path string, text []byte, err error, fileLine func(int) int) *Problem {
	line, msg := yamlpos.Locate(text, err)
	return problemf(path, fileLine(line), Error, "front matter: %s", msg)
}

// validate checks field values; each problem points at its field's line.
func validate(a *Article, lines map[string]int) []*Problem {
	var probs []*Problem
	bad := func(field, format string, args ...any) {
		probs = append(probs, problemf(a.Path, lines[field], Error, format, args...))
	}
	for _, f := range []struct{ name, v string }{{"id", a.ID}, {"outlet", a.Outlet}, {"event", a.Event}, {"title", a.Title}} {
		if _, present := lines[f.name]; present && strings.TrimSpace(f.v) == "" {
			bad(f.name, "required field %q is empty", f.name)
		}
	}
	if a.ID != "" && !idPattern.MatchString(a.ID) {
		bad("id", "id %q: use letters, digits, '.', '_' and '-' only", a.ID)
	}
	if a.Event != "" && !eventPattern.MatchString(a.Event) {
		bad("event", "event %q: use a slug of lower-case letters, digits and '-' (it names a folder)", a.Event)
	}
	if a.Published != "" && !validDate(a.Published) {
		bad("published", "published %q: use a date like 2024-11-29", a.Published)
	}
	if a.Language != "en" && !strings.HasPrefix(a.Language, "en-") {
		bad("language", "language %q: framing's tokenizer, tagger and lexicons are English only", a.Language)
	}
	if strings.TrimSpace(a.Body) == "" {
		probs = append(probs, problemf(a.Path, a.BodyLine, Error, "empty body: there is no text after the front matter"))
	}
	return probs
}

func validDate(s string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func lineAt(data []byte, offset int) int { return 1 + bytes.Count(data[:offset], []byte{'\n'}) }

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
