package render

import (
	"testing"

	"github.com/framing/framing/reports"
)

// The event's one line says "no clear difference" unless the intervals
// separate the top outlet from others, and names only those they separate.
func TestEventReading(t *testing.T) {
	outlet := func(name string, own float64) reports.Outlet {
		return reports.Outlet{Outlet: name, AuthorialPer1k: reports.Float(own)}
	}
	diff := func(hi, lo string) reports.ClearDifference {
		return reports.ClearDifference{Measure: "authorial_per_1k", Higher: hi, Lower: lo}
	}
	tests := []struct {
		name    string
		outlets []reports.Outlet
		clear   []reports.ClearDifference
		want    string
	}{
		{"overlapping", []reports.Outlet{outlet("A", 5.46), outlet("B", 5.41)}, nil,
			"No clear difference in the outlets' own voice: their 95% intervals overlap."},
		{"zero vs small", []reports.Outlet{outlet("A", 0.5), outlet("B", 0)}, nil,
			"No clear difference in the outlets' own voice: their 95% intervals overlap."},
		{"separated from all", []reports.Outlet{outlet("A", 20), outlet("B", 2), outlet("C", 1)}, []reports.ClearDifference{diff("A", "B"), diff("A", "C")},
			"A writes the most loaded words in its own voice, clearly more than B and C."},
		{"separated from some", []reports.Outlet{outlet("A", 20), outlet("B", 15), outlet("C", 1)}, []reports.ClearDifference{diff("A", "C")},
			"A writes more loaded words in its own voice than C; no clear difference from B."},
		{"a difference lower down is not the top's", []reports.Outlet{outlet("A", 20), outlet("B", 15), outlet("C", 1)}, []reports.ClearDifference{diff("B", "C")},
			"No outlet clearly writes the most loaded words in its own voice (A's interval overlaps the others'); B writes more than C."},
		{"nothing loaded", []reports.Outlet{outlet("A", 0), outlet("B", 0)}, nil, "No outlet writes a loaded word in its own voice."},
		{"one outlet", []reports.Outlet{outlet("A", 3)}, nil, "Only A covers this event: nothing to compare."},
	}
	for _, tt := range tests {
		e := reports.EventReport{Event: "ev", Outlets: tt.outlets, Comparison: reports.Comparison{ClearDifferences: tt.clear}}
		if got := eventReading(&reports.Report{}, e); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A keyness chart sets two outlets' wording apart: no dates, numbers or
// news filler.
func TestKeynessWords(t *testing.T) {
	for _, tt := range []struct {
		form string
		want bool
	}{{"November", false}, {"Tuesday", false}, {"2024", false}, {"20th", false}, {"including", false},
		{"massacre", true}, {"imperialist", true}, {"protesters", true}} {
		if got := keynessWord(reports.Distinctive{Form: tt.form, Term: tt.form}); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.form, got, tt.want)
		}
	}
}
