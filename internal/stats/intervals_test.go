package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// synthetic draws an outlet's sentences: lengths of 5 to 44 tokens, hits in
// each dimension Poisson with a per-sentence rate from a gamma (sentences
// differ in how loaded they are: overdispersion, as in news text). It
// returns the samples and each dimension's true rate per 1,000 tokens.
func synthetic(n int, rates []float64, seed uint64) (*Samples, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	src := rand.NewPCG(seed, 2)
	s := &Samples{}
	var cs []Count
	for range n {
		t := 5 + rng.IntN(40)
		cs = cs[:0]
		for d, r := range rates {
			lambda := distuv.Gamma{Alpha: 0.5, Beta: 0.5 / (r / 1000 * float64(t)), Src: src}.Rand()
			if k := int(distuv.Poisson{Lambda: lambda, Src: src}.Rand()); k > 0 {
				cs = append(cs, Count{Dim: d, N: k})
			}
		}
		s.Add(t, cs)
	}
	return s, rates
}

// On a large sample, the delta-method intervals of the common dimensions
// end where the exact bootstrap's do, within its Monte Carlo error (a tenth
// of the interval's width), and the rare dimensions are still bootstrapped.
func TestAnalyticIntervalsMatchTheBootstrap(t *testing.T) {
	s, rates := synthetic(1500, []float64{80, 40, 12, 3, 0.3, 0}, 5)
	if s.Len() < AnalyticMinSentences {
		t.Fatalf("%d sentences", s.Len())
	}
	dims := len(rates)
	got := Intervals(s, dims, 2000, 0.95, 9)
	want := Bootstrap(s, dims, 2000, 0.95, 9)
	y := make([]int, dims)
	for i := range s.tokens {
		_, cs := s.counted(i)
		for _, c := range cs {
			y[c.dim] += int(c.n)
		}
	}
	analytic := 0
	for d := range rates {
		width := want[d].Hi - want[d].Lo
		tol := 0.1 * width
		if y[d] < AnalyticMinHits {
			tol = 0.25 * width // two bootstraps of different draws
		} else {
			analytic++
		}
		if math.Abs(got[d].Lo-want[d].Lo) > tol+1e-9 || math.Abs(got[d].Hi-want[d].Hi) > tol+1e-9 {
			t.Errorf("dim %d (%d hits): %.3f–%.3f, bootstrap %.3f–%.3f", d, y[d], got[d].Lo, got[d].Hi, want[d].Lo, want[d].Hi)
		}
	}
	if analytic < 4 {
		t.Errorf("only %d dimensions took the delta method", analytic)
	}
	// A small sample is bootstrapped whole: the same intervals, exactly.
	small, _ := synthetic(AnalyticMinSentences-1, rates, 6)
	a, b := Intervals(small, dims, 300, 0.95, 3), Bootstrap(small, dims, 300, 0.95, 3)
	for d := range a {
		if a[d] != b[d] && !(math.IsNaN(a[d].Lo) && math.IsNaN(b[d].Lo)) {
			t.Errorf("small sample, dim %d: %v, bootstrap %v", d, a[d], b[d])
		}
	}
}

// Over repeated samples from a known population, the delta-method interval
// covers the true rate as often as the bootstrap's does (both near 95%).
func TestAnalyticIntervalCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("150 samples, each bootstrapped")
	}
	const reps = 150
	rates := []float64{30, 8}
	var covA, covB [2]int
	for rep := range reps {
		s, _ := synthetic(1200, rates, uint64(100+rep))
		a := Intervals(s, 2, 300, 0.95, uint64(rep))
		b := Bootstrap(s, 2, 300, 0.95, uint64(rep))
		for d, r := range rates {
			if a[d].Lo <= r && r <= a[d].Hi {
				covA[d]++
			}
			if b[d].Lo <= r && r <= b[d].Hi {
				covB[d]++
			}
		}
	}
	for d := range rates {
		ca, cb := float64(covA[d])/reps, float64(covB[d])/reps
		t.Logf("rate %v per 1k: delta method covers %.3f, bootstrap %.3f", rates[d], ca, cb)
		if ca < 0.88 || math.Abs(ca-cb) > 0.05 {
			t.Errorf("rate %v: coverage %.3f (bootstrap %.3f)", rates[d], ca, cb)
		}
	}
}

func BenchmarkIntervals(b *testing.B) {
	s, rates := synthetic(20000, []float64{40, 12, 4, 2, 1, 0.3, 0.1, 0}, 5)
	for _, m := range []struct {
		name string
		fn   func(*Samples, int, int, float64, uint64) []Interval
	}{{"bootstrap", Bootstrap}, {"intervals", Intervals}} {
		b.Run(m.name, func(b *testing.B) {
			for range b.N {
				m.fn(s, len(rates), 1000, 0.95, 1)
			}
		})
	}
}

// The large-sample bootstrap (the count-free sentences' total length drawn
// from its normal limit) gives the exact bootstrap's intervals within Monte
// Carlo error, for rates of a few dozen hits as for common ones.
func TestLargeBootstrapMatchesTheExactOne(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		s, rates := synthetic(1500, []float64{6, 2, 0.8}, seed)
		got := bootstrapLarge(s, len(rates), 4000, 0.95, seed)
		want := Bootstrap(s, len(rates), 4000, 0.95, seed)
		for d := range rates {
			width := want[d].Hi - want[d].Lo
			if math.Abs(got[d].Lo-want[d].Lo) > 0.1*width || math.Abs(got[d].Hi-want[d].Hi) > 0.1*width {
				t.Errorf("seed %d, dim %d: %.3f–%.3f, exact %.3f–%.3f", seed, d, got[d].Lo, got[d].Hi, want[d].Lo, want[d].Hi)
			}
		}
	}
}
