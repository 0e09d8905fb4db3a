package lexicons

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func loadGazetteer(t *testing.T, name string) (*Gazetteer, []*Problem) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return ParseGazetteer("testdata/"+name, data, testTok)
}

func TestGazetteerErrors(t *testing.T) {
	g, probs := loadGazetteer(t, "actors-bad.yaml")
	if g != nil {
		t.Fatal("a gazetteer with errors must not load")
	}
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		`testdata/actors-bad.yaml:7: error: actor "khan": unknown role "opposition leader" (roles: government, opposition, security forces, protesters, media, international, victims, judiciary, civil society, accused, perpetrators, public, other)`,
		`testdata/actors-bad.yaml:12: error: actor "minister" has an empty name`,
		`testdata/actors-bad.yaml:16: error: alias "Interior Minister" of actor "minister" is already an alias of actor "naqvi" (line 6)`,
		`testdata/actors-bad.yaml:17: error: actor "rangers": type "army" must be one of person, organisation, place, group`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func mentionsIn(g *Gazetteer, text string) []string {
	toks := testTok.Tokenize(text, 0)
	var out []string
	g.Match(toks, func(m Mention) {
		out = append(out, m.Actor.ID+"="+text[toks[m.First].Start:toks[m.Last].End])
	})
	return out
}

func TestGazetteerMatching(t *testing.T) {
	g, probs := loadGazetteer(t, "actors-event.yaml")
	if g == nil {
		t.Fatal(probs)
	}
	tests := []struct{ text, want string }{
		// Longest alias wins: "Khan's party" is the PTI, not Khan.
		{"Khan's party marched; Khan spoke.", "pti=Khan's party|imran-khan=Khan"},
		// Lower-case aliases match any case; capitalised ones need their capital.
		{"Interior Minister Naqvi and the interior minister", "interior-minister=Interior Minister|interior-minister=Naqvi|interior-minister=interior minister"},
		{"a khan of the steppe", ""},
		// Acronyms match exactly.
		{"PTI supporters, not pti or Pti", "pti=PTI"},
		{"Riot police and POLICE", "police=Riot police|police=POLICE"},
	}
	for _, tt := range tests {
		if got := strings.Join(mentionsIn(g, tt.text), "|"); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.text, got, tt.want)
		}
	}
	if a := g.Lookup("Naqvi", testTok); a == nil || a.ID != "interior-minister" {
		t.Errorf("Lookup(Naqvi) = %v", a)
	}
}

// An event's actor replaces a shared actor with the same id.
func TestGazetteerMerge(t *testing.T) {
	shared, _ := loadGazetteer(t, "actors-shared.yaml")
	event, _ := loadGazetteer(t, "actors-event.yaml")
	g, probs := Merge(shared, event)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if a := g.ActorByID("police"); a == nil || a.Name != "Pakistani police" {
		t.Errorf("police = %+v, want the event's", a)
	}
	if g.ActorByID("cnn") == nil || len(g.Paths) != 2 {
		t.Errorf("shared actors lost: %v", g.Paths)
	}
	if got := strings.Join(mentionsIn(g, "CNN saw riot police"), "|"); got != "cnn=CNN|police=riot police" {
		t.Errorf("merged matching: %s", got)
	}
}

// The shipped gazetteers load without problems, and the seed event's has
// the actors the issue names, at least 25 of them.
func TestShippedGazetteers(t *testing.T) {
	events, _ := os.ReadDir("../corpus")
	var names []string
	for _, e := range events {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	gaz, probs := LoadGazetteers("../corpus", names, testTok)
	for _, p := range probs {
		t.Errorf("%v", p)
	}
	seed := gaz["pti-final-call-islamabad-2024"]
	if seed == nil {
		t.Fatal("no gazetteer for the seed event")
	}
	own := 0
	for _, a := range seed.Actors {
		if strings.Contains(strings.Join(seed.Paths, ","), a.Path) && strings.HasPrefix(a.Path, "../corpus/pti") {
			own++
		}
	}
	if own < 25 {
		t.Errorf("the seed event gazetteer defines %d actors, want at least 25", own)
	}
	for _, id := range []string{"imran-khan", "mohsin-naqvi", "pti", "pakistan-rangers", "islamabad", "al-jazeera", "the-guardian"} {
		if seed.ActorByID(id) == nil {
			t.Errorf("seed gazetteer lacks %s", id)
		}
	}
}

// an id two gazetteers define is scoped to each event that
// defines it, unless the event marks its actor shared.
func TestGazetteerIDsAreScopedToTheirEvent(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("actors.yaml", "actors:\n  - {id: police, name: police, type: group, role: security forces}\n  - {id: trump, name: Donald Trump, type: person, role: government}\n")
	write("a/actors.yaml", "actors:\n  - {id: police, name: Aurora police, type: group, role: security forces}\n  - {id: trump, name: Donald Trump, type: person, role: government, aliases: [Mr. Trump], shared: true}\n")
	write("b/actors.yaml", "actors:\n  - {id: mayor, name: the mayor, type: person, role: government}\n")
	gaz, probs := LoadGazetteers(dir, []string{"a", "b"}, testTok)
	for _, p := range probs {
		if !p.IsWarning() {
			t.Fatal(p)
		}
	}
	ids := func(g *Gazetteer) []string {
		var out []string
		for _, a := range g.Actors {
			out = append(out, a.ID)
		}
		sort.Strings(out)
		return out
	}
	if got := strings.Join(ids(gaz["a"]), " "); got != "a/police trump" {
		t.Errorf("event a: %s", got)
	}
	if got := strings.Join(ids(gaz["b"]), " "); got != "mayor police trump" {
		t.Errorf("event b: %s", got)
	}
}
