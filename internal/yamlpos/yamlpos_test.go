package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		name, doc string
		line      int
		msg       string
	}{
		{"unclosed flow mapping", "name: x\ncategories:\n  - {id: a, kind: loaded\nentries: []\n", 3, "did not find expected ',' or '}'"},
		{"unclosed flow sequence", "a: 1\nb: [1, 2\nc: 3\n", 2, "did not find expected ',' or ']'"},
		{"tab indentation", "a: 1\nb: 2\n\tc: 3\n", 3, "found a tab character that violates indentation"},
		{"mapping in scalar", "a: 1\nb: 2\nc: : 3\n", 3, "mapping values are not allowed in this context"},
		{"unterminated string", "a: 1\nb: \"open\nc: 3\n", 2, "found unexpected end of stream"},
	}
	for _, tt := range tests {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(tt.doc), &n)
		if err == nil {
			t.Fatalf("%s: no error", tt.name)
		}
		line, msg := Locate([]byte(tt.doc), err)
		if line != tt.line || msg != tt.msg {
			t.Errorf("%s: line %d %q, want line %d %q (yaml said %q)", tt.name, line, msg, tt.line, tt.msg, err)
		}
	}
	var v struct{ A string }
	err := yaml.Unmarshal([]byte("\n\na: [1]\n"), &v)
	if line, msg := Locate(nil, err); line != 3 || msg != "cannot unmarshal !!seq into string" {
		t.Errorf("type error: line %d %q", line, msg)
	}
}

// laughs is a billion-laughs document: each anchor repeats the one before
// nine times, and only the field "use" expands the last.
const laughs = `a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
use: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
`

func TestBlame(t *testing.T) {
	type doc struct {
		Title   string   `yaml:"title"`
		Authors []string `yaml:"authors"`
		Note    any      `yaml:"note"`
	}
	tests := []struct {
		name, doc string
		into      func() any
		ok        bool
		line      int
		msg       string
	}{
		{"no alias: the field is named on its key's line",
			"authors: [x]\ntitle:\n  [a, b]\n", func() any { return new(doc) }, true, 2, "field title: cannot unmarshal !!seq into string"},
		{"a list used where a name goes",
			"note: &n [[a], [b]]\ntitle: T\nauthors: *n\n", func() any { return new(doc) }, true, 3,
			"field authors, through alias *n (anchored on line 1): cannot unmarshal !!seq into string"},
		{"an alias used correctly blames nothing",
			"note: &n [a, b]\ntitle: T\nauthors: *n\n", func() any { return new(doc) }, false, 0, ""},
		// The anchors' own fields are not the struct's: only "use" expands.
		{"an alias bomb",
			laughs, func() any { return new(struct{ Use any }) }, true, 9,
			"field use, through alias *h (anchored on line 8): document contains excessive aliasing"},
	}
	for _, tt := range tests {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(tt.doc), &root); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		m := root.Content[0]
		whole := m.Decode(tt.into())
		line, msg, ok := Blame(m, tt.into, nil)
		if ok != tt.ok || line != tt.line || msg != tt.msg {
			t.Errorf("%s: Blame = %d %q %v, want %d %q %v (yaml said %v)", tt.name, line, msg, ok, tt.line, tt.msg, tt.ok, whole)
		}
		if ok && whole == nil {
			t.Errorf("%s: blamed a field of a document that decodes", tt.name)
		}
	}
}
