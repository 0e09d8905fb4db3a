package lexicons

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the generated built-in lexicons from testdata/research")

// research holds copies of the research lexicons the built-in bsd, vader,
// valence and recasens lexicons are generated from, with their licences.
const research = "testdata/research"

func convertAll(t *testing.T) map[string]*Conversion {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(research, p))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	bsd, err := ConvertBSD(read("bsd/lexicon.json"))
	if err != nil {
		t.Fatal(err)
	}
	vader, err := ConvertVADER(read("vader/vader_lexicon.txt"))
	if err != nil {
		t.Fatal(err)
	}
	valence, err := ConvertVADERValence(read("vader/vader_lexicon.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lists := RecasensFiles()
	for i := range lists {
		lists[i].Data = read(filepath.Join("recasens", string(lists[i].Data)))
	}
	rec, err := ConvertRecasens(lists)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Conversion{"bsd": bsd, "vader": vader, "recasens": rec, "valence": valence}
}

// The built-in research lexicons are exactly what the converters make of the
// sources: regenerate with `go test ./lexicons -run Generated -update`.
func TestResearchLexiconsAreGenerated(t *testing.T) {
	for name, conv := range convertAll(t) {
		path := filepath.Join("builtin", name+".yaml")
		if *update {
			if err := os.WriteFile(path, conv.YAML, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, ok := Builtin(name)
		if !ok || !bytes.Equal(got, conv.YAML) {
			t.Errorf("%s is not what the converter makes of %s: run go test ./lexicons -run Generated -update", path, research)
		}
	}
}

// Each converted lexicon loads, keeps its licence, and keeps every source
// term except the documented exclusions.
func TestResearchLexiconsKeepTheirEntries(t *testing.T) {
	convs := convertAll(t)
	tests := []struct {
		name     string
		source   int            // term/category pairs or lines in the source
		excluded map[string]int // by reason
	}{
		{"bsd", 13998, map[string]int{"regex-like characters": 2, "listed twice in one category (case-folded)": 1}},
		{"vader", 7520, map[string]int{"not a word (emoticon or symbols)": 255, "numeric chat slang (no letter)": 7,
			"listed twice in one category (case-folded)": 10}},
		{"recasens", 1060, map[string]int{}},
	}
	for _, tt := range tests {
		conv := convs[tt.name]
		if conv.Source != tt.source {
			t.Errorf("%s: %d source terms, want %d", tt.name, conv.Source, tt.source)
		}
		got := conv.ExcludedCount()
		if len(got) != len(tt.excluded) {
			t.Errorf("%s: exclusions %v, want %v", tt.name, got, tt.excluded)
		}
		for reason, n := range tt.excluded {
			if got[reason] != n {
				t.Errorf("%s: excluded for %q: %d, want %d", tt.name, reason, got[reason], n)
			}
		}
		lex, probs := Loader{Tok: testTok}.LoadOne(tt.name)
		if lex == nil {
			t.Fatalf("%s does not load: %v", tt.name, probs[:min(len(probs), 5)])
		}
		if lex.Licence != "MIT" || lex.Citation == "" || lex.Source == "" {
			t.Errorf("%s: licence %q citation %q source %q", tt.name, lex.Licence, lex.Citation, lex.Source)
		}
		assigned := 0
		for _, e := range lex.Entries {
			assigned += len(e.Categories)
		}
		if kept := tt.source - len(conv.Excluded); assigned != kept {
			t.Errorf("%s: %d term/category assignments, want %d (source %d minus %d excluded)", tt.name, assigned, kept, tt.source, len(conv.Excluded))
		}
		if len(lex.Entries) != conv.Entries {
			t.Errorf("%s: %d entries loaded, %d written", tt.name, len(lex.Entries), conv.Entries)
		}
	}
}

func TestVADERWeightsAndPolarity(t *testing.T) {
	lex, probs := Loader{Tok: testTok}.LoadOne("vader")
	if lex == nil {
		t.Fatal(probs)
	}
	find := func(term string) *Entry {
		for _, e := range lex.Entries {
			if e.Term == term {
				return e
			}
		}
		t.Fatalf("vader has no %q", term)
		return nil
	}
	// vader_lexicon.txt: "horrible	-2.5 ...", "love	3.2 ..."
	if e := find("horrible"); e.Weight != 0.625 || e.Polarity != Negative || e.Categories[0].Local != "negative" {
		t.Errorf("horrible: weight %v polarity %q", e.Weight, e.Polarity)
	}
	if e := find("love"); e.Weight != 0.8 || e.Polarity != Positive {
		t.Errorf("love: weight %v polarity %q", e.Weight, e.Polarity)
	}
}

// The valence lexicon holds exactly the VADER words past the threshold, and
// weighs them by how far past it they go: both directions, on words of the
// source.
func TestValenceLexiconIsTheStronglyValencedWords(t *testing.T) {
	conv := convertAll(t)["valence"]
	lex, probs := Parse("valence.yaml", conv.YAML, testTok)
	if lex == nil {
		t.Fatal(probs)
	}
	weights := map[string]float64{}
	for _, e := range lex.Entries {
		weights[e.Term] = e.Weight
	}
	// VADER: killed -3.5 (sd 0.67), hatred -3.2, dangerous -2.1 (sd 0.3):
	// past 2 by more than the standard error; bloody -1.9, lies -1.8,
	// destroyed -2.2 (sd 0.87: not by more than the error) are not.
	for term, want := range map[string]float64{"killed": 0.75, "hatred": 0.6, "dangerous": 0.05} {
		if got, ok := weights[term]; !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: weight %v (present %v), want %v", term, got, ok, want)
		}
	}
	for _, term := range []string{"bloody", "lies", "destroyed", "protest"} {
		if _, ok := weights[term]; ok {
			t.Errorf("%s is in the valence lexicon; its rating is not strongly valenced", term)
		}
	}
	if n := len(lex.Entries); n < 1000 || n > 1400 {
		t.Errorf("%d valence entries; the threshold should keep about 1,260 of VADER's 7,500", n)
	}
}
