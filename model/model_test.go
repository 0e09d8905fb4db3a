package model

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Fit recovers the weights of data drawn from a known logistic model, and
// the same data give the same weights, bit for bit.
func TestFitRecoversKnownWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	truth := []float64{2, -1, 0}
	const bias = -0.5
	var rows []Row
	var y []bool
	for range 20000 {
		x := []float64{rng.Float64(), rng.Float64(), rng.Float64()}
		z := bias
		for j, w := range truth {
			z += w * x[j]
		}
		rows = append(rows, SparseRow(x))
		y = append(y, rng.Float64() < Logistic(z))
	}
	names := []string{"a", "b", "c"}
	lin, err := Fit(rows, y, names, FitOptions{L2: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	weight := func(l Linear, name string) float64 {
		if i := slices.Index(l.Features, name); i >= 0 {
			return l.Weights[i]
		}
		return 0 // a zero weight is left out
	}
	for j, w := range truth {
		if got := weight(lin, names[j]); math.Abs(got-w) > 0.15 {
			t.Errorf("weight %s = %.3f, want about %.1f", names[j], got, w)
		}
	}
	if math.Abs(lin.Bias-bias) > 0.15 {
		t.Errorf("bias %.3f, want about %.1f", lin.Bias, bias)
	}
	again, _ := Fit(rows, y, names, FitOptions{L2: 0.01})
	if !slices.Equal(again.Weights, lin.Weights) || again.Bias != lin.Bias {
		t.Error("the same data gave different weights")
	}
	// A weight held non-negative stays at zero where the data pull it down.
	held, err := Fit(rows, y, names, FitOptions{L2: 0.01, NonNegative: []bool{false, true, false}})
	if err != nil {
		t.Fatal(err)
	}
	if w := weight(held, "b"); w != 0 || slices.Contains(held.Features, "b") {
		t.Errorf("non-negative weight b = %v, want 0 (left out)", w)
	}
}

// Explain keeps the n largest contributions, largest in size first, as
// sorting them all would.
func TestExplainIsTheTopContributions(t *testing.T) {
	c := &Compiled{Weights: []float64{0.5, -2, 1, 0, 3, -0.1}, Names: []string{"a", "b", "c", "d", "e", "f"}}
	x := []float64{1, 1, 1, 1, 0.5, 1}
	got := c.Explain(x, 3)
	want := []Contribution{{"b", -2}, {"e", 1.5}, {"c", 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Explain = %v, want %v", got, want)
	}
	if c.Explain(x, 0) != nil {
		t.Error("Explain(x, 0) should be empty")
	}
	if got := c.Explain(x, 10); len(got) != 5 {
		t.Errorf("Explain(x, 10) = %v: want the five non-zero contributions", got)
	}
}

// The shipped model reads, and writes back to the same bytes.
func TestShippedModelRoundTrips(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var w, v bytes.Buffer
	if err := Write(&w, m); err != nil {
		t.Fatal(err)
	}
	if err := WriteVocab(&v, m.Vocab); err != nil {
		t.Fatal(err)
	}
	weights, vocab := DefaultBytes()
	if !bytes.Equal(w.Bytes(), weights) || !bytes.Equal(v.Bytes(), vocab) {
		t.Error("the shipped model does not write back to its own bytes")
	}
	if m.Get("citation") == "" || !strings.Contains(m.Get("licence"), "Apache-2.0") {
		t.Errorf("the weights lack MBIC's citation or licence: %q %q", m.Get("citation"), m.Get("licence"))
	}
	if len(m.Word.Features) < 20 || m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("%d word features, threshold %v", len(m.Word.Features), m.Threshold)
	}
}

// A damaged weights file is an error that names its line.
func TestReadErrorsNameTheLine(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{"word-bias\tnot-a-number\n", "model line 1:"},
		{"meta\tname\tloaded\nword\tx\n", "model line 2:"},
	} {
		if _, err := Read(strings.NewReader(tt.data)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%q) = %v, want an error with %q", tt.data, err, tt.want)
		}
	}
}
