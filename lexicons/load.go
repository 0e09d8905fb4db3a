package lexicons

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/framing/framing/internal/tokenize"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// DefaultName is what --lexicon accepts for "the default set", so a user can
// add a lexicon to the defaults (--lexicon default --lexicon bsd) rather than
// replace them.
const DefaultName = "default"

// DefaultSet returns the names of the lexicons used when none are asked for:
// framing's own, written for news framing — conflict and protest reporting
// (framing) and general news and politics (news) — and the strongly valenced
// VADER words (valence, kind valence: they add to how charged a sentence
// reads, not to the loaded rate). The other research lexicons ship
// too but are opt-in (see lexicons/README.md for why).
func DefaultSet() []string { return []string{"framing", "news", "valence"} }

// BuiltinNames lists every lexicon embedded in the binary, sorted.
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(builtinFS, "builtin")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// Builtin returns the bytes of an embedded lexicon file.
func Builtin(name string) ([]byte, bool) {
	b, err := builtinFS.ReadFile(path.Join("builtin", name+".yaml"))
	return b, err == nil
}

// Loader reads lexicons. It holds the tokenizer that turns terms into words,
// so terms and texts are split the same way.
type Loader struct {
	Tok *tokenize.Tokenizer
}

// Load resolves each spec to lexicons: "default" (the default set), the name
// of a built-in lexicon, or a file path (.yaml, .yml, or LIWC .dic). With no
// specs it loads the default set.
//
// A spec that fails to load is reported and left out; the others are used.
// Two lexicons with the same name are an error for the second: their
// categories would share ids.
func (l Loader) Load(specs []string) ([]*Lexicon, []*Problem) {
	if len(specs) == 0 {
		specs = []string{DefaultName}
	}
	var (
		out   []*Lexicon
		probs []*Problem
		names = map[string]string{}
	)
	for _, spec := range expand(specs) {
		lex, ps := l.LoadOne(spec)
		probs = append(probs, ps...)
		if lex == nil {
			continue
		}
		if prev, dup := names[lex.Name]; dup {
			probs = append(probs, &Problem{Check: CheckLexicon, Path: lex.Path, Line: 1,
				Message: fmt.Sprintf("lexicon name %q is already used by %s; rename one (names prefix category ids)", lex.Name, prev)})
			continue
		}
		names[lex.Name] = lex.Path
		out = append(out, lex)
	}
	return out, probs
}

func expand(specs []string) []string {
	var out []string
	for _, s := range specs {
		if s == DefaultName {
			out = append(out, DefaultSet()...)
		} else {
			out = append(out, s)
		}
	}
	return out
}

// LoadOne loads one lexicon by built-in name or path.
func (l Loader) LoadOne(spec string) (*Lexicon, []*Problem) {
	if b, ok := Builtin(spec); ok && !strings.ContainsAny(spec, `/\.`) {
		return Parse("builtin:"+spec, b, l.Tok)
	}
	data, err := os.ReadFile(spec)
	if err != nil {
		msg := err.Error()
		if os.IsNotExist(err) && !strings.ContainsAny(spec, `/\.`) {
			msg = fmt.Sprintf("no built-in lexicon or file named %q (built-in: %s)", spec, strings.Join(BuiltinNames(), ", "))
		}
		return nil, []*Problem{{Check: CheckLexicon, Path: spec, Message: msg}}
	}
	if strings.HasSuffix(strings.ToLower(spec), ".dic") {
		return ImportDic(spec, data, l.Tok)
	}
	// By content, not by name: a quanteda dictionary is YAML too.
	if isQuantedaYAML(data) {
		return ImportQuanteda(spec, data, l.Tok)
	}
	return Parse(spec, data, l.Tok)
}
