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
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"go.yaml.in/yaml/v3"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/framing/framing/internal/atomicfile"
	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/yamlpos"
)

// AddRequest is one document to add to a corpus, and what the researcher
// says about it. Empty fields are taken from the document where it has them
// (an HTML page's title and date, a Markdown file's front matter).
type AddRequest struct {
	Name   string // the file's name, or "-" for standard input: used in messages and to guess the format
	Data   []byte
	Format string // txt, md or html; "" guesses from Name, then from the content
	// MaxBytes is the largest input accepted: the limit `framing report`
	// applies to article files (<= 0: DefaultMaxBytes), so add never
	// files an article report then refuses.
	MaxBytes int64

	ID, Outlet, Event, Title, Published, URL string
	Authors                                  []string
	// EventTitle titles a new event in the event.yaml Add writes for it
	// ("": the article's headline).
	EventTitle string
	// Source, when set, is the article's provenance (its source field): a
	// fetched page's URL, time and digest.
	Source string
	// UniqueName names the file with the article's id too when its outlet
	// and title name a file that exists (an import, where many rows share
	// a headline), instead of refusing it.
	UniqueName bool
}

// AddResult is what Add wrote.
type AddResult struct {
	Path     string
	Article  *Article
	Warnings []string // near-duplicates, front-matter fields kept over flags
	// EventFile is the event.yaml Add wrote for a new event ("" when the
	// event had one).
	EventFile string
}

// ErrDuplicate is returned when the text is already in the corpus.
var ErrDuplicate = errors.New("duplicate")

// NearDuplicate is the Jaccard similarity of word 5-shingles above which Add
// warns that an article may already be in the corpus under another name.
const NearDuplicate = 0.8

// AddIndex is what Add compares a new article with: the corpus's ids, its
// texts (normalised) and their word 5-shingles, computed once for all the
// files of one `framing add` (reading the corpus again per file
// cost 2.5 s a file at 3,000 articles). Add puts each article it adds in
// the index, so files added together are compared with each other too.
type AddIndex struct {
	ids      map[string]*Article
	bodies   map[string]*Article // comparableBody -> article
	articles []*Article
	sizes    []int              // each article's number of distinct shingles
	postings map[uint64][]int32 // shingle -> the articles holding it
}

// NewAddIndex indexes a corpus (as Load returns it) for Add.
func NewAddIndex(existing []*Article) *AddIndex {
	x := &AddIndex{ids: map[string]*Article{}, bodies: map[string]*Article{}, postings: map[uint64][]int32{}}
	for _, a := range existing {
		x.insert(a)
	}
	return x
}

func (x *AddIndex) insert(a *Article) {
	if _, ok := x.ids[a.ID]; !ok {
		x.ids[a.ID] = a
	}
	key := comparableBody(a.Body)
	if _, ok := x.bodies[key]; !ok {
		x.bodies[key] = a
	}
	sh := shingles(a.Body)
	k := int32(len(x.articles))
	for h := range sh {
		x.postings[h] = append(x.postings[h], k)
	}
	x.articles = append(x.articles, a)
	x.sizes = append(x.sizes, len(sh))
}

// Add converts a document to a corpus article and writes it to
// <dir>/<event>/<outlet-slug>-<title-slug>.md. It never overwrites a file;
// it refuses a text the corpus already holds (same body after normalisation)
// and warns when one is nearly the same. idx is the corpus as indexed
// (nil: an empty corpus); Add adds the new article to it. Callers that may
// run side by side hold the corpus's lock (atomicfile.WaitLock) from
// loading the corpus to the last Add, so two adds never take one id.
//
// Normalisation happens here, once: the encoding becomes UTF-8 (UTF-16 with a
// byte order mark is converted), the byte order mark goes, line endings
// become "\n", zero-width characters go (they hide words from the matcher:
// "mas\u200bsacre"), and the text is put in Unicode NFC, so that "é" is
// always one code point and offsets mean the same everywhere.
func Add(dir string, req AddRequest, idx *AddIndex) (*AddResult, error) {
	if idx == nil {
		idx = NewAddIndex(nil)
	}
	limit := req.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(req.Data)) > limit {
		return nil, fmt.Errorf("%s: %d bytes, over the %d-byte limit for an article (framing report would not read it; see --max-article-bytes)", req.Name, len(req.Data), limit)
	}
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
				line, msg := yamlpos.Locate([]byte(fm), err)
				return nil, diag.Errorf(req.Name, line+1, CheckArticle, "front matter: %s", msg)
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
	if dup := idx.bodies[comparableBody(a.Body)]; dup != nil {
		return nil, fmt.Errorf("%s: %w of %s (id %s): the corpus already holds this text", req.Name, ErrDuplicate, dup.Path, dup.ID)
	}
	if near, j := idx.nearest(a.Body); near != nil && j >= NearDuplicate {
		res.Warnings = append(res.Warnings, fmt.Sprintf("near-duplicate of %s (id %s): %.0f%% of their word 5-grams are shared", near.Path, near.ID, 100*j))
	}
	if a.ID == "" {
		a.ID = idx.uniqueID(slug(a.Outlet, 30) + "-" + slug(a.Title, 50))
	} else if !idPattern.MatchString(a.ID) {
		return nil, fmt.Errorf("%s: id %q: use letters, digits, '.', '_' and '-' only", req.Name, a.ID)
	}
	if e := idx.ids[a.ID]; e != nil {
		return nil, fmt.Errorf("%s: id %q is already used by %s", req.Name, a.ID, e.Path)
	}
	name := slug(a.Outlet, 40) + "-" + slug(a.Title, 60) + ".md"
	res.Path = filepath.Join(dir, a.Event, name)
	if _, err := os.Lstat(res.Path); err == nil && req.UniqueName {
		name = strings.TrimSuffix(name, ".md") + "-" + slug(a.ID, 40) + ".md"
		res.Path = filepath.Join(dir, a.Event, name)
	}
	a.Path = res.Path
	if err := os.MkdirAll(filepath.Dir(res.Path), 0o755); err != nil {
		return nil, err
	}
	data, err := formatArticle(a, keptFM)
	if err != nil {
		return nil, fmt.Errorf("%s: front matter: %w", req.Name, err)
	}
	if err := atomicfile.Create(res.Path, data, 0o644); err != nil {
		if errors.Is(err, atomicfile.ErrExists) {
			return nil, fmt.Errorf("%s: %s already exists; nothing was written (give --title or --id to name it differently)", req.Name, res.Path)
		}
		return nil, err
	}
	sum := sha256.Sum256(data)
	a.Hash = fmt.Sprintf("%x", sum)
	idx.insert(a)
	if res.EventFile, err = writeEventInfo(filepath.Dir(res.Path), req.EventTitle, a); err != nil {
		return res, fmt.Errorf("%s: the article was added, but %w", req.Name, err)
	}
	return res, nil
}

// writeEventInfo writes an event.yaml into an event folder that has none,
// so that a new event is titled in the report, not named by its slug: its
// title is title, or the headline of the article that opened the folder
// (an outlet's wording: the file says to check it), its date that article's.
// An event.yaml that exists is the user's and is never touched.
func writeEventInfo(dir, title string, a *Article) (string, error) {
	path := filepath.Join(dir, EventFile)
	if title == "" {
		title = a.Title
	}
	var b strings.Builder
	b.WriteString("# What a report shows for this event instead of its folder's slug.\n")
	b.WriteString("# Written by framing add from the first article added; check the wording: a\n")
	b.WriteString("# headline is an outlet's framing, and an event's label should be neutral.\n")
	fmt.Fprintf(&b, "title: %s\n", yamlString(title))
	if a.Published != "" {
		fmt.Fprintf(&b, "date: %s\n", yamlString(a.Published))
	}
	b.WriteString("description: \"\"\n")
	err := atomicfile.Create(path, []byte(b.String()), 0o644)
	switch {
	case errors.Is(err, atomicfile.ErrExists):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}

// yamlString is s as a YAML double-quoted scalar: Go's quoting escapes
// only with sequences YAML's double-quoted style reads the same way.
func yamlString(s string) string { return strconv.Quote(s) }

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
	s = strings.Map(func(r rune) rune {
		if ZeroWidth(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s), nil
}

// ZeroWidth reports whether r is a character that takes no width: zero
// width space, non-joiner and joiner, word joiner, zero width no-break space
// (U+FEFF). Pasted text carries them unseen, and inside a word they hide it
// from the matcher ("mas\u200bsacre"), so add removes them; the tokenizer's
// folded form ignores them too, for articles not added through add.
func ZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
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
// minArticleWords is the least text a page must hold to be an article.
const minArticleWords = 40

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
	// A paywall stub or a page without an article holds a line or two:
	// that is no article to analyse.
	if words := len(strings.Fields(a.Body)); words < minArticleWords {
		return fmt.Errorf("the page holds %d words of text (a paywall, a consent page, or no article?): nothing was added", words)
	}
	a.Title = strings.TrimSpace(page.Title())
	if a.Outlet == "" {
		a.Outlet = strings.TrimSpace(page.SiteName()) // Open Graph's site name, or the page's
	}
	// What the page says of itself (JSON-LD, meta tags) where readability
	// found nothing: the date, the authors, the outlet, the headline.
	meta := readPageMeta(text)
	if a.Title == "" || meta.Title != "" && strings.HasPrefix(a.Title, meta.Title) {
		a.Title = meta.Title // "Headline | Site" -> the headline
	}
	if a.Outlet == "" {
		a.Outlet = meta.Outlet
	}
	if t, err := page.PublishedTime(); err == nil {
		a.Published = t.UTC().Format("2006-01-02")
	}
	if by := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(page.Byline()), "By ")); by != "" {
		a.Authors = []string{by}
	}
	if a.Published == "" && len(meta.Published) >= 10 && validDate(meta.Published[:10]) {
		a.Published = meta.Published[:10]
	}
	if len(a.Authors) == 0 {
		a.Authors = meta.Authors
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
	set("source", &a.Source, req.Source)
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
// was, with the missing fields added, so nothing a researcher wrote is
// rewritten: a field that is there is never written twice (a
// second "title:" made the article unreadable), and one that is there but
// empty ("title:") gets its value on its own line, in place.
func formatArticle(a *Article, kept string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	keys := map[string]int{} // key -> its line (from 1) in kept, for empty values; 0 when it has a value
	lines := strings.SplitAfter(kept, "\n")
	if kept != "" {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(kept), &root); err != nil {
			return nil, err
		}
		if len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
			m := root.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				k, v := m.Content[i], m.Content[i+1]
				empty := v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "")
				if empty && k.Line == v.Line {
					keys[k.Value] = k.Line
				} else {
					keys[k.Value] = 0
				}
			}
		}
	}
	fill := map[int]string{} // line of an empty key -> its new line
	var added []string
	field := func(k, v string) {
		if v == "" || v == `""` {
			return
		}
		line, has := keys[k]
		switch {
		case !has:
			added = append(added, fmt.Sprintf("%s: %s\n", k, v))
		case line > 0 && line <= len(lines):
			fill[line] = fmt.Sprintf("%s: %s\n", k, v)
		}
	}
	field("id", yamlpos.Quote(a.ID))
	field("outlet", yamlpos.Quote(a.Outlet))
	field("event", yamlpos.Quote(a.Event))
	field("title", yamlpos.Quote(a.Title))
	field("published", yamlpos.Quote(a.Published))
	field("url", yamlpos.Quote(a.URL))
	field("source", yamlpos.Quote(a.Source))
	if len(a.Authors) > 0 {
		q := make([]string, len(a.Authors))
		for i, s := range a.Authors {
			q[i] = yamlpos.Quote(s)
		}
		field("authors", "["+strings.Join(q, ", ")+"]")
	}
	for i, l := range lines {
		if l == "" {
			continue
		}
		if f, ok := fill[i+1]; ok {
			l = f
		}
		b.WriteString(l)
	}
	if kept != "" && !strings.HasSuffix(kept, "\n") && len(fill) == 0 {
		b.WriteByte('\n')
	}
	for _, l := range added {
		b.WriteString(l)
	}
	b.WriteString("---\n")
	b.WriteString(a.Body)
	return b.Bytes(), nil
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

func (x *AddIndex) uniqueID(base string) string {
	id := base
	for i := 2; x.ids[id] != nil; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}

func comparableBody(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))), " ")
}

// nearest returns the indexed article with the highest Jaccard similarity
// of word 5-shingles to body, and the similarity. It is exact, not a MinHash
// estimate: the intersections counted through an inverted index of the
// shingles, computed once.
func (x *AddIndex) nearest(body string) (*Article, float64) {
	a := shingles(body)
	if len(a) == 0 {
		return nil, 0
	}
	// Intersections through the postings of a's shingles: only the
	// articles sharing one are visited, so an import of thousands of
	// distinct articles stays linear, and the similarity stays exact.
	inter := map[int32]int{}
	for h := range a {
		for _, k := range x.postings[h] {
			inter[k]++
		}
	}
	var best *Article
	bestJ := 0.0
	bestK := int32(-1)
	for k, n := range inter {
		if union := len(a) + x.sizes[k] - n; union > 0 {
			j := float64(n) / float64(union)
			// Ties go to the earlier article, as a scan in order gave.
			if j > bestJ || j == bestJ && k < bestK {
				best, bestJ, bestK = x.articles[k], j, k
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
