// Package lexicons defines framing's lexicon format, loads and validates
// lexicon files, and matches their entries against tokens.
//
// A lexicon is one YAML file:
//
//	name: framing                # namespace of its categories: framing/violence
//	version: 1.0.0
//	licence: MIT
//	source: written for framing
//	categories:
//	  - {id: violence, label: Violence and atrocity, kind: loaded, description: ...}
//	entries:
//	  - {term: massacre, mode: stem, categories: [violence], weight: 0.9, polarity: negative}
//	  - {term: "massacr*", categories: [violence]}      # prefix wildcard
//	  - {term: live ammunition, categories: [violence]} # multiword
//	  - {term: first-degree murder, exclude: true}     # counts nothing
//	  - {term: "*-wing", categories: [labels]}         # suffix wildcard
//	  - {term: illegals, exact: true, ...}             # this form only: no inflections
//	  - {term: antifa, names: true, ...}               # a hit inside a name too
//
// Category kinds: "loaded" categories charge the story and make an outlet's
// loaded rate; "epistemic" ones (hedges, certainty markers, report verbs) say
// how the outlet positions itself toward claims, and are reported apart
// (see METHODS §3); "valence" ones hold strongly valenced sentiment words
// (the valence lexicon), reported apart so the loaded rate stays
// comparable with and without them.
//
// An exclusion entry names a phrase whose words must not count: a legal charge
// ("first-degree murder"), a proper name ("Counter Terrorism Authority", the
// "Insurrection Act"). Being the longest match, it consumes the words and
// counts nothing: quanteda's and Vale's answer to neutral uses of a loaded word.
//
// Matching modes: "exact" (the default, as in LIWC and quanteda: predictable)
// compares folded words, and also matches a word's inflections by its part
// of speech (inflect.go) unless the entry says `exact: true` or the lexicon
// `inflect: false`; "stem" compares Snowball stems, so one entry covers
// massacre/massacres/massacred; a term ending in "*" is a prefix wildcard,
// one starting with "*" a suffix wildcard ("*-wing": left-wing,
// right-wing).
package lexicons

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/internal/yamlpos"
)

// Kind is what a category measures.
type Kind string

const (
	Loaded    Kind = "loaded"
	Epistemic Kind = "epistemic"
	Valence   Kind = "valence"
)

// Scoring reports whether hits of the kind say how charged a sentence is:
// loaded and valence words do, epistemic markers do not.
func (k Kind) Scoring() bool { return k == Loaded || k == Valence }

// Mode is how an entry's words are compared with a text's tokens.
type Mode string

const (
	Exact  Mode = "exact"
	StemM  Mode = "stem"
	Prefix Mode = "prefix"
	Suffix Mode = "suffix"
)

// Lexicon is one loaded, validated lexicon file.
type Lexicon struct {
	Name        string
	Version     string
	Licence     string
	Source      string
	Citation    string
	Description string
	Categories  []*Category
	Entries     []*Entry
	SHA256      string // of the file's bytes, recorded in every report
	Path        string // file path, or "builtin:NAME" for embedded lexicons
	// Inflect: exact entries match their inflections by part of speech
	// (the default; `inflect: false` in the file turns it off).
	Inflect bool
}

// Category is one dimension a lexicon measures. ID is namespaced by its
// lexicon ("framing/violence") so several lexicons can be used at once.
type Category struct {
	ID          string
	Local       string // the id as written in the file: "violence"
	Label       string
	Kind        Kind
	Description string
	// SourceID is the category's id in the dictionary it was imported
	// from (a LIWC number as written, "01"): an export gives it back.
	SourceID string
}

// Polarity is the direction an entry pushes, where that applies.
type Polarity string

const (
	NoPolarity Polarity = ""
	Negative   Polarity = "negative"
	Positive   Polarity = "positive"
	Neutral    Polarity = "neutral"
)

// Entry is one term of a lexicon.
type Entry struct {
	Term       string // as written, e.g. "massacr*" or "live ammunition"
	Mode       Mode
	Categories []*Category
	Weight     float64 // intensity in [0,1]; 1 when the file gives none
	Polarity   Polarity
	Exclude    bool // an exclusion: matched words count for nothing
	Exact      bool // `exact: true`: this form only, no inflections
	// Names: `names: true`: the entry is a hit inside a multi-word proper
	// name or title too ("Antifa" in "Antifa Rally"); by default a word
	// inside a name ("Terrorism" in "National Counter Terrorism
	// Authority") names, and is not a hit.
	Names   bool
	Line    int      // line in the lexicon file
	Lexicon *Lexicon // back-pointer, for reports
	words   []string // folded words of Term (without the trailing "*")
}

// Words returns the folded words of the term, as the matcher compares them.
func (e *Entry) Words() []string { return e.words }

// Inflects reports whether the entry also matches its words' inflections.
func (e *Entry) Inflects() bool {
	return e.Mode == Exact && !e.Exact && e.Lexicon != nil && e.Lexicon.Inflect
}

// CategoryByID returns the category with the namespaced id, or nil.
func (l *Lexicon) CategoryByID(id string) *Category {
	for _, c := range l.Categories {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// fileFormat mirrors the YAML.
type fileFormat struct {
	Name        string          `yaml:"name"`
	Version     string          `yaml:"version"`
	Licence     string          `yaml:"licence"`
	Source      string          `yaml:"source"`
	Citation    string          `yaml:"citation"`
	Description string          `yaml:"description"`
	Inflect     *bool           `yaml:"inflect"`
	Categories  []categoryEntry `yaml:"categories"`
	Entries     []yaml.Node     `yaml:"entries"`
}

type categoryEntry struct {
	ID          string `yaml:"id"`
	Label       string `yaml:"label"`
	Kind        string `yaml:"kind"`
	Description string `yaml:"description"`
	SourceID    string `yaml:"source_id"`
}

type entryFormat struct {
	Term       string     `yaml:"term"`
	Mode       string     `yaml:"mode"`
	Categories stringList `yaml:"categories"`
	Weight     *float64   `yaml:"weight"`
	Polarity   string     `yaml:"polarity"`
	Exclude    bool       `yaml:"exclude"`
	Exact      bool       `yaml:"exact"`
	Names      bool       `yaml:"names"`
}

var (
	namePattern    = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	regexLike      = regexp.MustCompile(`[\\^$()\[\]{}|+?]|\.\*`)
	topLevelFields = []string{"name", "version", "licence", "source", "citation", "description", "inflect", "categories", "entries"}
	entryFields    = []string{"term", "mode", "categories", "weight", "polarity", "exclude", "exact", "names"}
)

// yamlProblem is err, from parsing data, as a problem on the line to fix
// (see yamlpos).
func yamlProblem(path string, data []byte, err error) *Problem {
	line, msg := yamlpos.Locate(data, err)
	return &Problem{Check: CheckLexicon, Path: path, Line: line, Message: msg}
}

// unknownFields warns of each key of mapping n not in known: it is ignored,
// and most often a typo ("categores") the author wants to hear about.
func unknownFields(path string, n *yaml.Node, what string, known []string) []*Problem {
	var probs []*Problem
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !containsStr(known, k.Value) {
			probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: k.Line, Severity: diag.Warning, Message: fmt.Sprintf("%s %q is unknown (known: %s); it is ignored", what, k.Value, strings.Join(known, ", "))})
		}
	}
	return probs
}

// Parse reads a lexicon from data. path names it in errors. It returns the
// lexicon, or nil and every problem found: a lexicon with any error is not
// used at all, because scoring with part of a lexicon would silently change
// every rate. Warnings come back with a usable lexicon.
func Parse(path string, data []byte, tok *tokenize.Tokenizer) (*Lexicon, []*Problem) {
	var probs []*Problem
	errf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, append(probs, yamlProblem(path, data, err))
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		errf(1, "a lexicon is a YAML mapping with name, version, categories and entries")
		return nil, probs
	}
	top := root.Content[0]
	probs = append(probs, unknownFields(path, top, "field", topLevelFields)...)
	var f fileFormat
	if err := top.Decode(&f); err != nil {
		if line, msg, ok := yamlpos.Blame(top, func() any { return new(fileFormat) }, nil); ok {
			errf(line, "%s", msg)
			return nil, probs
		}
		return nil, append(probs, yamlProblem(path, data, err))
	}
	sum := sha256.Sum256(data)
	lex := &Lexicon{Name: f.Name, Version: f.Version, Licence: f.Licence, Source: f.Source,
		Citation: f.Citation, Description: f.Description, SHA256: hex.EncodeToString(sum[:]), Path: path,
		Inflect: f.Inflect == nil || *f.Inflect}

	if !namePattern.MatchString(f.Name) {
		errf(fieldLine(top, "name"), "name %q: a lexicon needs a name of lower-case letters, digits, '-' or '_' (it prefixes its category ids)", f.Name)
	}
	if f.Version == "" {
		errf(fieldLine(top, "name"), "version is missing: reports record it so results can be reproduced")
	}
	if f.Licence == "" {
		errf(fieldLine(top, "name"), "licence is missing: say under which terms the entries may be used")
	}
	catNode := fieldNode(top, "categories")
	if len(f.Categories) == 0 {
		errf(fieldLine(top, "categories"), "no categories: a lexicon needs at least one")
	}
	local := map[string]*Category{}
	for i, c := range f.Categories {
		line := 0
		if catNode != nil && i < len(catNode.Content) {
			line = catNode.Content[i].Line
		}
		switch {
		case !namePattern.MatchString(c.ID):
			errf(line, "category %q: id must be lower-case letters, digits, '-' or '_'", c.ID)
			continue
		case local[c.ID] != nil:
			errf(line, "category %q is defined twice", c.ID)
			continue
		case c.Kind != string(Loaded) && c.Kind != string(Epistemic) && c.Kind != string(Valence):
			errf(line, "category %q: kind %q must be %q, %q or %q", c.ID, c.Kind, Loaded, Epistemic, Valence)
		}
		label := c.Label
		if label == "" {
			label = c.ID
		}
		cat := &Category{ID: f.Name + "/" + c.ID, Local: c.ID, Label: label, Kind: Kind(c.Kind), Description: c.Description, SourceID: c.SourceID}
		local[c.ID] = cat
		lex.Categories = append(lex.Categories, cat)
	}

	seen := map[string]int{}
	for i := range f.Entries {
		n := &f.Entries[i]
		e, eprobs := parseEntry(path, n, local, tok)
		probs = append(probs, eprobs...)
		if e == nil {
			continue
		}
		key := string(e.Mode) + "\x00" + strings.Join(e.words, " ")
		if prev, dup := seen[key]; dup {
			errf(n.Line, "entry %q: duplicate of the entry on line %d", e.Term, prev)
			continue
		}
		seen[key] = n.Line
		e.Lexicon = lex
		lex.Entries = append(lex.Entries, e)
	}
	if len(f.Entries) == 0 {
		errf(fieldLine(top, "entries"), "no entries")
	}
	for _, p := range probs {
		if !p.IsWarning() {
			return nil, probs
		}
	}
	return lex, probs
}

func parseEntry(path string, n *yaml.Node, local map[string]*Category, tok *tokenize.Tokenizer) (*Entry, []*Problem) {
	var probs []*Problem
	errf := func(format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: n.Line, Message: fmt.Sprintf(format, args...)})
	}
	if n.Kind != yaml.MappingNode {
		errf("an entry is a mapping like {term: massacre, categories: [violence]}")
		return nil, probs
	}
	probs = append(probs, unknownFields(path, n, "entry field", entryFields)...)
	var ef entryFormat
	if err := n.Decode(&ef); err != nil {
		if line, msg, ok := yamlpos.Blame(n, func() any { return new(entryFormat) }, nil); ok {
			probs = append(probs, &Problem{Check: CheckLexicon, Path: path, Line: line, Message: msg})
			return nil, probs
		}
		_, msg := yamlpos.Locate(nil, err)
		errf("%s", msg)
		return nil, probs
	}
	term := strings.TrimSpace(ef.Term)
	e := &Entry{Term: term, Mode: Mode(ef.Mode), Weight: 1, Polarity: Polarity(ef.Polarity), Exclude: ef.Exclude, Exact: ef.Exact, Names: ef.Names, Line: n.Line}
	switch {
	case term == "":
		errf("empty term")
		return nil, probs
	case regexLike.MatchString(term):
		errf("entry %q looks like a regular expression; terms are words, with an optional * at the end (massacr*) or start (*-wing)", term)
		return nil, probs
	case strings.HasPrefix(term, "*") && strings.HasSuffix(term, "*") || strings.Contains(strings.Trim(term, "*"), "*"):
		errf("entry %q: * may only end a term (a prefix wildcard like massacr*) or start it (a suffix wildcard like *-wing)", term)
		return nil, probs
	case strings.HasPrefix(term, "*") && strings.ContainsAny(term, " \t"):
		errf("entry %q: a suffix wildcard is one word", term)
		return nil, probs
	}
	switch {
	case strings.HasSuffix(term, "*"):
		if e.Mode != "" && e.Mode != Prefix {
			errf("entry %q: a term ending in * is a prefix wildcard; mode %q contradicts it", term, e.Mode)
		}
		e.Mode = Prefix
	case strings.HasPrefix(term, "*"):
		if e.Mode != "" && e.Mode != Suffix {
			errf("entry %q: a term starting with * is a suffix wildcard; mode %q contradicts it", term, e.Mode)
		}
		e.Mode = Suffix
	}
	switch e.Mode {
	case "":
		e.Mode = Exact
	case Exact, StemM:
	case Prefix:
		if !strings.HasSuffix(term, "*") {
			errf("entry %q: mode prefix needs a trailing * on the term", term)
		}
	case Suffix:
		if !strings.HasPrefix(term, "*") {
			errf("entry %q: mode suffix needs a leading * on the term", term)
		}
	default:
		errf("entry %q: mode %q must be exact, stem, prefix or suffix", term, e.Mode)
	}
	if e.Exact && e.Mode != Exact {
		errf("entry %q: exact: true is for exact entries (mode %s matches other forms by design)", term, e.Mode)
	}
	if ef.Weight != nil {
		e.Weight = *ef.Weight
		if e.Weight < 0 || e.Weight > 1 {
			errf("entry %q: weight %v must be between 0 and 1", term, e.Weight)
		}
	}
	switch e.Polarity {
	case NoPolarity, Negative, Positive, Neutral:
	default:
		errf("entry %q: polarity %q must be negative, positive or neutral", term, e.Polarity)
	}
	switch {
	case ef.Exclude && len(ef.Categories) > 0:
		errf("entry %q: an exclusion counts nothing, so it takes no categories", term)
	case !ef.Exclude && len(ef.Categories) == 0:
		errf("entry %q has no categories", term)
	}
	for _, id := range ef.Categories {
		c := local[id]
		if c == nil {
			errf("entry %q: unknown category %q", term, id)
			continue
		}
		e.Categories = append(e.Categories, c)
	}
	if pattern := strings.Trim(term, "*"); pattern != term && !strings.ContainsAny(pattern, " \t") {
		// A one-word wildcard is compared with whole tokens ("far-*",
		// "*-wing"): tokenizing "far-" alone would split off its hyphen.
		e.words = []string{tokenize.Fold(pattern)}
	} else {
		for _, t := range tok.Tokenize(strings.TrimSuffix(term, "*"), 0) {
			e.words = append(e.words, t.Norm)
		}
	}
	if len(e.words) == 0 || !hasWord(e.words) {
		errf("entry %q has no word in it", term)
	}
	if len(probs) > 0 && !allWarnings(probs) {
		return nil, probs
	}
	return e, probs
}

func hasWord(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127 {
				return true
			}
		}
	}
	return false
}

func allWarnings(ps []*Problem) bool {
	for _, p := range ps {
		if !p.IsWarning() {
			return false
		}
	}
	return true
}

func fieldNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func fieldLine(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return m.Line
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stringList accepts `categories: violence` as well as `categories: [a, b]`.
type stringList []string

func (s *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var v []string
	if err := n.Decode(&v); err != nil {
		return err
	}
	*s = v
	return nil
}

// A Problem is one thing wrong with a lexicon, cue list or gazetteer file
// (diag.Diagnostic, the one shape every package reports in).
type Problem = diag.Diagnostic

// The checks lexicon problems name (diag.Diagnostic.Check).
const (
	CheckLexicon   = "lexicon"
	CheckGazetteer = "gazetteer"
)

// SortedCategories returns every category of the lexicons, sorted by id.
func SortedCategories(lexs []*Lexicon) []*Category {
	var cats []*Category
	for _, l := range lexs {
		cats = append(cats, l.Categories...)
	}
	sort.Slice(cats, func(i, j int) bool { return cats[i].ID < cats[j].ID })
	return cats
}
