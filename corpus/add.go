package corpus

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"go.yaml.in/yaml/v3"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/framing/framing/corpus/atomicfile"
	"github.com/framing/framing/lexicons/yamlpos"
)

// AddRequest is one document to add to a corpus, and what the researcher
// says about it. Empty fields are taken from the document where it has them
// (an HTML page's title and date, a Markdown file's front matter).
type AddRequest struct {
	Name   string // the file's name, or "-" for standard input: used in messages and to guess the format
	Data   []byte
	Format string // txt, md or html; "" guesses from Name, then from the content

	ID, Outlet, Event, Title, Published, URL string
	Authors                                  []string
}

// AddResult is what Add wrote.
type AddResult struct {
	Path     string
	Article  *Article
	Warnings []string // near-duplicates, front-matter fields kept over flags
}

// ErrDuplicate is returned when the text is already in the corpus.
var ErrDuplicate = errors.New("duplicate")

// NearDuplicate is the Jaccard similarity of word 5-shingles above which Add
// warns that an article may already be in the corpus under another name.
const NearDuplicate = 0.8

// Add converts a document to a corpus article and writes it to
// <dir>/<event>/<outlet-slug>-<title-slug>.md. It never overwrites a file;
// it refuses a text the corpus already holds (same body after normalisation)
// and warns when one is nearly the same. existing is the corpus as loaded;
// Add appends nothing to it.
//
// Normalisation happens here, once: the encoding becomes UTF-8 (UTF-16 with a
// byte order mark is converted), the byte order mark goes, line endings
// become "\n", and the text is put in Unicode NFC, so that "é" is always one
// code point and offsets mean the same everywhere.
func Add(dir string, req AddRequest, existing []*Article) (*AddResult, error) {
	text, err := decode(req.Data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.Name, err)
	}
	format := req.Format
	if format == "" {
		format = guessFormat(req.Name, text)
	}
	a := &Article{Language: "en"}
	res := &AddResult{Article: a}
	var keptFM string // a Markdown file's own front matter, kept verbatim
	switch format {
	case "html":
		if err := fromHTML(a, text); err != nil {
			return nil, fmt.Errorf("%s: %w", req.Name, err)
		}
	case "md":
		fm, body, err := markdownParts(req.Name, text)
		if err != nil {
			return nil, err
		}
		keptFM, a.Body = fm, body
		if fm != "" {
			if err := yaml.Unmarshal([]byte(fm), &frontMatterFields{a}); err != nil {
				return nil, fmt.Errorf("%s: front matter: %w", req.Name, err)
			}
		}
	case "txt":
		a.Body = text
	default:
		return nil, fmt.Errorf("%s: format %q: want txt, md or html", req.Name, format)
	}
	res.Warnings = complete(a, req, keptFM != "")
	if a.Title == "" && format == "txt" {
		a.Title = firstLine(a.Body)
	}
	if strings.TrimSpace(a.Body) == "" {
		return nil, fmt.Errorf("%s: no text to add (empty body)", req.Name)
	}
	if !strings.HasSuffix(a.Body, "\n") {
		a.Body += "\n"
	}
	for _, f := range []struct{ name, v string }{{"--outlet", a.Outlet}, {"--event", a.Event}, {"--title", a.Title}} {
		if strings.TrimSpace(f.v) == "" {
			return nil, fmt.Errorf("%s: no %s: give %s (it is not in the document)", req.Name, f.name[2:], f.name)
		}
	}
	if !eventPattern.MatchString(a.Event) {
		return nil, fmt.Errorf("%s: event %q: use a slug of lower-case letters, digits and '-'", req.Name, a.Event)
	}
	if a.Published != "" && !validDate(a.Published) {
		return nil, fmt.Errorf("%s: published %q: use a date like 2024-11-29", req.Name, a.Published)
	}
	if dup := findDuplicate(a.Body, existing); dup != nil {
		return nil, fmt.Errorf("%s: %w of %s (id %s): the corpus already holds this text", req.Name, ErrDuplicate, dup.Path, dup.ID)
	}
	if near, j := nearest(a.Body, existing); near != nil && j >= NearDuplicate {
		res.Warnings = append(res.Warnings, fmt.Sprintf("near-duplicate of %s (id %s): %.0f%% of their word 5-grams are shared", near.Path, near.ID, 100*j))
	}
	if a.ID == "" {
		a.ID = uniqueID(slug(a.Outlet, 30)+"-"+slug(a.Title, 50), existing)
	} else if !idPattern.MatchString(a.ID) {
		return nil, fmt.Errorf("%s: id %q: use letters, digits, '.', '_' and '-' only", req.Name, a.ID)
	}
	for _, e := range existing {
		if e.ID == a.ID {
			return nil, fmt.Errorf("%s: id %q is already used by %s", req.Name, a.ID, e.Path)
		}
	}
	name := slug(a.Outlet, 40) + "-" + slug(a.Title, 60) + ".md"
	res.Path = filepath.Join(dir, a.Event, name)
	a.Path = res.Path
	if err := os.MkdirAll(filepath.Dir(res.Path), 0o755); err != nil {
		return nil, err
	}
	data := formatArticle(a, keptFM)
	if err := atomicfile.Create(res.Path, data, 0o644); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return nil, fmt.Errorf("%s: %s already exists; nothing was written (give --title or --id to name it differently)", req.Name, res.Path)
		}
		return nil, err
	}
	sum := sha256.Sum256(data)
	a.Hash = fmt.Sprintf("%x", sum)
	return res, nil
}

// decode turns input bytes into normalised UTF-8 text.
func decode(data []byte) (string, error) {
	if len(data) == 0 {
		return "", errors.New("empty input (0 bytes)")
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		out, _, err := transform.Bytes(dec, data)
		if err != nil {
			return "", fmt.Errorf("UTF-16 input that cannot be decoded: %w", err)
		}
		data = out
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return "", fmt.Errorf("NUL byte at offset %d: this looks like a binary file, not text", i)
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		return "", fmt.Errorf("invalid UTF-8 at offset %d (line %d); save the file as UTF-8", i, lineAt(data, i))
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return norm.NFC.String(s), nil
}

func guessFormat(name, text string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return "html"
	case ".md", ".markdown":
		return "md"
	case ".txt", ".text":
		return "txt"
	}
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	switch {
	case strings.HasPrefix(head, "---\n"):
		return "md"
	case strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") || strings.Contains(head, "<body"):
		return "html"
	}
	return "txt"
}

// fromHTML takes the main text of a web page with go-readability, and its
// title, date and byline.
func fromHTML(a *Article, text string) error {
	page, err := readability.FromReader(strings.NewReader(text), nil)
	if err != nil {
		return fmt.Errorf("reading the page: %w", err)
	}
	if page.Node == nil {
		return errors.New("no article text found in the page")
	}
	var b strings.Builder
	if err := page.RenderText(&b); err != nil {
		return err
	}
	a.Body = strings.TrimSpace(b.String())
	a.Title = strings.TrimSpace(page.Title())
	if t, err := page.PublishedTime(); err == nil {
		a.Published = t.UTC().Format("2006-01-02")
	}
	if by := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(page.Byline()), "By ")); by != "" {
		a.Authors = []string{by}
	}
	return nil
}

// markdownParts splits a Markdown file into its front matter (without the
// "---" lines; "" when it has none) and body.
func markdownParts(name, text string) (fm, body string, err error) {
	if !strings.HasPrefix(text, "---\n") {
		return "", text, nil
	}
	fmb, off, _, p := splitFrontMatter(name, []byte(text))
	if p != nil {
		return "", "", p
	}
	return string(fmb), text[off:], nil
}

// frontMatterFields decodes front matter into an Article's fields.
type frontMatterFields struct{ a *Article }

func (f *frontMatterFields) UnmarshalYAML(n *yaml.Node) error {
	var fm frontMatter
	if err := n.Decode(&fm); err != nil {
		return err
	}
	a := f.a
	a.ID, a.Outlet, a.Event, a.Title, a.Published, a.URL = fm.ID, fm.Outlet, fm.Event, fm.Title, fm.Published, fm.URL
	a.Authors, a.OutletKind, a.Bias, a.Source, a.Licence = fm.Authors, fm.OutletKind, fm.Bias, fm.Source, fm.Licence
	if fm.Language != "" {
		a.Language = fm.Language
	}
	return nil
}

// complete fills the article's empty fields from the request. A value the
// document already has is kept (a Markdown file's front matter, a page's
// title); a flag that disagrees with it is reported.
func complete(a *Article, req AddRequest, fromFrontMatter bool) []string {
	var warnings []string
	set := func(field string, dst *string, v string) {
		switch {
		case v == "":
		case *dst == "":
			*dst = v
		case *dst != v && fromFrontMatter:
			warnings = append(warnings, fmt.Sprintf("%s: keeping %q from the front matter, not %q", field, *dst, v))
		default:
			*dst = v // a flag overrides what was guessed from a page or a first line
		}
	}
	set("id", &a.ID, req.ID)
	set("outlet", &a.Outlet, req.Outlet)
	set("event", &a.Event, req.Event)
	set("title", &a.Title, req.Title)
	set("published", &a.Published, req.Published)
	set("url", &a.URL, req.URL)
	if len(req.Authors) > 0 && len(a.Authors) == 0 {
		a.Authors = req.Authors
	}
	return warnings
}

func firstLine(body string) string {
	for _, l := range strings.Split(body, "\n") {
		if t := strings.TrimSpace(strings.Trim(l, "# ")); t != "" {
			return t
		}
	}
	return ""
}

// formatArticle writes an article file. A kept front matter is written as it
// was, with only the missing fields appended, so nothing a researcher wrote
// is rewritten.
func formatArticle(a *Article, kept string) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	has := map[string]bool{}
	if kept != "" {
		b.WriteString(kept)
		if !strings.HasSuffix(kept, "\n") {
			b.WriteByte('\n')
		}
		var m map[string]any
		if yaml.Unmarshal([]byte(kept), &m) == nil {
			for k, v := range m {
				has[k] = v != nil && v != ""
			}
		}
	}
	field := func(k, v string) {
		if v != "" && !has[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, yamlpos.Quote(v))
		}
	}
	field("id", a.ID)
	field("outlet", a.Outlet)
	field("event", a.Event)
	field("title", a.Title)
	field("published", a.Published)
	field("url", a.URL)
	if len(a.Authors) > 0 && !has["authors"] {
		q := make([]string, len(a.Authors))
		for i, s := range a.Authors {
			q[i] = yamlpos.Quote(s)
		}
		fmt.Fprintf(&b, "authors: [%s]\n", strings.Join(q, ", "))
	}
	b.WriteString("---\n")
	b.WriteString(a.Body)
	return b.Bytes()
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a file-name-safe slug of at most n bytes, cut at a word.
func slug(s string, n int) string {
	s = strings.ToLower(norm.NFKD.String(s))
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII {
			b.WriteRune(r)
		}
	}
	out := strings.Trim(nonSlug.ReplaceAllString(b.String(), "-"), "-")
	if len(out) > n {
		out = out[:n]
		if i := strings.LastIndexByte(out, '-'); i > n/2 {
			out = out[:i]
		}
	}
	if out == "" {
		out = "untitled"
	}
	return out
}

func uniqueID(base string, existing []*Article) string {
	used := map[string]bool{}
	for _, e := range existing {
		used[e.ID] = true
	}
	id := base
	for i := 2; used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}

// findDuplicate returns the article whose body is the same text.
func findDuplicate(body string, existing []*Article) *Article {
	key := comparableBody(body)
	for _, e := range existing {
		if comparableBody(e.Body) == key {
			return e
		}
	}
	return nil
}

func comparableBody(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))), " ")
}

// nearest returns the existing article with the highest Jaccard similarity
// of word 5-shingles to body, and the similarity. It is exact, not a MinHash
// estimate: one pass over the corpus, a set intersection per article.
func nearest(body string, existing []*Article) (*Article, float64) {
	a := shingles(body)
	if len(a) == 0 {
		return nil, 0
	}
	var best *Article
	bestJ := 0.0
	for _, e := range existing {
		b := shingles(e.Body)
		inter := 0
		for h := range b {
			if a[h] {
				inter++
			}
		}
		if union := len(a) + len(b) - inter; union > 0 {
			if j := float64(inter) / float64(union); j > bestJ {
				best, bestJ = e, j
			}
		}
	}
	return best, bestJ
}

func shingles(s string) map[uint64]bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := map[uint64]bool{}
	for i := 0; i+5 <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+5] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out[h.Sum64()] = true
	}
	return out
}
