package pipeline

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/framing/framing/corpus"
	"github.com/framing/framing/internal/tokenize"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/reports"
)

// voiceCase is what one labelled row came out as.
type voiceCase struct {
	row              goldRow
	voice, speaker   string // as analysed; voice "excluded" when no hit counted
	voiceOK, spkOK   bool
	speakerChecked   bool
	excludedReported bool // for "excluded" rows: the article lists the span as excluded
}

// analyseGold runs every row of a gold file through an analyzer that scores
// with one exact probe entry per labelled term, so the file tests the voice
// stage alone, whatever the default lexicons hold.
func analyseGold(t *testing.T, rows []goldRow) []voiceCase {
	t.Helper()
	tok := tokenize.New()
	a, err := NewAnalyzer(Setup{Tok: tok, Lexicons: []*lexicons.Lexicon{probeLexicon(t, tok, rows)}, Cues: defaultCues(t, tok)})
	if err != nil {
		t.Fatal(err)
	}
	var out []voiceCase
	for _, r := range rows {
		res := a.Analyze(&corpus.Article{ID: "gold", Outlet: "gold", Event: "gold", Body: r.text}, "")
		c := voiceCase{row: r, speakerChecked: r.speaker != "-"}
		var hit *reports.Hit
		seen := 0
		for i := range res.Hits {
			if strings.EqualFold(res.Hits[i].Text, r.term) {
				if seen++; seen == r.nth {
					hit = &res.Hits[i]
					break
				}
			}
		}
		if hit == nil {
			c.voice = "excluded"
			at := strings.Index(strings.ToLower(r.text), strings.ToLower(r.term))
			for _, x := range res.Article.Excluded {
				if x.Start <= at && at < x.End {
					c.excludedReported = true
				}
			}
		} else {
			c.voice, c.speaker = hit.Voice, hit.Speaker
		}
		c.voiceOK = c.voice == r.voice && (r.voice != "excluded" || c.excludedReported)
		c.spkOK = !c.speakerChecked || c.voice == "excluded" || strings.EqualFold(c.speaker, r.speaker)
		out = append(out, c)
	}
	return out
}

// The rules, each with labelled cases in both directions
// (testdata/voice-rules.tsv): every case must come out as labelled. The
// per-rule agreement is logged (go test -run VoiceRules -v) for the README.
func TestVoiceRules(t *testing.T) {
	rows := readGold(t, "testdata/voice-rules.tsv")
	if len(rows) < 60 {
		t.Fatalf("voice-rules.tsv has %d rows; the issue asks for at least 60", len(rows))
	}
	type tally struct{ n, voice, speaker, speakerN int }
	perRule := map[string]*tally{}
	for _, c := range analyseGold(t, rows) {
		x := perRule[c.row.rule]
		if x == nil {
			x = &tally{}
			perRule[c.row.rule] = x
		}
		x.n++
		if c.voiceOK {
			x.voice++
		}
		if c.speakerChecked {
			x.speakerN++
			if c.spkOK {
				x.speaker++
			}
		}
		if !c.voiceOK || !c.spkOK {
			t.Errorf("voice-rules.tsv:%d (%s) %q: got %s speaker %q; labelled %s speaker %q\n\t%s",
				c.row.line, c.row.rule, c.row.term, c.voice, c.speaker, c.row.voice, c.row.speaker, c.row.text)
		}
	}
	var rules []string
	for r := range perRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	var all tally
	for _, r := range rules {
		x := perRule[r]
		t.Logf("%s: voice %d/%d, speaker %d/%d", r, x.voice, x.n, x.speaker, x.speakerN)
		all.n, all.voice, all.speaker, all.speakerN = all.n+x.n, all.voice+x.voice, all.speaker+x.speaker, all.speakerN+x.speakerN
	}
	t.Logf("all: voice %d/%d (%s), speaker %d/%d", all.voice, all.n, pct(all.voice, all.n), all.speaker, all.speakerN)
	for _, want := range []string{"r1", "r2", "r3", "r4", "r5", "r6", "r7"} {
		if perRule[want] == nil || perRule[want].n < 8 {
			t.Errorf("rule %s has fewer than 8 labelled cases", want)
		}
	}
}

func pct(a, b int) string { return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(max(b, 1))) }

// Page chrome is recognised by where a chrome phrase stands and how it is
// written, not by the phrase alone: both directions.
func TestChromeLines(t *testing.T) {
	tok := tokenize.New()
	a, err := NewAnalyzer(Setup{Tok: tok, Cues: defaultCues(t, tok)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		line   string
		chrome bool
	}{
		{"JUST WATCHED Obama: Colorado shooting 'an evil act' Replay More Videos ... MUST WATCH Obama: Colorado shooting 'an evil act' 01:33", true},
		{"MUST WATCH Roots of a rampage 03:58", true},
		{"READ MORE: Police accused of brutal tactics at border", true},
		{"Read:Biden calls George Floyd’s death a ‘wake-up call’ as he rips Trump over vow to deploy troops", true},
		{"Photos: Colorado massacre: Mourning the victims", true},
		{"Photo", true},
		{"Hide Caption 36 of 52", true},
		{"Advertisement", true},
		{"Watch the brutal footage, the senator said, and then tell me nothing happened.", false},
		{"Residents watched in horror as troops opened fire.", false},
		{"Photographs of the crackdown spread online.", false},
		{"Related protests broke out in four cities.", false},
		{"More videos emerged on Sunday showing the brutal beating of a protester.", false},
		{"Read the full statement below.", false},
	} {
		if got := a.voice.Chrome(tt.line); got != tt.chrome {
			t.Errorf("Chrome(%q) = %v, want %v", tt.line, got, tt.chrome)
		}
	}
}
