package lexicons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/framing/framing/lexicons/yamlpos"
	"github.com/framing/framing/pipeline/tokenize"
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
// its category ids. Problems carry .dic line numbers.
func DicToYAML(path string, data []byte) ([]byte, []*Problem) {
	var probs []*Problem
	errf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")

	type cat struct{ id, name string }
	var (
		cats     []cat
		catByID  = map[string]string{}
		inLegend = false
		legendOK = false
		entries  []map[string]any
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
			cats = append(cats, cat{f[0], name})
			continue
		}
		if !legendOK {
			errf(n, "entries before the %% legend block: a .dic starts with %%, id<TAB>name lines, %%")
			return nil, probs
		}
		term, ids := splitDicLine(raw)
		if term == "" || len(ids) == 0 {
			errf(n, "entry %q: want a term then one or more category ids", line)
			continue
		}
		var catIDs []string
		for _, id := range ids {
			name, ok := catByID[id]
			if !ok {
				errf(n, "entry %q: category id %s is not defined in the legend", term, id)
				continue
			}
			catIDs = append(catIDs, name)
		}
		if len(catIDs) == 0 {
			continue
		}
		if prev, dup := seen[strings.ToLower(term)]; dup {
			// LIWC files repeat terms; merge their categories instead of failing.
			entries[prev]["categories"] = mergeIDs(entries[prev]["categories"].([]string), catIDs)
			continue
		}
		seen[strings.ToLower(term)] = len(entries)
		entries = append(entries, map[string]any{"term": term, "categories": catIDs})
	}
	if !legendOK {
		errf(1, "no %% legend block found: not a LIWC .dic file")
	}
	if len(probs) > 0 {
		return nil, probs
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Converted from %s by framing lexicon import; every entry kept.\n", filepath.Base(path))
	fmt.Fprintf(&b, "name: %s\nversion: imported\nlicence: %s\nsource: %s\ninflect: false\n", yamlpos.Quote(slugID(base)),
		yamlpos.Quote("as for the source file (user-supplied; not redistributed by framing)"), yamlpos.Quote(filepath.Base(path)))
	b.WriteString("categories:\n")
	for _, c := range cats {
		fmt.Fprintf(&b, "  - {id: %s, label: %s, kind: loaded}\n", yamlpos.Quote(slugID(c.name)), yamlpos.Quote(c.name))
	}
	b.WriteString("entries:\n")
	for _, e := range entries {
		ids := e["categories"].([]string)
		q := make([]string, len(ids))
		for i, id := range ids {
			q[i] = yamlpos.Quote(id)
		}
		fmt.Fprintf(&b, "  - {term: %s, categories: [%s]}\n", yamlpos.Quote(e["term"].(string)), strings.Join(q, ", "))
	}
	return b.Bytes(), nil
}

// ImportDic loads a .dic file as a Lexicon. Its sha256 is the .dic file's.
func ImportDic(path string, data []byte, tok *tokenize.Tokenizer) (*Lexicon, []*Problem) {
	y, probs := DicToYAML(path, data)
	if y == nil {
		return nil, probs
	}
	lex, ps := Parse(path, y, tok)
	if lex != nil {
		sum := sha256.Sum256(data)
		lex.SHA256 = hex.EncodeToString(sum[:])
	}
	return lex, ps
}

// splitDicLine splits "term<TAB>id<TAB>id". When there is no tab, the last
// fields that are all ids are ids and the rest is the term.
func splitDicLine(raw string) (string, []string) {
	raw = strings.TrimRight(raw, "\r")
	if strings.Contains(raw, "\t") {
		f := strings.Split(raw, "\t")
		var ids []string
		for _, x := range f[1:] {
			if x = strings.TrimSpace(x); x != "" {
				ids = append(ids, strings.Fields(x)...)
			}
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
