package stats

import (
	"math"
	"testing"
)

func TestCosineAndJSDByHand(t *testing.T) {
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"cosine [1 2 3].[4 5 6]", Cosine([]float64{1, 2, 3}, []float64{4, 5, 6}), 32 / (math.Sqrt(14) * math.Sqrt(77))},
		{"cosine orthogonal", Cosine([]float64{1, 0}, []float64{0, 3}), 0},
		{"cosine parallel", Cosine([]float64{1, 2}, []float64{2, 4}), 1},
		{"jsd disjoint", JSD([]float64{1, 0}, []float64{0, 1}), 1},
		{"jsd same", JSD([]float64{2, 6}, []float64{1, 3}), 0},
		// m = (.75,.25); KL(p,m) = .5log2(.5/.75)+.5log2(.5/.25); KL(q,m) = log2(1/.75)
		{"jsd half", JSD([]float64{1, 1}, []float64{5, 0}),
			0.5*(0.5*math.Log2(0.5/0.75)+0.5*math.Log2(0.5/0.25)) + 0.5*math.Log2(1/0.75)},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-12 {
			t.Errorf("%s = %.15f, want %.15f", tt.name, tt.got, tt.want)
		}
	}
	if !math.IsNaN(Cosine([]float64{0, 0}, []float64{1, 2})) || !math.IsNaN(JSD([]float64{0, 0}, []float64{1, 2})) {
		t.Error("a zero vector must give NaN (null in the JSON), not a number")
	}
}
