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
