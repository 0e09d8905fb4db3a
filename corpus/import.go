package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A dataset to import: rows of a CSV or TSV file (a header row naming the
// columns), of a JSON Lines file, or the JSON files of a folder (one object
// each), each an article. ImportFields says which column gives which field
// of the front matter.

// ImportFields are the fields an imported row can give, in the order they
// are shown.
var ImportFields = []string{"text", "outlet", "event", "title", "published", "url", "id", "authors"}

// importGuesses are the column names a field is looked for under, when the
// user gives no mapping: the names news datasets and media-monitoring
// exports commonly use.
var importGuesses = map[string][]string{
	"text":      {"text", "content", "body", "article", "full_text", "fulltext", "article_text", "maintext", "story"},
	"outlet":    {"outlet", "source", "publication", "publisher", "site", "site_name", "media", "medium", "source_name", "newspaper"},
	"event":     {"event", "topic", "story_id", "cluster", "event_id", "subject"},
	"title":     {"title", "headline", "heading"},
	"published": {"published", "date", "publish_date", "published_at", "pub_date", "publication_date", "datetime", "time", "date_publish"},
	"url":       {"url", "link", "news_link", "article_url", "canonical_url"},
	"id":        {"id", "article_id", "uuid", "doc_id", "guid"},
	"authors":   {"authors", "author", "byline", "by"},
}

// ImportRow is one row of a dataset: its number (the line of a CSV or JSON
// Lines file, counting the header; the file name in a folder), and its
// fields by column name.
type ImportRow struct {
	Where  string // "row 12", "b.json"
	Fields map[string]string
}

// ReadDataset reads the rows of a CSV (.csv), TSV (.tsv, .tab), JSON Lines
// (.jsonl, .ndjson) file, or of a folder of .json files, and the columns
// they have, in the order the file gives them. A row that cannot be read
// (bad JSON, a CSV record of the wrong length) is an error naming its row,
// and the rows before it are kept.
func ReadDataset(path string) ([]ImportRow, []string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return readJSONFolder(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return readDelimited(path, f, ',')
	case ".tsv", ".tab":
		return readDelimited(path, f, '\t')
	case ".jsonl", ".ndjson", ".json":
		return readJSONLines(path, f)
	}
	return nil, nil, fmt.Errorf("%s: a dataset is a .csv, .tsv, .jsonl file, or a folder of .json files", path)
}

func readDelimited(path string, r io.Reader, comma rune) ([]ImportRow, []string, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.Comma = comma
	cr.LazyQuotes = comma == '\t'
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the header row: %w", path, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	var rows []ImportRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, header, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return rows, header, fmt.Errorf("%s: row %d: %w", path, line, err)
		}
		row := ImportRow{Where: fmt.Sprintf("row %d", line), Fields: map[string]string{}}
		for i, v := range rec {
			row.Fields[header[i]] = v
		}
		rows = append(rows, row)
	}
}

func readJSONLines(path string, r io.Reader) ([]ImportRow, []string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), DefaultMaxBytes+1<<20)
	var rows []ImportRow
	var cols []string
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		row, keys, err := jsonRow(line, fmt.Sprintf("row %d", n))
		if err != nil {
			return rows, cols, fmt.Errorf("%s: row %d: %w", path, n, err)
		}
		cols = addColumns(cols, keys)
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return rows, cols, fmt.Errorf("%s: %w", path, err)
	}
	return rows, cols, nil
}

func readJSONFolder(dir string) ([]ImportRow, []string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(names)
	var rows []ImportRow
	var cols []string
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return rows, cols, err
		}
		row, keys, err := jsonRow(data, filepath.Base(name))
		if err != nil {
			return rows, cols, fmt.Errorf("%s: %w", name, err)
		}
		cols = addColumns(cols, keys)
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("%s: no .json file", dir)
	}
	return rows, cols, nil
}

// jsonRow reads one JSON object; values that are not strings are written
// as JSON (numbers, booleans) or joined (a list of authors).
func jsonRow(data []byte, where string) (ImportRow, []string, error) {
	var obj map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return ImportRow{}, nil, fmt.Errorf("not a JSON object: %w", err)
	}
	row := ImportRow{Where: where, Fields: map[string]string{}}
	var keys []string
	for k, v := range obj {
		keys = append(keys, k)
		switch x := v.(type) {
		case nil:
		case string:
			row.Fields[k] = x
		case []any:
			var parts []string
			for _, p := range x {
				parts = append(parts, fmt.Sprint(p))
			}
			row.Fields[k] = strings.Join(parts, "; ")
		default:
			b, _ := json.Marshal(x)
			row.Fields[k] = string(b)
		}
	}
	sort.Strings(keys)
	return row, keys, nil
}

func addColumns(cols, keys []string) []string {
	for _, k := range keys {
		if !slices.Contains(cols, k) {
			cols = append(cols, k)
		}
	}
	return cols
}

// GuessMapping maps each field to a column of cols: the one given in
// mapping, else the first column whose name (case and punctuation aside)
// is a usual name of the field.
func GuessMapping(cols []string, mapping map[string]string) map[string]string {
	out := map[string]string{}
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			if r == ' ' || r == '-' || r == '.' {
				return '_'
			}
			return r
		}, s)
	}
	for _, f := range ImportFields {
		if c, ok := mapping[f]; ok {
			out[f] = c
			continue
		}
		for _, g := range importGuesses[f] {
			if i := slices.IndexFunc(cols, func(c string) bool { return norm(c) == g }); i >= 0 {
				out[f] = cols[i]
				break
			}
		}
	}
	return out
}

// RowRequest turns a row into what Add takes, with the mapping and the
// constant values set (a field given as a constant wins over the column).
// Fields are cleaned the way a front matter must be: control characters
// (a tab, a newline in a title) become spaces, with a note naming the
// column; a value that is not UTF-8 is an error naming it.
func RowRequest(row ImportRow, mapping, set map[string]string) (AddRequest, []string, error) {
	var notes []string
	get := func(field string) (string, error) {
		if v, ok := set[field]; ok {
			return v, nil
		}
		col, ok := mapping[field]
		if !ok {
			return "", nil
		}
		v := row.Fields[col]
		if !utf8.ValidString(v) {
			return "", fmt.Errorf("%s, column %s: not UTF-8", row.Where, col)
		}
		if field != "text" && strings.ContainsFunc(v, unicode.IsControl) {
			v = strings.Join(strings.FieldsFunc(v, unicode.IsControl), " ")
			notes = append(notes, fmt.Sprintf("%s, column %s: control characters replaced by spaces", row.Where, col))
		}
		return strings.TrimSpace(v), nil
	}
	var req AddRequest
	var err error
	text, err := get("text")
	if err != nil {
		return req, notes, err
	}
	if strings.TrimSpace(text) == "" {
		return req, notes, fmt.Errorf("%s: no text (column %q)", row.Where, mapping["text"])
	}
	req.Data, req.Format, req.Name = []byte(text), "txt", row.Where
	for _, f := range []struct {
		field string
		dst   *string
	}{{"outlet", &req.Outlet}, {"title", &req.Title}, {"published", &req.Published}, {"url", &req.URL}, {"id", &req.ID}} {
		if *f.dst, err = get(f.field); err != nil {
			return req, notes, err
		}
	}
	event, err := get("event")
	if err != nil {
		return req, notes, err
	}
	if event != "" {
		// The event's label (its event.yaml's title) is the value as the
		// dataset writes it: a topic, not an outlet's headline.
		req.Event, req.EventTitle = Slug(event), event
	}
	if req.Published != "" {
		req.Published = dateOnly(req.Published)
	}
	if a, _ := get("authors"); a != "" {
		for _, p := range strings.FieldsFunc(a, func(r rune) bool { return r == ';' || r == '|' }) {
			if p = strings.TrimSpace(p); p != "" {
				req.Authors = append(req.Authors, p)
			}
		}
	}
	if req.ID != "" && !idPattern.MatchString(req.ID) {
		req.ID = Slug(req.ID)
	}
	return req, notes, nil
}

// Slug is s as an event or id slug: lower-case letters, digits and '-'.
func Slug(s string) string { return slug(s, 60) }

// dateOnly keeps the date of a timestamp ("2020-02-03T10:00:00Z" ->
// "2020-02-03"); a value it does not read is kept, for Add to refuse with
// its message.
func dateOnly(s string) string {
	if len(s) >= 10 && validDate(s[:10]) {
		return s[:10]
	}
	return s
}
