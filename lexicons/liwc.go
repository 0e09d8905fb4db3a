package lexicons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

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

// DicToYAML converts a .dic file to the native YAML, keeping every entry and
// its category ids. Problems carry .dic line numbers. Lines LIWC's own tools
// accept but framing cannot represent exactly are kept, with a warning, as
// closely as they can be: a conditional category ("(02 134)125/464": 125
// after a word of 02 or 134, else 464) counts as its unconditional one
// (464); a term with a conditional prefix ("(discrep) like*") as the term; an
// id the legend lacks is dropped from its entry (and an entry left with no
// category is dropped). A file with warnings still converts.
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
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")

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
			errf(n, "entries before the %% legend block: a .dic starts with %%, id<TAB>name lines, %%")
			return nil, nil, probs
		}
		term, ids := splitDicLine(raw)
		if strings.HasPrefix(term, "(") {
			if k := strings.Index(term, ")"); k > 0 && strings.TrimSpace(term[k+1:]) != "" {
				warnf(n, "entry %q: the condition %s is not supported; the entry counts without it", term, term[:k+1])
				term = strings.TrimSpace(term[k+1:])
			}
		}
		if term == "" || len(ids) == 0 {
			warnf(n, "entry %q: want a term then one or more category ids; skipped", line)
			continue
		}
		var catIDs []string
		for _, id := range ids {
			if m := conditionalID.FindStringSubmatch(id); m != nil {
				warnf(n, "entry %q: conditional category %s (%s after a word of %s) counts as %s", term, id, m[2], m[1], m[3])
				id = m[3]
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
			// LIWC files repeat terms; merge their categories instead of failing.
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
		put(c.line, "  - {id: %s, label: %s, kind: loaded}\n", yamlpos.Quote(slugID(c.name)), yamlpos.Quote(c.name))
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
	}
	return lex, probs
}

// splitDicLine splits "term<TAB>id<TAB>id". When there is no tab, the last
// fields that are all ids are ids and the rest is the term.
func splitDicLine(raw string) (string, []string) {
	raw = strings.TrimRight(raw, "\r")
	if strings.Contains(raw, "\t") {
		f := strings.Split(raw, "\t")
		var ids []string
		for _, x := range f[1:] {
			// A conditional category "(02 134)125/464" is one id.
			ids = append(ids, dicID.FindAllString(x, -1)...)
		}
		return strings.TrimSpace(f[0]), ids
	}
	f := strings.Fields(raw)
	if len(f) < 2 {
		return "", nil
	}
	return f[0], f[1:]
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
