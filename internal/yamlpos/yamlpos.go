// Package yamlpos puts YAML errors on the line a person would fix, and
// writes the one kind of scalar framing writes into YAML files (Quote).
//
// go.yaml.in/yaml/v3 reports a syntax error at the line of its *context* (the
// mapping or flow collection being parsed), and for parser errors that number
// is 0-based: an unclosed "{" on line 5 is reported as "line 4", a tab that
// breaks indentation on line 3 as "line 2". Corpus front matter and lexicon
// files both promise "file:line" errors, so both go through Locate.
package yamlpos

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var lineRE = regexp.MustCompile(`line (\d+): `)

// maxScan bounds how many lines past the reported one Locate re-parses. Each
// try parses a prefix of the document, so this keeps the cost of an error
// linear in practice even for a 10,000-line lexicon.
const maxScan = 400

// Locate returns the 1-based line of data where err (from parsing data) is,
// and the message without its "yaml: line N:" prefix.
//
// Type errors carry accurate node lines and are returned as they are. For
// syntax errors it re-parses growing prefixes of data, starting at the line
// yaml reported: the first prefix that fails with the same message ends on
// the offending line.
func Locate(data []byte, err error) (int, string) {
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		line, msg := split(te.Errors[0])
		// A type error names the line but not the field; the line does
		// ("title: [a, b]": "field title: cannot unmarshal !!seq into
		// string").
		lines := bytes.Split(data, []byte("\n"))
		if line >= 1 && line <= len(lines) {
			if m := keyRE.FindSubmatch(lines[line-1]); m != nil {
				msg = fmt.Sprintf("field %s: %s", m[1], msg)
			}
		}
		return line, msg
	}
	reported, msg := split(strings.TrimPrefix(err.Error(), "yaml: "))
	lines := bytes.SplitAfter(data, []byte("\n"))
	start := max(reported, 1)
	for k := start; k <= len(lines) && k < start+maxScan; k++ {
		var n yaml.Node
		perr := yaml.Unmarshal(bytes.Join(lines[:k], nil), &n)
		if perr == nil {
			continue
		}
		if _, m := split(strings.TrimPrefix(perr.Error(), "yaml: ")); m == msg {
			return k, msg
		}
	}
	return max(reported, 1), msg
}

// keyRE finds the key a block-mapping line sets: "title: [a, b]".
var keyRE = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*:`)

func split(msg string) (int, string) {
	if m := lineRE.FindStringSubmatchIndex(msg); m != nil && m[0] == 0 {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		return n, msg[m[1]:]
	}
	return 0, msg
}

// Quote writes s as a double-quoted YAML scalar, which any text can be.
// framing always quotes what it writes (articles' front matter, converted
// lexicons): a plain scalar that is fine in a block ("0,") breaks a flow
// mapping ({label: 0,,}), as fuzzing found (lexicons/testdata/fuzz/FuzzDicToYAML).
func Quote(s string) string {
	var n yaml.Node
	n.SetString(s)
	n.Style = yaml.DoubleQuotedStyle
	b, _ := yaml.Marshal(&n)
	return strings.TrimSuffix(string(b), "\n")
}

// Blame finds the field of mapping m to fix when decoding m failed: the
// first whose value fails to decode on its own, on the line of its key, named.
// That matters most for a value reached through an alias: yaml reports it on
// the line of the anchor (&name), inside whatever field defined the anchor
// (often one that is ignored), while the field to fix is the one that used
// the alias (*name); an alias bomb ("excessive aliasing") carries no line at
// all. newValue returns a fresh value of the type m decodes into; fileLine
// maps a YAML line to a file line (nil: the same). ok is false when no field
// fails on its own: yaml's own report then stands.
func Blame(m *yaml.Node, newValue func() any, fileLine func(int) int) (line int, msg string, ok bool) {
	if m == nil || m.Kind != yaml.MappingNode {
		return 0, "", false
	}
	if fileLine == nil {
		fileLine = func(l int) int { return l }
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		one := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{k, v}}
		err := one.Decode(newValue())
		if err == nil {
			continue
		}
		var reason string
		if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
			_, reason = split(te.Errors[0])
		} else {
			_, reason = split(strings.TrimPrefix(err.Error(), "yaml: "))
		}
		alias := firstAlias(v)
		switch {
		case alias == nil:
			return fileLine(k.Line), fmt.Sprintf("field %s: %s", k.Value, reason), true
		case alias.Alias != nil:
			return fileLine(k.Line), fmt.Sprintf("field %s, through alias *%s (anchored on line %d): %s", k.Value, alias.Value, fileLine(alias.Alias.Line), reason), true
		default:
			return fileLine(k.Line), fmt.Sprintf("field %s, through alias *%s: %s", k.Value, alias.Value, reason), true
		}
	}
	return 0, "", false
}

// firstAlias is the first alias node in n, without following any: walking
// through aliases is exactly what an alias bomb makes unaffordable.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := firstAlias(c); a != nil {
			return a
		}
	}
	return nil
}
