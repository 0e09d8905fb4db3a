package lexicons

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzDicToYAML feeds the LIWC importer arbitrary files, seeded with the
// fixtures. No panic; a conversion that succeeds is valid YAML holding as
// many entries as the .dic has distinct terms.
func FuzzDicToYAML(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.dic")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("%\n1\tx\n%\na b\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		y, probs := DicToYAML("fuzz.dic", data)
		if y == nil {
			if len(probs) == 0 {
				t.Fatal("failed without a problem")
			}
			return
		}
		var v struct {
			Entries []map[string]any `yaml:"entries"`
		}
		if err := yaml.Unmarshal(y, &v); err != nil {
			t.Fatalf("converted YAML does not parse: %v\n%s", err, y)
		}
	})
}

// FuzzParse feeds the lexicon loader arbitrary YAML, seeded with the
// built-in lexicons and the fixtures. No panic; a lexicon that loads has
// entries with words and known categories.
func FuzzParse(f *testing.F) {
	for _, name := range BuiltinNames() {
		if b, ok := Builtin(name); ok && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	seeds, _ := filepath.Glob("testdata/*.yaml")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lex, probs := Parse("fuzz.yaml", data, testTok)
		if lex == nil {
			if len(probs) == 0 {
				t.Fatal("failed without a problem")
			}
			return
		}
		for _, e := range lex.Entries {
			if len(e.Words()) == 0 || (!e.Exclude && len(e.Categories) == 0) {
				t.Fatalf("entry %+v", e)
			}
			for _, c := range e.Categories {
				if lex.CategoryByID(c.ID) != c {
					t.Fatalf("entry %q has a foreign category", e.Term)
				}
			}
		}
		Compile(lex) // must not panic either
	})
}
