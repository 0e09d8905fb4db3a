package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Intervals is how framing computes its 95% intervals (issue 16): the
// percentile bootstrap of sentences (Bootstrap) wherever it must be, and,
// for a category that is not rare in a large sample, the delta-method
// interval of a ratio estimator with sentences as clusters, which costs one
// pass over the sentences instead of a thousand resamples of them.
//
// A rate is R = Y/X, Y a dimension's hits and X the tokens, both sums over
// sentences. The bootstrap resamples n sentences with replacement; to first
// order its R* varies as (Y* − R·X*)/X, whose variance over multinomial
// resamples is exactly Σᵢ zᵢ² / X² with zᵢ = yᵢ − R·xᵢ (the zᵢ sum to 0).
// The interval is taken on the log scale, R·exp(±z·SE/R), which keeps it
// positive and follows the right skew of a rate's bootstrap distribution.
//
// When it is used: a sample of at least AnalyticMinCounted sentences with
// counts, and a dimension with at least AnalyticMinHits hits — there the
// bootstrap distribution is close to normal on the log scale, and the two
// intervals' ends agree within the bootstrap's own Monte Carlo error
// (TestAnalyticIntervalsMatchTheBootstrap; its coverage of a known rate
// matches the bootstrap's in TestAnalyticIntervalCoverage). Every other
// dimension gets the bootstrap, run on the sentences that count in them only
// — the others weigh in through their lengths alone, which is what makes the
// bootstrap cheap (see Bootstrap). A small sample (the seed event, any
// outlet of a few dozen articles) is bootstrapped whole, exactly as before.
func Intervals(samples *Samples, dims, resamples int, level float64, seed uint64) []Interval {
	if samples.Counted() < AnalyticMinCounted || resamples <= 0 {
		return Bootstrap(samples, dims, resamples, level, seed)
	}
	y := make([]float64, dims)  // Σ y
	yy := make([]float64, dims) // Σ y²
	yx := make([]float64, dims) // Σ y·x
	var x, xx float64           // Σ x, Σ x² over every sentence
	for v, n := range samples.zero {
		x += float64(v) * float64(n)
		xx += float64(v) * float64(v) * float64(n)
	}
	for i := range samples.tokens {
		t, cs := samples.counted(i)
		tf := float64(t)
		x += tf
		xx += tf * tf
		for _, c := range cs {
			v := float64(c.n)
			y[c.dim] += v
			yy[c.dim] += v * v
			yx[c.dim] += v * tf
		}
	}
	analytic := make([]bool, dims)
	anyBootstrap := false
	for d := range analytic {
		analytic[d] = y[d] >= AnalyticMinHits && x > 0
		anyBootstrap = anyBootstrap || !analytic[d]
	}
	out := make([]Interval, dims)
	if anyBootstrap {
		out = Bootstrap(samples.only(func(d int) bool { return !analytic[d] }), dims, resamples, level, seed)
	}
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	for d, ok := range analytic {
		if !ok {
			continue
		}
		r := y[d] / x
		ss := yy[d] - 2*r*yx[d] + r*r*xx // Σ (y − r·x)²
		se := math.Sqrt(math.Max(ss, 0)) / x
		f := math.Exp(z * se / r)
		out[d] = Interval{Lo: 1000 * r / f, Hi: 1000 * r * f}
	}
	return out
}

// The thresholds of the delta-method interval: see Intervals.
const (
	AnalyticMinCounted = 2000
	AnalyticMinHits    = 100
)

// IntervalsMethod names the method in reports (report.json's stats.method).
const IntervalsMethod = "percentile bootstrap of sentences; in a sample of 2,000 or more sentences with counts, a rate of 100 or more hits gets the delta-method interval of the ratio (sentences as clusters, log scale)"

// only is s with the counts of the dimensions keep rejects dropped: a
// sentence left with none counts by its length only.
func (s *Samples) only(keep func(dim int) bool) *Samples {
	out := &Samples{}
	out.AddZero(s)
	var cs []Count
	for i := range s.tokens {
		t, counts := s.counted(i)
		cs = cs[:0]
		for _, c := range counts {
			if keep(int(c.dim)) {
				cs = append(cs, Count{Dim: int(c.dim), N: int(c.n)})
			}
		}
		out.Add(int(t), cs)
	}
	return out
}
