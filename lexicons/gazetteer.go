package lexicons

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/framing/framing/internal/diag"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/internal/yamlpos"
)

// An actor gazetteer lists the people, bodies, places and groups of a story
// and every name they go by:
//
//	actors:
//	  - id: pti
//	    name: Pakistan Tehreek-e-Insaf
//	    type: organisation
//	    role: opposition
//	    aliases: [PTI, Tehreek-e-Insaf, "Khan's party", {alias: the party, case: any}]
//
// One file per event (corpus/<event>/actors.yaml) and one shared by all
// events (corpus/actors.yaml); an event's actor replaces a shared one with the
// same id. prose's entity recognizer only suggests names (it tags PTI as a
// place and Al Jazeera as a person, METHODS §1); actors come from here.

// ActorTypes and ActorRoles are the accepted values.
//
// "accused" is for suspects and defendants, whatever the verdict: calling an
// acquitted defendant a perpetrator would be a framing of our own.
var (
	ActorTypes = []string{"person", "organisation", "place", "group"}
	ActorRoles = []string{"government", "opposition", "security forces", "protesters", "media", "international",
		"victims", "judiciary", "civil society", "accused", "perpetrators", "public", "other"}
)

// CaseRule says how an alias's capitals must match.
type CaseRule string

const (
	// CaseAuto: per word, an acronym (PTI, IMF) matches exactly, a
	// capitalised word needs its capital ("Khan", not "khan"), a lower-case
	// word matches in any case ("interior minister" = "Interior Minister").
	CaseAuto  CaseRule = "auto"
	CaseExact CaseRule = "exact" // every letter as written
	CaseAny   CaseRule = "any"   // any case
)

// Actor is one entry of a gazetteer.
type Actor struct {
	ID      string
	Name    string
	Type    string
	Role    string
	Aliases []*Alias
	Path    string
	Line    int
	// Shared: an event's actor marked `shared: true` is the same actor
	// wherever its id is used (see LoadGazetteers).
	Shared bool
	// Local is the id as its file writes it; ID may be scoped to its event
	// ("pti-final-call-islamabad-2024/police").
	Local string
}

// Alias is one name of an actor, tokenized like the text it is matched in.
type Alias struct {
	Text  string
	Case  CaseRule
	Line  int
	Actor *Actor
	words []string // folded
	forms []string // as written, for case checks
}

// Gazetteer is a set of actors, compiled for matching.
type Gazetteer struct {
	Actors []*Actor
	Paths  []string // files it was read from, in order
	SHA256 string   // of the files' bytes, in order
	index  map[string][]*Alias
	byName map[string]*Actor // folded alias text -> actor, for speaker lookup
}

type gazetteerFile struct {
	Actors []yaml.Node `yaml:"actors"`
}

type actorFormat struct {
	ID      string      `yaml:"id"`
	Name    string      `yaml:"name"`
	Type    string      `yaml:"type"`
	Role    string      `yaml:"role"`
	Aliases []yaml.Node `yaml:"aliases"`
	Shared  bool        `yaml:"shared"`
}

var actorFields = []string{"id", "name", "type", "role", "aliases", "shared"}

// ParseGazetteer reads one gazetteer file. Like Parse, it returns nil and the
// problems when the file has any error.
func ParseGazetteer(path string, data []byte, tok *tokenize.Tokenizer) (*Gazetteer, []*Problem) {
	var probs []*Problem
	errf := func(line int, format string, args ...any) {
		probs = append(probs, &Problem{Check: CheckGazetteer, Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, append(probs, yamlProblem(path, data, err))
	}
	var f gazetteerFile
	if len(root.Content) == 0 {
		errf(1, "empty gazetteer: it needs an actors: list")
		return nil, probs
	}
	if err := root.Content[0].Decode(&f); err != nil {
		if line, msg, ok := yamlpos.Blame(root.Content[0], func() any { return new(gazetteerFile) }, nil); ok {
			errf(line, "%s", msg)
			return nil, probs
		}
		return nil, append(probs, yamlProblem(path, data, err))
	}
	sum := sha256.Sum256(data)
	g := &Gazetteer{Paths: []string{path}, SHA256: hex.EncodeToString(sum[:])}
	ids := map[string]int{}
	aliasLine := map[string]*Alias{}
	for i := range f.Actors {
		n := &f.Actors[i]
		probs = append(probs, unknownFields(path, n, "actor field", actorFields)...)
		var af actorFormat
		if err := n.Decode(&af); err != nil {
			if line, msg, ok := yamlpos.Blame(n, func() any { return new(actorFormat) }, nil); ok {
				errf(line, "%s", msg)
				continue
			}
			_, msg := yamlpos.Locate(nil, err)
			errf(n.Line, "%s", msg)
			continue
		}
		a := &Actor{ID: af.ID, Name: strings.TrimSpace(af.Name), Type: af.Type, Role: normalizeRole(af.Role), Path: path, Line: n.Line, Shared: af.Shared, Local: af.ID}
		switch {
		case !namePattern.MatchString(a.ID):
			errf(n.Line, "actor %q: id must be lower-case letters, digits, '-' or '_'", a.ID)
			continue
		case ids[a.ID] > 0:
			errf(n.Line, "actor %q is defined twice (first on line %d)", a.ID, ids[a.ID])
			continue
		}
		ids[a.ID] = n.Line
		if a.Name == "" {
			errf(n.Line, "actor %q has an empty name", a.ID)
		}
		if !containsStr(ActorTypes, a.Type) {
			errf(n.Line, "actor %q: type %q must be one of %s", a.ID, a.Type, strings.Join(ActorTypes, ", "))
		}
		if !containsStr(ActorRoles, a.Role) {
			errf(n.Line, "actor %q: unknown role %q (roles: %s)", a.ID, af.Role, strings.Join(ActorRoles, ", "))
		}
		aliasNodes := af.Aliases
		if a.Name != "" {
			aliasNodes = append([]yaml.Node{{Kind: yaml.ScalarNode, Value: a.Name, Line: n.Line}}, aliasNodes...)
		}
		for j := range aliasNodes {
			al, p := parseAlias(path, &aliasNodes[j], tok)
			if p != nil {
				probs = append(probs, p)
				continue
			}
			al.Actor = a
			key := aliasKey(al)
			if prev, dup := aliasLine[key]; dup {
				if prev.Actor != a {
					errf(al.Line, "alias %q of actor %q is already an alias of actor %q (line %d)", al.Text, a.ID, prev.Actor.ID, prev.Line)
				}
				continue // the same alias twice for one actor (often the name repeated): harmless
			}
			aliasLine[key] = al
			a.Aliases = append(a.Aliases, al)
		}
		g.Actors = append(g.Actors, a)
	}
	if len(f.Actors) == 0 && len(probs) == 0 {
		errf(1, "no actors")
	}
	for _, p := range probs {
		if !p.IsWarning() {
			return nil, probs
		}
	}
	g.compile()
	return g, probs
}

func aliasKey(al *Alias) string { return strings.Join(al.words, " ") + "\x00" + string(al.Case) }

func parseAlias(path string, n *yaml.Node, tok *tokenize.Tokenizer) (*Alias, *Problem) {
	al := &Alias{Case: CaseAuto, Line: n.Line}
	switch n.Kind {
	case yaml.ScalarNode:
		al.Text = n.Value
	case yaml.MappingNode:
		var v struct {
			Alias string `yaml:"alias"`
			Case  string `yaml:"case"`
		}
		if err := n.Decode(&v); err != nil {
			return nil, &Problem{Check: CheckGazetteer, Path: path, Line: n.Line, Message: err.Error()}
		}
		al.Text = v.Alias
		if v.Case != "" {
			al.Case = CaseRule(v.Case)
		}
	default:
		return nil, &Problem{Check: CheckGazetteer, Path: path, Line: n.Line, Message: "an alias is a name, or {alias: name, case: auto|exact|any}"}
	}
	al.Text = strings.TrimSpace(al.Text)
	if al.Text == "" {
		return nil, &Problem{Check: CheckGazetteer, Path: path, Line: n.Line, Message: "empty alias"}
	}
	if al.Case != CaseAuto && al.Case != CaseExact && al.Case != CaseAny {
		return nil, &Problem{Check: CheckGazetteer, Path: path, Line: n.Line, Message: fmt.Sprintf("alias %q: case %q must be auto, exact or any", al.Text, al.Case)}
	}
	for _, t := range tok.Tokenize(al.Text, 0) {
		al.words = append(al.words, t.Norm)
		al.forms = append(al.forms, t.Text)
	}
	if len(al.words) == 0 {
		return nil, &Problem{Check: CheckGazetteer, Path: path, Line: n.Line, Message: fmt.Sprintf("alias %q has no word in it", al.Text)}
	}
	return al, nil
}

func normalizeRole(r string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(r), "-", " ")), " ")
}

func (g *Gazetteer) compile() {
	g.index = map[string][]*Alias{}
	g.byName = map[string]*Actor{}
	for _, a := range g.Actors {
		for _, al := range a.Aliases {
			g.index[al.words[0]] = append(g.index[al.words[0]], al)
			g.byName[strings.Join(al.words, " ")] = a
		}
	}
	for _, list := range g.index {
		// Longest first: the first alias that matches at a position is the
		// longest one there.
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
}

// Merge returns the gazetteer of an event: the shared actors, with the event's
// actors added and replacing shared ones of the same id. An event alias that
// a different shared actor also uses is taken by the event's actor, with a
// warning. Either may be nil.
func Merge(shared, event *Gazetteer) (*Gazetteer, []*Problem) {
	if event == nil {
		return shared, nil
	}
	if shared == nil {
		return event, nil
	}
	var probs []*Problem
	out := &Gazetteer{Paths: append(append([]string{}, shared.Paths...), event.Paths...),
		SHA256: hashStrings(shared.SHA256, event.SHA256)}
	replaced := map[string]bool{}
	for _, a := range event.Actors {
		replaced[a.Local] = true
	}
	taken := map[string]*Alias{}
	for _, a := range event.Actors {
		for _, al := range a.Aliases {
			taken[strings.Join(al.words, " ")] = al
		}
	}
	for _, a := range shared.Actors {
		if replaced[a.Local] {
			continue
		}
		b := *a
		b.Aliases = nil
		for _, al := range a.Aliases {
			if ev := taken[strings.Join(al.words, " ")]; ev != nil {
				probs = append(probs, &Problem{Check: CheckGazetteer, Path: ev.Actor.Path, Line: ev.Line, Severity: diag.Warning, Message: fmt.Sprintf("alias %q of %q shadows the same alias of shared actor %q (%s:%d)", al.Text, ev.Actor.ID, a.ID, a.Path, al.Line)})
				continue
			}
			c := *al
			c.Actor = &b
			b.Aliases = append(b.Aliases, &c)
		}
		out.Actors = append(out.Actors, &b)
	}
	out.Actors = append(out.Actors, event.Actors...)
	sort.SliceStable(out.Actors, func(i, j int) bool { return out.Actors[i].ID < out.Actors[j].ID })
	out.compile()
	return out, probs
}

func hashStrings(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Mention is a match of an alias: tokens [First, Last] of the slice given to
// Match.
type Mention struct {
	Actor       *Actor
	Alias       *Alias
	First, Last int
}

// Match finds actor mentions in toks (one sentence), leftmost-longest.
func (g *Gazetteer) Match(toks []tokenize.Token, emit func(Mention)) {
	if g == nil {
		return
	}
	for i := 0; i < len(toks); {
		best := (*Alias)(nil)
		for _, al := range g.index[toks[i].Norm] {
			if al.matchAt(toks, i) {
				best = al
				break
			}
		}
		if best == nil {
			i++
			continue
		}
		emit(Mention{Actor: best.Actor, Alias: best, First: i, Last: i + len(best.words) - 1})
		i += len(best.words)
	}
}

func (al *Alias) matchAt(toks []tokenize.Token, i int) bool {
	if i+len(al.words) > len(toks) {
		return false
	}
	for k, w := range al.words {
		t := &toks[i+k]
		if t.Norm != w || t.Excluded {
			return false
		}
		if !caseMatches(al.Case, al.forms[k], t.Text) {
			return false
		}
	}
	return true
}

// caseMatches applies a case rule to one word.
func caseMatches(rule CaseRule, form, text string) bool {
	switch rule {
	case CaseAny:
		return true
	case CaseExact:
		return form == text
	}
	if isAcronym(form) {
		return form == text
	}
	r, _ := utf8.DecodeRuneInString(form)
	if unicode.IsUpper(r) {
		t, _ := utf8.DecodeRuneInString(text)
		return unicode.IsUpper(t)
	}
	return true
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// Lookup finds the actor one of whose aliases is the whole phrase (case
// folded): how a speaker's name ("Naqvi", "PTI") is resolved.
func (g *Gazetteer) Lookup(phrase string, tok *tokenize.Tokenizer) *Actor {
	if g == nil {
		return nil
	}
	var words []string
	for _, t := range tok.Tokenize(phrase, 0) {
		words = append(words, t.Norm)
	}
	return g.byName[strings.Join(words, " ")]
}

// ActorByID returns the actor with the id, or nil.
func (g *Gazetteer) ActorByID(id string) *Actor {
	if g == nil {
		return nil
	}
	for _, a := range g.Actors {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// GazetteerFile is the name of a gazetteer file: corpus/actors.yaml for the
// actors of every event, corpus/<event>/actors.yaml for one event's.
const GazetteerFile = "actors.yaml"

// LoadGazetteers reads the shared gazetteer of a corpus and each event's, and
// returns each event's merged gazetteer (nil for an event with neither), and
// under the key "" the shared one, for articles of other events. A
// gazetteer with errors is left out and its problems returned: the actors it
// would have named are then simply not found.
func LoadGazetteers(corpusDir string, events []string, tok *tokenize.Tokenizer) (map[string]*Gazetteer, []*Problem) {
	var probs []*Problem
	read := func(path string) *Gazetteer {
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			probs = append(probs, &Problem{Check: CheckGazetteer, Path: path, Message: err.Error()})
			return nil
		}
		g, ps := ParseGazetteer(path, data, tok)
		probs = append(probs, ps...)
		return g
	}
	shared := read(filepath.Join(corpusDir, GazetteerFile))
	own := map[string]*Gazetteer{}
	for _, ev := range events {
		own[ev] = read(filepath.Join(corpusDir, ev, GazetteerFile))
	}
	scopeIDs(shared, own, events)
	out := map[string]*Gazetteer{"": shared}
	for _, ev := range events {
		g, ps := Merge(shared, own[ev])
		probs = append(probs, ps...)
		out[ev] = g
	}
	return out, probs
}

// scopeIDs keeps actors of different events apart ("police" in
// the Aurora gazetteer is the Aurora police, and was shown as such in the
// Pakistan event, whose own "police" had the same id). An id that more than
// one gazetteer defines names a different actor in each: an event's
// definition becomes "<event>/<id>" in reports, unless it is marked
// `shared: true` (the same actor, defined where it is used). An id only one
// gazetteer defines keeps its plain form.
func scopeIDs(shared *Gazetteer, own map[string]*Gazetteer, events []string) {
	defs := map[string]int{}
	if shared != nil {
		for _, a := range shared.Actors {
			defs[a.Local]++
		}
	}
	for _, ev := range events {
		if g := own[ev]; g != nil {
			for _, a := range g.Actors {
				if !a.Shared {
					defs[a.Local]++
				}
			}
		}
	}
	for _, ev := range events {
		if g := own[ev]; g != nil {
			for _, a := range g.Actors {
				if !a.Shared && defs[a.Local] > 1 {
					a.ID = ev + "/" + a.Local
				}
			}
		}
	}
}

// ActorStub is a suggested gazetteer entry for a name the gazetteer lacks.
type ActorStub struct {
	ID, Name, Type string
	Comment        string // why it is suggested: counts, the recognizer's label, an example
}

// TypeForEntityLabel maps prose's entity labels to actor types, as a first
// guess for a stub.
func TypeForEntityLabel(label string) string {
	switch label {
	case "PERSON":
		return "person"
	case "ORGANIZATION":
		return "organisation"
	}
	return "place"
}

// StubID makes an actor id from a name: "Saqib Bashir" -> "saqib-bashir".
func StubID(name string) string { return slugID(name) }

// WriteActorStubs writes stubs as gazetteer YAML, ready to paste under an
// actors: key. Role is left as "other" with the roles listed, so a
// researcher decides it.
func WriteActorStubs(w io.Writer, stubs []ActorStub) error {
	for _, s := range stubs {
		if _, err := fmt.Fprintf(w, "  # %s\n  - id: %s\n    name: %s\n    type: %s\n    role: other  # one of: %s\n    aliases: []\n",
			s.Comment, yamlpos.Quote(s.ID), yamlpos.Quote(s.Name), s.Type, strings.Join(ActorRoles, ", ")); err != nil {
			return err
		}
	}
	return nil
}
