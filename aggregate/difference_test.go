package aggregate

import (
	"testing"

	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/reports"
)

// outletWith is an outlet of tokens words with k loaded words in its own
// voice, its interval made as the report makes it: the bootstrap's (here a
// point, as resampling sentences gives for a count it never varies) widened
// by the exact Poisson interval of k.
func outletWith(name string, k, tokens int, boot stats.Interval) reports.Outlet {
	rate := 1000 * float64(k) / float64(tokens)
	ci := stats.RateInterval(boot, k, tokens, 0.95)
	return reports.Outlet{Outlet: name, Tokens: tokens, AuthorialPer1k: reports.Float(rate),
		AuthorialPer1kCI: [2]reports.Float{reports.Float(ci.Lo), reports.Float(ci.Hi)}}
}

// A difference is clear only when the intervals separate: zero against one
// hit is no difference, zero against many is; two close rates are none.
func TestClearDifferenceNeedsSeparateIntervals(t *testing.T) {
	point := func(k, tokens int) stats.Interval {
		r := 1000 * float64(k) / float64(tokens)
		return stats.Interval{Lo: r, Hi: r}
	}
	tests := []struct {
		name  string
		a, b  reports.Outlet
		clear bool
	}{
		{"zero vs one hit", outletWith("A", 1, 2000, point(1, 2000)), outletWith("B", 0, 2000, point(0, 2000)), false},
		{"zero vs twelve hits", outletWith("A", 12, 2000, stats.Interval{Lo: 3.5, Hi: 8.5}), outletWith("B", 0, 2000, point(0, 2000)), true},
		{"5.46 vs 5.41", outletWith("A", 11, 2015, stats.Interval{Lo: 2.5, Hi: 8.9}), outletWith("B", 11, 2033, stats.Interval{Lo: 2.4, Hi: 8.8}), false},
		{"separated", outletWith("A", 40, 2000, stats.Interval{Lo: 14, Hi: 26}), outletWith("B", 5, 2000, stats.Interval{Lo: 0.5, Hi: 5}), true},
	}
	for _, tt := range tests {
		got := clearDifferences(tt.a, tt.b, nil)
		if (len(got) > 0) != tt.clear {
			t.Errorf("%s: intervals %v and %v: differences %+v, want clear %v", tt.name, tt.a.AuthorialPer1kCI, tt.b.AuthorialPer1kCI, got, tt.clear)
		}
		if tt.clear && (got[0].Higher != "A" || got[0].Measure != "authorial_per_1k") {
			t.Errorf("%s: %+v, want A higher", tt.name, got[0])
		}
	}
}
