package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseEventInfo(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       EventInfo
		line       int    // line of the first problem; 0: none expected
		msg        string // in the first problem
	}{
		{name: "full", text: "title: \"  A  march \"\ndate: 2024-11-24\ndescription: |\n  What happened.\n",
			want: EventInfo{Title: "A march", Date: "2024-11-24", Description: "What happened."}},
		{name: "empty file", text: "", want: EventInfo{}},
		{name: "comment only", text: "# nothing yet\n", want: EventInfo{}},
		{name: "bad date", text: "title: A march\ndate: 24/11/2024\n", want: EventInfo{Title: "A march"}, line: 2, msg: `date "24/11/2024"`},
		{name: "unknown field", text: "title: A march\nwhen: yesterday\n", want: EventInfo{Title: "A march"}, line: 2, msg: `unknown field "when"`},
		{name: "not a mapping", text: "- title\n- date\n", line: 1, msg: "key: value"},
		{name: "broken YAML", text: "title: A march\ndate: [2024\n", line: 2},
		{name: "title is a list", text: "date: 2024-11-24\ntitle: [a, b]\n", line: 2, msg: "title"},
		{name: "not UTF-8", text: "title: A march\ndescription: caf\xe9\n", line: 2, msg: "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, probs := ParseEventInfo("ev/event.yaml", []byte(tc.text))
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
			if tc.line == 0 {
				if len(probs) > 0 {
					t.Errorf("unexpected problems: %v", probs)
				}
				return
			}
			if len(probs) == 0 {
				t.Fatalf("no problem reported, want one on line %d", tc.line)
			}
			p := probs[0]
			if p.Path != "ev/event.yaml" || p.Line != tc.line || !strings.Contains(p.Message, tc.msg) {
				t.Errorf("problem %v, want ev/event.yaml:%d mentioning %q", p, tc.line, tc.msg)
			}
		})
	}
	if _, probs := ParseEventInfo("big.yaml", []byte("title: "+strings.Repeat("x", maxEventFile))); len(probs) != 1 || !strings.Contains(probs[0].Message, "bytes") {
		t.Errorf("huge event.yaml: %v", probs)
	}
}

// Every event of the shipped corpus has an event.yaml with a title and a
// date no later than its articles' (an event is reported after it happens).
func TestShippedEventsAreLabelled(t *testing.T) {
	events, err := Events(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(events) < 7 {
		t.Fatalf("%d events in the shipped corpus", len(events))
	}
	labelled := 0
	for _, ev := range events {
		files, _ := filepath.Glob(filepath.Join(ev, "*.md"))
		if len(files) == 0 {
			continue // a Go package beside the articles (atomicfile, synth)
		}
		labelled++
		info, probs := LoadEventInfo(".", ev)
		if len(probs) > 0 || info.Title == "" || info.Date == "" || info.Description == "" {
			t.Errorf("%s: %+v %v", ev, info, probs)
		}
		for _, f := range files {
			a, _ := Read(f, 0)
			if a != nil && a.Published != "" && a.Published[:10] < info.Date {
				t.Errorf("%s: published %s, before the event's date %s", f, a.Published, info.Date)
			}
		}
	}
	if labelled < 7 {
		t.Errorf("%d labelled events", labelled)
	}
	if _, probs := LoadEventInfo(".", "no-such-event"); probs != nil {
		t.Errorf("a missing event.yaml is no problem: %v", probs)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "ev"), 0o755)
	os.WriteFile(filepath.Join(dir, "ev", EventFile), []byte("title: [\n"), 0o644)
	if _, probs := LoadEventInfo(dir, "ev"); len(probs) != 1 || probs[0].Path != filepath.Join(dir, "ev", EventFile) {
		t.Errorf("broken event.yaml: %v", probs)
	}
}
