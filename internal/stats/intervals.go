package stats

import (
	"math"
	"math/bits"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Intervals is how framing computes its 95% intervals: the
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
// When it is used: a sample of at least AnalyticMinSentences sentences,
// and a dimension with at least AnalyticMinHits hits — there the
// bootstrap distribution is close to normal on the log scale, and the two
// intervals' ends agree within the bootstrap's own Monte Carlo error
// (TestAnalyticIntervalsMatchTheBootstrap; its coverage of a known rate
// matches the bootstrap's in TestAnalyticIntervalCoverage). Every other
// dimension gets the bootstrap, run on the sentences that count in them only
// — the others weigh in through their lengths alone (bootstrapLarge). A
// small sample (fewer than AnalyticMinSentences sentences: every outlet of
// the shipped corpus) is bootstrapped whole, exactly as before.
func Intervals(samples *Samples, dims, resamples int, level float64, seed uint64) []Interval {
	if samples.Len() < AnalyticMinSentences || resamples <= 0 {
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
		out = bootstrapLarge(samples.only(func(d int) bool { return !analytic[d] }), dims, resamples, level, seed)
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

// The thresholds of the delta-method interval and of the large-sample
// bootstrap: see Intervals.
const (
	AnalyticMinSentences = 400
	AnalyticMinHits      = 100
)

// IntervalsMethod names the method in reports (report.json's stats.method).
const IntervalsMethod = "percentile bootstrap of sentences; in a sample of 400 or more sentences, a rate of 100 or more hits gets the delta-method interval of the ratio (sentences as clusters, log scale), and the count-free sentences of a resample weigh in by a normal draw of their total length"

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

// bootstrapLarge is Bootstrap for a large sample, with one approximation
// where Bootstrap spends most of its time: of a resample's n draws, K fall
// on count-free sentences (K ~ Binomial(n, share), exactly), and the total
// length of those K draws — a sum of K independent draws from the
// count-free lengths — is drawn from its normal limit, mean K·μ and
// variance K·σ², instead of as a hundred conditional binomials over the
// distinct lengths. With K in the hundreds the normal is exact to a
// fraction of a token's share of the rate; the sentences with counts are
// drawn one by one as in Bootstrap.
func bootstrapLarge(samples *Samples, dims, resamples int, level float64, seed uint64) []Interval {
	n := samples.Len()
	zero, counted := samples.nzero, len(samples.tokens)
	var mean, m2 float64
	for v, k := range samples.zero {
		mean += float64(v) * float64(k)
		m2 += float64(v) * float64(v) * float64(k)
	}
	if zero > 0 {
		mean /= float64(zero)
		m2 /= float64(zero)
	}
	sd := math.Sqrt(math.Max(m2-mean*mean, 0))
	src := rand.NewPCG(seed, 0x6672616d696e67) // "framing"
	rng := rand.New(src)
	rates := make([][]float64, dims)
	for d := range rates {
		rates[d] = make([]float64, resamples)
	}
	sums := make([]int, dims)
	// The counted sentences as one record each (length, counts' range), and
	// their indices drawn by a bounded draw set up once: the loop below runs
	// a resample's n draws a thousand times over.
	recs := samples.countedRecords()
	var draw boundedDraw
	if counted > 0 {
		draw = newBoundedDraw(src, counted)
	}
	for r := 0; r < resamples; r++ {
		clear(sums)
		k := binomial(src, n, float64(zero)/float64(n))
		tokens := 0.0
		if k > 0 {
			tokens = math.Max(0, float64(k)*mean+math.Sqrt(float64(k))*sd*rng.NormFloat64())
		}
		for m := k; m < n && counted > 0; m++ {
			rec := recs[draw.next()]
			for _, c := range samples.counts[rec.from:rec.to] {
				sums[c.dim] += int(c.n)
			}
			tokens += float64(rec.tokens)
		}
		if tokens > 0 {
			for d := range sums {
				rates[d][r] = float64(sums[d]) * 1000 / tokens
			}
		}
	}
	out := make([]Interval, dims)
	percentiles(out, rates, level)
	return out
}

// countedRecord is a sentence with counts: its length, and its counts'
// range in Samples.counts.
type countedRecord struct{ tokens, from, to int32 }

// countedRecords returns the sentences with counts as records.
func (s *Samples) countedRecords() []countedRecord {
	out := make([]countedRecord, len(s.tokens))
	from := int32(0)
	for i, t := range s.tokens {
		out[i] = countedRecord{t, from, s.end[i]}
		from = s.end[i]
	}
	return out
}

// boundedDraw draws uniform integers in [0, n) from src: what
// rand.New(src).IntN(n) draws (math/rand/v2's Lemire reduction, as
// Rand.uint64n does it), called on the concrete PCG — Rand reaches its
// source through an interface, and the bootstraps draw tens of millions of
// indices — with the bound's constants computed once
// (TestBoundedDrawAsRand compares the streams).
type boundedDraw struct {
	src        *rand.PCG
	u, thresh  uint64
	powerOfTwo bool
}

func newBoundedDraw(src *rand.PCG, n int) boundedDraw {
	if n <= 0 {
		panic("stats: a draw below a non-positive bound")
	}
	u := uint64(n)
	return boundedDraw{src: src, u: u, thresh: -u % u, powerOfTwo: u&(u-1) == 0}
}

func (d *boundedDraw) next() int {
	if d.powerOfTwo {
		return int(d.src.Uint64() & (d.u - 1))
	}
	hi, lo := bits.Mul64(d.src.Uint64(), d.u)
	if lo < d.u {
		for lo < d.thresh {
			hi, lo = bits.Mul64(d.src.Uint64(), d.u)
		}
	}
	return int(hi)
}
