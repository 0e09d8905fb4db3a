package lexicons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/internal/yamlpos"
)

// isQuantedaYAML reports whether YAML bytes are a quanteda dictionary (a
// mapping of category names to lists of patterns, categories nesting)
// rather than a framing lexicon (which has entries).
func isQuantedaYAML(data []byte) bool {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return false
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case "entries", "categories", "name":
			return false
		}
		if k := m.Content[i+1].Kind; k != yaml.SequenceNode && k != yaml.MappingNode {
			return false
		}
	}
	return len(m.Content) > 0
}

// ImportQuanteda reads a quanteda YAML dictionary (dictionary(file = ...,
// format = "YAML"), and what framing lexicon export --to quanteda writes)
// with quanteda's semantics: each key a category, nested keys a category
// named by the path joined with dots ("care.virtue", as quanteda names
// them); each pattern a glob: "massacr*" a prefix, "*-wing" a suffix, a
// pattern with spaces a phrase. A glob framing cannot match ("*war*", "a?c")
// is left out with a warning on its line. The categories keep their names
// as written (labels), so an export gives them back.
func ImportQuanteda(path string, data []byte, tok *tokenize.Tokenizer) (*Lexicon, []*Problem) {
	y, origin, probs := quantedaToYAML(path, data)
	if y == nil {
		return nil, probs
	}
	lex, ps := Parse(path, y, tok)
	for _, p := range ps {
		p.Line = origin[p.Line]
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

func quantedaToYAML(path string, data []byte) ([]byte, map[int]int, []*Problem) {
	var probs []*Problem
	warnf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: line, Severity: diag.Warning, Message: fmt.Sprintf(format, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlpos.Locate(data, err)
		return nil, nil, []*Problem{{Check: CheckLexicon, Path: path, Line: line, Message: msg}}
	}
	type entry struct {
		term, cat, mode string
		line            int
	}
	type category struct {
		id, label string
		line      int
	}
	var cats []category
	var entries []entry
	seenCat := map[string]bool{}
	var walk func(n *yaml.Node, prefix []string)
	walk = func(n *yaml.Node, prefix []string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := append(append([]string{}, prefix...), k.Value)
			if v.Kind == yaml.MappingNode {
				walk(v, name)
				continue
			}
			label := strings.Join(name, ".")
			id := slugID(label)
			if !seenCat[id] {
				seenCat[id] = true
				cats = append(cats, category{id, label, k.Line})
			}
			for _, p := range v.Content {
				term, mode, ok := quantedaPattern(strings.TrimSpace(p.Value))
				if !ok {
					warnf(p.Line, "pattern %q in %s: a glob framing cannot match (a wildcard inside a word, or ?); left out", p.Value, label)
					continue
				}
				entries = append(entries, entry{term, id, mode, p.Line})
			}
		}
	}
	walk(root.Content[0], nil)
	if len(entries) == 0 {
		return nil, nil, append(probs, &Problem{Check: CheckLexicon, Path: path, Line: 1, Message: "a quanteda dictionary with no pattern framing can match"})
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b bytes.Buffer
	origin := map[int]int{}
	line := 1
	put := func(src int, format string, args ...any) {
		if src > 0 {
			origin[line] = src
		}
		fmt.Fprintf(&b, format, args...)
		line += strings.Count(format, "\n")
	}
	put(0, "# Converted from the quanteda dictionary %s.\n", filepath.Base(path))
	put(0, "name: %s\nversion: imported\nlicence: %s\nsource: %s\ninflect: false\n", yamlpos.Quote(slugID(base)),
		yamlpos.Quote("as for the source file (user-supplied; not redistributed by framing)"), yamlpos.Quote(filepath.Base(path)))
	put(0, "categories:\n")
	for _, c := range cats {
		put(c.line, "  - {id: %s, label: %s, kind: loaded}\n", yamlpos.Quote(c.id), yamlpos.Quote(c.label))
	}
	put(0, "entries:\n")
	merged := map[string]int{} // term -> index in out
	type out struct {
		term, mode string
		cats       []string
		line       int
	}
	var list []out
	for _, e := range entries {
		key := e.mode + "\x00" + strings.ToLower(e.term)
		if i, ok := merged[key]; ok {
			list[i].cats = mergeIDs(list[i].cats, []string{e.cat})
			continue
		}
		merged[key] = len(list)
		list = append(list, out{e.term, e.mode, []string{e.cat}, e.line})
	}
	for _, e := range list {
		q := make([]string, len(e.cats))
		for i, c := range e.cats {
			q[i] = yamlpos.Quote(c)
		}
		mode := ""
		if e.mode != "" {
			mode = ", mode: " + e.mode
		}
		put(e.line, "  - {term: %s%s, categories: [%s]}\n", yamlpos.Quote(e.term), mode, strings.Join(q, ", "))
	}
	return b.Bytes(), origin, probs
}

// quantedaPattern turns a quanteda glob into a framing term: "massacr*" (a
// prefix) and "*-wing" (a suffix) as framing writes them, a phrase with a
// wildcard on its words as a stem phrase; ok is false for what framing
// cannot match.
func quantedaPattern(p string) (term, mode string, ok bool) {
	if p == "" || strings.Contains(p, "?") {
		return "", "", false
	}
	words := strings.Fields(p)
	if len(words) > 1 {
		stem := false
		for i, w := range words {
			if strings.HasSuffix(w, "*") {
				words[i], stem = strings.TrimSuffix(w, "*"), true
			}
			if strings.Contains(words[i], "*") {
				return "", "", false
			}
		}
		if stem {
			return strings.Join(words, " "), "stem", true
		}
		return p, "", true
	}
	inner := strings.Trim(p, "*")
	if strings.Contains(inner, "*") || inner == "" || strings.HasPrefix(p, "*") && strings.HasSuffix(p, "*") {
		return "", "", false
	}
	return p, "", true
}
