package lexicons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	unicode16 "golang.org/x/text/encoding/unicode"

	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/internal/yamlpos"
)

// LIWC-format dictionaries (.dic), as LIWC, quanteda and many research lists
// use them:
//
//	%
//	1	posemo
//	2	negemo
//	%
//	abandon*	2
//	kind of	1	2
//
// A legend between two "%" lines maps ids to category names; each later line
// is a term, then the ids of its categories, separated by tabs (some files use
// spaces; multiword terms then need tabs). A trailing * is a prefix wildcard.
// Everything imports as kind "loaded" and mode exact/prefix: LIWC has no
// notion of stems or of epistemic categories, so edit the YAML that
// `framing lexicon import` writes if some categories are epistemic. A
// LIWC dictionary lists the forms it means (or a wildcard), so the import
// says `inflect: false`: counts stay what LIWC itself would give.

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// DicToYAML converts a .dic file to the native YAML, keeping every entry it
// can and its category ids. Problems carry .dic line numbers. What LIWC's
// own tools accept but framing cannot represent is left out with a warning
// naming its line, never counted some other way: a conditional category
// ("(02 134)125/464": 125 after a word of 02 or 134, else 464) is dropped
// from its entry (counting it always as 464 would be wrong after those
// words); an entry with a conditional prefix ("(i) like*") is dropped
// (counted unconditionally, "likely" would be positive emotion); an entry
// with no letter or digit (an emoticon, ":)") is dropped (framing matches
// words); an id the legend lacks is dropped from its entry (and an entry
// left with no category is dropped). A file with warnings still converts.
//
// Any line ending (LF, CRLF, CR alone), UTF-8 with or without a byte order
// mark, and UTF-16 with one are read; another encoding is refused with the
// line of its first byte that is not UTF-8. A file of another dictionary
// format is named as such.
func DicToYAML(path string, data []byte) ([]byte, []*Problem) {
	y, _, probs := dicToYAML(path, data)
	return y, probs
}

// dicID is one category id of an entry line, a conditional one included.
var dicID = regexp.MustCompile(`\([^)]*\)\S*|\S+`)

// conditionalID is LIWC's conditional category: "(02 134)125/464".
var conditionalID = regexp.MustCompile(`^\(([^)]*)\)([^/\s]*)/([^\s]+)$`)

// dicToYAML is DicToYAML, also returning, for each line of the YAML that
// holds a category or an entry, the .dic line it came from.
func dicToYAML(path string, data []byte) ([]byte, map[int]int, []*Problem) {
	var probs []*Problem
	errf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	warnf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: line, Severity: diag.Warning, Message: fmt.Sprintf(format, args...)})
	}
	text, err := dicText(data)
	if err != nil {
		errf(err.line, "%s", err.msg)
		return nil, nil, probs
	}
	lines := splitLines(text)
	if f := otherFormat(lines); f != "" {
		errf(1, "this is %s, not a LIWC .dic (which opens with a %% line, then id<TAB>name lines, then %%)", f)
		return nil, nil, probs
	}

	type cat struct {
		id, name string
		line     int
	}
	type entry struct {
		term string
		cats []string
		line int
		mode string // "" or "stem"
	}
	var (
		cats     []cat
		catByID  = map[string]string{}
		inLegend = false
		legendOK = false
		entries  []entry
		seen     = map[string]int{}
	)
	for i, raw := range lines {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if line == "%" {
			if legendOK {
				errf(n, "a third %% line: the legend is already closed")
				continue
			}
			if inLegend {
				inLegend, legendOK = false, true
			} else {
				inLegend = true
			}
			continue
		}
		if inLegend {
			f := strings.Fields(line)
			if len(f) < 2 {
				errf(n, "legend line %q: want an id and a category name", line)
				continue
			}
			if _, dup := catByID[f[0]]; dup {
				errf(n, "category id %s is defined twice", f[0])
				continue
			}
			name := strings.Join(f[1:], " ")
			catByID[f[0]] = slugID(name)
			cats = append(cats, cat{f[0], name, n})
			continue
		}
		if !legendOK {
			if len(cats) == 0 && looksLikeLegendLine(line) {
				errf(n, "a legend line before any %% line: a .dic opens with a line holding only %%, then its id<TAB>name lines, then %%")
			} else {
				errf(n, "an entry before the legend: a .dic opens with a line holding only %%, then its id<TAB>name lines, then %%, then the entries")
			}
			return nil, nil, probs
		}
		term, ids, split := splitDicLine(raw)
		if split != "" {
			warnf(n, "entry %q: no tab between term and ids; read as term %q, ids %s (%s)", line, term, strings.Join(ids, " "), split)
		}
		if strings.HasPrefix(term, "(") {
			if k := strings.Index(term, ")"); k > 0 && strings.TrimSpace(term[k+1:]) != "" {
				warnf(n, "entry %q: its condition %s cannot be checked by framing; the entry is left out rather than counted without it", term, term[:k+1])
				continue
			}
		}
		if term == "" || len(ids) == 0 {
			warnf(n, "entry %q: want a term then one or more category ids; skipped", line)
			continue
		}
		if !strings.ContainsFunc(term, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			warnf(n, "entry %q: no letter or digit (an emoticon or punctuation); framing matches words, so it is left out", term)
			continue
		}
		var catIDs []string
		for _, id := range ids {
			if m := conditionalID.FindStringSubmatch(id); m != nil {
				warnf(n, "entry %q: conditional category %s (%s after a word of %s, else %s) cannot be checked by framing; left out of the entry", term, id, m[2], m[1], m[3])
				continue
			}
			name, ok := catByID[id]
			if !ok {
				warnf(n, "entry %q: category id %s is not defined in the legend; dropped from the entry", term, id)
				continue
			}
			catIDs = mergeIDs(catIDs, []string{name})
		}
		if len(catIDs) == 0 {
			continue
		}
		if prev, dup := seen[strings.ToLower(term)]; dup {
			// LIWC files repeat terms; merge their categories instead of
			// failing, and say so.
			warnf(n, "entry %q is listed again (first on line %d); its categories are merged into that entry", term, entries[prev].line)
			entries[prev].cats = mergeIDs(entries[prev].cats, catIDs)
			continue
		}
		mode := ""
		if words := strings.Fields(term); len(words) > 1 && strings.Contains(strings.TrimSuffix(term, "*"), "*") {
			// "war* crime*": LIWC-22 and quanteda let any word of a phrase
			// end in a wildcard; framing's phrases take one on their last
			// word only. The nearest it can say is a stem phrase: each word
			// matches the words sharing its stem (framing lexicon export
			// writes its stem phrases so).
			for i, w := range words {
				words[i] = strings.TrimSuffix(w, "*")
			}
			warnf(n, "entry %q: wildcards inside a phrase read as a stem phrase (%s, mode stem): each word matches the words sharing its stem", term, strings.Join(words, " "))
			term, mode = strings.Join(words, " "), "stem"
		}
		seen[strings.ToLower(term)] = len(entries)
		entries = append(entries, entry{term, catIDs, n, mode})
	}
	if !legendOK {
		errf(1, "no %% legend block found: not a LIWC .dic file")
	}
	if !allWarnings(probs) {
		return nil, nil, probs
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b bytes.Buffer
	origin := map[int]int{}
	yamlLine := 1
	put := func(dicLine int, format string, args ...any) {
		if dicLine > 0 {
			origin[yamlLine] = dicLine
		}
		fmt.Fprintf(&b, format, args...)
		yamlLine += strings.Count(format, "\n")
	}
	put(0, "# Converted from %s by framing lexicon import; every entry kept.\n", filepath.Base(path))
	put(0, "name: %s\nversion: imported\nlicence: %s\nsource: %s\ninflect: false\n", yamlpos.Quote(slugID(base)),
		yamlpos.Quote("as for the source file (user-supplied; not redistributed by framing)"), yamlpos.Quote(filepath.Base(path)))
	put(0, "categories:\n")
	for _, c := range cats {
		put(c.line, "  - {id: %s, label: %s, kind: loaded, source_id: %s}\n", yamlpos.Quote(slugID(c.name)), yamlpos.Quote(c.name), yamlpos.Quote(c.id))
	}
	put(0, "entries:\n")
	for _, e := range entries {
		q := make([]string, len(e.cats))
		for i, id := range e.cats {
			q[i] = yamlpos.Quote(id)
		}
		mode := ""
		if e.mode != "" {
			mode = ", mode: " + e.mode
		}
		put(e.line, "  - {term: %s%s, categories: [%s]}\n", yamlpos.Quote(e.term), mode, strings.Join(q, ", "))
	}
	return b.Bytes(), origin, probs
}

// ImportDic loads a .dic file as a Lexicon. Its sha256 is the .dic file's,
// and its problems name .dic lines, not lines of the YAML it converts to.
func ImportDic(path string, data []byte, tok *tokenize.Tokenizer) (*Lexicon, []*Problem) {
	y, origin, probs := dicToYAML(path, data)
	if y == nil {
		return nil, probs
	}
	lex, ps := Parse(path, y, tok)
	for _, p := range ps {
		p.Line = origin[p.Line] // 0 (the whole file) for the header's
		probs = append(probs, p)
	}
	if lex != nil {
		sum := sha256.Sum256(data)
		lex.SHA256 = hex.EncodeToString(sum[:])
		// Entries name the source file's lines too (lint reports them).
		for _, e := range lex.Entries {
			e.Line = origin[e.Line]
		}
	}
	return lex, probs
}

// splitDicLine splits "term<TAB>id<TAB>id". When there is no tab (a file
// saved with spaces), the trailing fields that are ids (digits, or a
// conditional category) are the ids and everything before them the term,
// so "do unto others 12 13" is the phrase with ids 12 and 13; split then
// says so, for a warning.
func splitDicLine(raw string) (term string, ids []string, split string) {
	raw = strings.TrimRight(raw, "\r")
	if strings.Contains(raw, "\t") {
		f := strings.Split(raw, "\t")
		for _, x := range f[1:] {
			// A conditional category "(02 134)125/464" is one id.
			ids = append(ids, dicID.FindAllString(x, -1)...)
		}
		return strings.TrimSpace(f[0]), ids, ""
	}
	f := dicID.FindAllString(raw, -1)
	k := len(f)
	for k > 1 && isDicID(f[k-1]) {
		k--
	}
	if k == len(f) {
		return "", nil, ""
	}
	return strings.Join(f[:k], " "), f[k:], "the trailing numbers taken as ids"
}

// isDicID reports whether a field is a category id: digits, or a
// conditional category.
func isDicID(s string) bool {
	if conditionalID.MatchString(s) {
		return true
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// dicError is an encoding problem with its line.
type dicError struct {
	line int
	msg  string
}

// dicText decodes a dictionary file's bytes: UTF-8 (a byte order mark
// dropped) or UTF-16 with a byte order mark; anything else is refused with
// the line of its first byte that is not UTF-8.
func dicText(data []byte) (string, *dicError) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := unicode16.UTF16(unicode16.LittleEndian, unicode16.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", &dicError{1, fmt.Sprintf("UTF-16 that does not decode (%v)", err)}
		}
		return string(out), nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, w := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && w <= 1 {
				break
			}
			i += w
		}
		line := 1 + bytes.Count(data[:i], []byte("\n")) + bytes.Count(data[:i], []byte("\r")) - bytes.Count(data[:i], []byte("\r\n"))
		return "", &dicError{line, fmt.Sprintf("byte %#x is not UTF-8 (a Latin-1 or Windows-1252 file?): save the file as UTF-8; nothing was imported, so that no term is read wrong", data[i])}
	}
	return string(data), nil
}

// splitLines splits text into lines at LF, CRLF or a CR alone (old Mac
// files).
func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return strings.Split(text, "\n")
}

// looksLikeLegendLine reports whether a line reads as "id name".
func looksLikeLegendLine(line string) bool {
	f := strings.Fields(line)
	return len(f) >= 2 && isDicID(f[0])
}

// otherFormat names the dictionary format the lines are in when it is one
// of the others researchers have ("" for a .dic, or an unknown format).
func otherFormat(lines []string) string {
	first := ""
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			first = l
			break
		}
	}
	switch {
	case strings.HasPrefix(first, "<?xml") || strings.HasPrefix(first, "<dictionary"):
		return "an XML dictionary (Yoshikoder .ykd?); convert it with framing lexicon import after exporting it as a .dic, or write the YAML"
	case strings.HasPrefix(first, "+"):
		return "a Lexicoder .lc3 dictionary (+category lines); framing reads LIWC .dic and quanteda YAML"
	case first != "" && !strings.HasPrefix(first, "%") && strings.HasSuffix(strings.TrimSpace(strings.SplitN(first, "#", 2)[0]), ":"):
		return "a YAML dictionary (quanteda's format?): give it to --lexicon as a .yaml file"
	}
	upper, indented := 0, 0
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if t == strings.ToUpper(t) && strings.ContainsFunc(t, unicode.IsLetter) && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") {
			upper++
		} else if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			indented++
		}
	}
	if !strings.HasPrefix(first, "%") && upper > 0 && indented > upper {
		return "a WordStat .cat dictionary (CATEGORY lines, indented entries); framing reads LIWC .dic and quanteda YAML"
	}
	return ""
}

func mergeIDs(a, b []string) []string {
	for _, x := range b {
		if !containsStr(a, x) {
			a = append(a, x)
		}
	}
	return a
}

func slugID(s string) string {
	s = strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if s == "" {
		return "category"
	}
	return s
}
