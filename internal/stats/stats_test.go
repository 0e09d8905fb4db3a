package stats

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"gonum.org/v1/gonum/stat/distuv"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// The formulas against testdata/expected.csv, computed from METHODS §4 by
// testdata/expected.py, independently of this code; to 1e-9.
func TestAgainstSpreadsheet(t *testing.T) {
	f, err := os.Open("testdata/expected.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("bad number %q", s)
		}
		return v
	}
	checked := 0
	for _, r := range rows[1:] {
		a, b, c, d := num(r[1]), num(r[2]), num(r[3]), num(r[4])
		switch r[0] {
		case "fw":
			got := FightinWords(a, b, c, d, num(r[5]), num(r[6]))
			for _, x := range []struct {
				name      string
				got, want float64
			}{{"delta", got.Delta, num(r[7])}, {"var", got.Var, num(r[8])}, {"z", got.Z, num(r[9])}, {"p", got.P, num(r[10])}} {
				if !near(x.got, x.want, 1e-9) {
					t.Errorf("FightinWords%v %s = %.15g, want %.15g", r[1:7], x.name, x.got, x.want)
				}
			}
		case "g2":
			got := G2(a, b, c, d)
			for _, x := range []struct {
				name      string
				got, want float64
			}{{"raw", got.Raw, num(r[11])}, {"corrected", got.G2, num(r[12])}, {"p", got.P, num(r[13])}} {
				if !near(x.got, x.want, 1e-9) {
					t.Errorf("G2%v %s = %.15g, want %.15g", r[1:5], x.name, x.got, x.want)
				}
			}
		}
		checked++
	}
	if checked < 6 {
		t.Errorf("only %d rows checked", checked)
	}
}

// The natural log is used: with log10 δ would be ln 10 times smaller.
func TestFightinWordsUsesNaturalLog(t *testing.T) {
	got := FightinWords(10, 1000, 5, 2000, 15, 3000)
	// (yi+α)/(ni+α0-yi-α) = 25/3975, (yj+α)/(nj+α0-yj-α) = 20/4980.
	log10 := math.Log10(25.0/3975.0) - math.Log10(20.0/4980.0)
	if !near(got.Delta, log10*math.Ln10, 1e-12) || near(got.Delta, log10, 1e-3) {
		t.Errorf("delta %v: not the natural-log value (log10 value is %v)", got.Delta, log10)
	}
}

// A hand-worked 2x2: term 10 of 1000 tokens in the target, 5 of 2000 in the
// reference. E(a) = 15*1000/3000 = 5, so the sign is +.
func TestG2ByHand(t *testing.T) {
	a, b, c, d := 10.0, 5.0, 990.0, 1995.0
	ea, eb, ec, ed := 5.0, 10.0, 995.0, 1990.0
	raw := 2 * (a*math.Log(a/ea) + b*math.Log(b/eb) + c*math.Log(c/ec) + d*math.Log(d/ed))
	n := 3000.0
	q := 1 + (n/15+n/2985-1)*(n/1000+n/2000-1)/(6*n)
	k := G2(a, b, c, d)
	if !near(k.Raw, raw, 1e-9) || !near(k.G2, raw/q, 1e-9) || k.Expect != ea {
		t.Errorf("G2 = %+v, want raw %v corrected %v", k, raw, raw/q)
	}
	if G2(0, 20, 500, 480).G2 >= 0 {
		t.Error("a term the target under-uses must have a negative G2")
	}
}

func TestBenjaminiHochberg(t *testing.T) {
	tests := []struct{ p, want []float64 }{
		// Sorted: .005*5/1=.025, .01*5/2=.025, .03*5/3=.05, .04*5/4=.05, .5*5/5=.5; running min from the top.
		{[]float64{0.01, 0.04, 0.03, 0.005, 0.5}, []float64{0.025, 0.05, 0.05, 0.025, 0.5}},
		// R: p.adjust(c(.01,.02,.03,.04,.05), "BH") is 0.05 throughout.
		{[]float64{0.01, 0.02, 0.03, 0.04, 0.05}, []float64{0.05, 0.05, 0.05, 0.05, 0.05}},
		{[]float64{0.9, 0.8}, []float64{0.9, 0.9}},
	}
	for _, tt := range tests {
		got := BenjaminiHochberg(tt.p)
		for i := range got {
			if !near(got[i], tt.want[i], 1e-12) {
				t.Errorf("BH(%v) = %v, want %v", tt.p, got, tt.want)
				break
			}
		}
	}
}

func TestJSDTermsSumToJSD(t *testing.T) {
	a := []float64{8, 3, 0, 11, 1}
	b := []float64{2, 0, 9, 4, 1}
	jsd, contrib := JSDTerms(a, b)
	sum := 0.0
	for _, c := range contrib {
		if c < 0 {
			t.Errorf("negative contribution %v", c)
		}
		sum += c
	}
	if !near(sum, jsd, 1e-12) || jsd <= 0 || jsd > 1 {
		t.Errorf("contributions sum to %v, JSD %v", sum, jsd)
	}
	if j, _ := JSDTerms([]float64{1, 0}, []float64{0, 1}); !near(j, 1, 1e-12) {
		t.Errorf("disjoint distributions: JSD %v, want 1 bit", j)
	}
	if j, c := JSDTerms([]float64{0, 0}, b); !math.IsNaN(j) || c != nil {
		t.Error("no counts must give NaN")
	}
}

func TestBootstrapIsDeterministicAndContainsTheEstimate(t *testing.T) {
	samples := &Samples{}
	hits, tokens := 0, 0
	for i := 0; i < 300; i++ {
		s := Sample{Tokens: 10 + i%17}
		if i%4 == 0 {
			s.Counts = []Count{{Dim: 0, N: 1 + i%3}}
			hits += 1 + i%3
		}
		if i%9 == 0 {
			s.Counts = append(s.Counts, Count{Dim: 1, N: 1})
		}
		tokens += s.Tokens
		samples.Add(s.Tokens, s.Counts)
	}
	a := Bootstrap(samples, 2, 1000, 0.95, 42)
	b := Bootstrap(samples, 2, 1000, 0.95, 42)
	if a[0] != b[0] || a[1] != b[1] {
		t.Fatalf("two runs differ: %v %v", a, b)
	}
	est := float64(hits) * 1000 / float64(tokens)
	if !(a[0].Lo < est && est < a[0].Hi) {
		t.Errorf("interval %v does not contain the estimate %v", a[0], est)
	}
	if c := Bootstrap(samples, 2, 1000, 0.95, 43); c[0] == a[0] {
		t.Error("another seed should give (slightly) another interval")
	}
	if !Overlap(Interval{1, 3}, Interval{2, 4}) || Overlap(Interval{1, 2}, Interval{3, 4}) {
		t.Error("Overlap")
	}
}

// Three outlets that differ along one category only: the first component
// explains all the variance and orders them along that category.
func TestPCARecoversTheObviousAxis(t *testing.T) {
	data := [][]float64{
		{10, 5, 5}, // A
		{0, 5, 5},  // B
		{20, 5, 5}, // C
	}
	res, ok := PCA(data)
	if !ok {
		t.Fatal("PCA failed")
	}
	if !near(res.Explained[0], 1, 1e-9) {
		t.Errorf("PC1 explains %v, want 1", res.Explained[0])
	}
	if !(res.Coords[1][0] < res.Coords[0][0] && res.Coords[0][0] < res.Coords[2][0]) {
		t.Errorf("coords %v: want B < A < C on PC1", res.Coords)
	}
	if !near(res.Coords[2][0]-res.Coords[1][0], 20, 1e-9) || !near(res.Loadings[0][0], 1, 1e-9) {
		t.Errorf("coords %v loadings %v", res.Coords, res.Loadings)
	}
	again, _ := PCA(data)
	if again.Coords[0] != res.Coords[0] {
		t.Error("PCA is not deterministic")
	}
}

func TestAUCByHand(t *testing.T) {
	// Positives .8 1 .6 0 .7, negatives 0 .5 0 0 0: four positives beat
	// all five negatives (20), the 0 ties four and loses one (2): 22/25.
	scores := []float64{0.8, 1.0, 0, 0.6, 0, 0.5, 0.7, 0, 0, 0}
	labels := []bool{true, true, false, true, true, false, true, false, false, false}
	if got := AUC(scores, labels); !near(got, 0.88, 1e-12) {
		t.Errorf("AUC = %v, want 0.88", got)
	}
	if got := AUC([]float64{1, 2}, []bool{false, true}); got != 1 {
		t.Errorf("perfect AUC = %v", got)
	}
	if got := AUC([]float64{1, 1}, []bool{false, true}); got != 0.5 {
		t.Errorf("tied AUC = %v", got)
	}
	if !math.IsNaN(AUC([]float64{1}, []bool{true})) {
		t.Error("one class must give NaN")
	}
}

// The closed form for one degree of freedom agrees with gonum's chi-squared
// distribution over the range G² takes.
func TestChi2Survival1MatchesGonum(t *testing.T) {
	for _, x := range []float64{0, 1e-9, 0.001, 0.5, 1, 3.841458820694124, 10, 50, 200, 700} {
		want := distuv.ChiSquared{K: 1}.Survival(x)
		if got := chi2Survival1(x); math.Abs(got-want) > 1e-12*math.Max(1, want) && math.Abs(got-want) > 1e-300 {
			t.Errorf("chi2Survival1(%g) = %.17g, gonum %.17g", x, got, want)
		}
	}
	if p := chi2Survival1(3.841458820694124); math.Abs(p-0.05) > 1e-12 {
		t.Errorf("the 5%% critical value gives p = %.15f", p)
	}
}

func sortedLengths(s *Samples) []int32 {
	var vs []int32
	for v := range s.zero {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}

// naiveBootstrap is the textbook bootstrap: n uniform draws per resample.
func naiveBootstrap(s *Samples, dims, resamples int, seed uint64) []Interval {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := s.Len()
	var zeroes []int32 // the count-free sentences' lengths, one per sentence
	for _, v := range sortedLengths(s) {
		for k := 0; k < s.zero[v]; k++ {
			zeroes = append(zeroes, v)
		}
	}
	rates := make([][]float64, dims)
	sums := make([]int, dims)
	for r := 0; r < resamples; r++ {
		tokens := 0
		clear(sums)
		for k := 0; k < n; k++ {
			i := rng.IntN(n)
			if i < s.nzero {
				tokens += int(zeroes[i])
				continue
			}
			t, cs := s.counted(i - s.nzero)
			tokens += int(t)
			for _, c := range cs {
				sums[c.dim] += int(c.n)
			}
		}
		for d := range sums {
			rates[d] = append(rates[d], float64(sums[d])*1000/float64(tokens))
		}
	}
	out := make([]Interval, dims)
	for d := range rates {
		sort.Float64s(rates[d])
		out[d] = Interval{stat.Quantile(0.025, stat.Empirical, rates[d], nil), stat.Quantile(0.975, stat.Empirical, rates[d], nil)}
	}
	return out
}

// The two-step resampling (count-free sentences by binomials) has the
// distribution of n uniform draws: its intervals agree with the textbook
// bootstrap's up to Monte Carlo noise, on sparse and on dense data, and it
// handles samples with no count-free sentence, or nothing else.
func TestBootstrapMatchesTheTextbookBootstrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	build := func(n int, pCount float64) *Samples {
		s := &Samples{}
		for i := 0; i < n; i++ {
			var counts []Count
			if rng.Float64() < pCount {
				counts = append(counts, Count{Dim: 0, N: 1 + rng.IntN(3)})
				if rng.Float64() < 0.3 {
					counts = append(counts, Count{Dim: 1, N: 1})
				}
			}
			s.Add(5+rng.IntN(40), counts)
		}
		return s
	}
	for _, tt := range []struct {
		name   string
		s      *Samples
		relTol float64
	}{
		{"sparse", build(3000, 0.15), 0.06},
		{"dense", build(1500, 0.8), 0.04},
		{"every sentence counts", build(800, 1), 0.05},
	} {
		got := Bootstrap(tt.s, 2, 4000, 0.95, 3)
		want := naiveBootstrap(tt.s, 2, 4000, 11)
		for d := range got {
			for _, pair := range [][2]float64{{got[d].Lo, want[d].Lo}, {got[d].Hi, want[d].Hi}} {
				if math.Abs(pair[0]-pair[1]) > tt.relTol*pair[1] {
					t.Errorf("%s, dim %d: interval %v, textbook bootstrap %v", tt.name, d, got[d], want[d])
				}
			}
		}
	}
	empty := &Samples{}
	for i := 0; i < 50; i++ {
		empty.Add(10, nil)
	}
	if ci := Bootstrap(empty, 1, 100, 0.95, 1); ci[0].Lo != 0 || ci[0].Hi != 0 {
		t.Errorf("no counts anywhere: %v, want [0, 0]", ci[0])
	}
}

// Inserting an article's sentences where they belong gives the samples a
// run in that order adds, and so the same fingerprint and intervals; and
// samples survive MarshalBinary.
func TestSamplesInsertAllIsAddInOrder(t *testing.T) {
	article := func(seed int) *Samples {
		s := &Samples{}
		for i := range 3 + seed%3 {
			var cs []Count
			if (i+seed)%2 == 0 {
				cs = []Count{{Dim: seed % 2, N: 1 + i}, {Dim: 2, N: seed}}
			}
			s.Add(10+i+seed, cs)
		}
		return s
	}
	for _, at := range []int{0, 1, 2, 3, 4} {
		var want, got Samples
		for i := range 4 {
			if i == at {
				want.AddAll(article(99))
			}
			want.AddAll(article(i))
		}
		if at == 4 {
			want.AddAll(article(99))
		}
		pos := 0
		for i := range 4 {
			if i == at {
				pos = got.Counted()
			}
			got.AddAll(article(i))
		}
		if at >= 4 {
			pos = got.Counted()
		}
		got.InsertAll(pos, article(99))
		if fingerprint(&got) != fingerprint(&want) {
			t.Errorf("inserting before article %d: samples differ from adding in order", at)
		}
		if a, b := Bootstrap(&got, 3, 200, 0.95, 7), Bootstrap(&want, 3, 200, 0.95, 7); !reflect.DeepEqual(a, b) {
			t.Errorf("inserting before article %d: intervals %v, want %v", at, a, b)
		}
		data, _ := got.MarshalBinary()
		var back Samples
		if err := back.UnmarshalBinary(data); err != nil || fingerprint(&back) != fingerprint(&got) {
			t.Errorf("MarshalBinary round trip: %v", err)
		}
		if err := back.UnmarshalBinary(data[:len(data)-3]); err == nil {
			t.Error("truncated samples decoded without an error")
		}
	}
}

// A subset made from the whole — the count-free sentences of the subset's
// articles, then runs of the whole's counted ones — is the subset added
// directly: one event's samples cut out of an outlet's.
func TestSamplesSubsetIsAddingTheSubset(t *testing.T) {
	article := func(seed int) *Samples {
		s := &Samples{}
		for i := range 2 + seed%4 {
			var cs []Count
			if (i+seed)%3 != 0 {
				cs = []Count{{Dim: seed % 3, N: 1 + i}}
				if seed%2 == 0 {
					cs = append(cs, Count{Dim: 3, N: seed})
				}
			}
			s.Add(8+i+seed, cs)
		}
		return s
	}
	in := func(i int) bool { return i%3 == 1 } // the subset's articles
	var whole, want, got Samples
	type run struct{ from, to int }
	var runs []run
	for i := range 12 {
		a := article(i)
		from := whole.Counted()
		whole.AddAll(a)
		if in(i) {
			want.AddAll(a)
			got.AddZero(a)
			runs = append(runs, run{from, whole.Counted()})
		}
	}
	got.AppendCounted(&whole, 0, 0) // an article with no counted sentence: nothing
	for _, r := range runs {
		got.AppendCounted(&whole, r.from, r.to)
	}
	if fingerprint(&got) != fingerprint(&want) || got.Len() != want.Len() {
		t.Fatalf("subset from the whole differs from adding the subset:\n got %q\nwant %q", fingerprint(&got), fingerprint(&want))
	}
	if a, b := Bootstrap(&got, 4, 200, 0.95, 3), Bootstrap(&want, 4, 200, 0.95, 3); !reflect.DeepEqual(a, b) {
		t.Errorf("intervals %v, want %v", a, b)
	}
}

// fingerprint is Samples.Fingerprint as a string, to compare samples.
func fingerprint(s *Samples) string {
	var b strings.Builder
	s.Fingerprint(&b)
	return b.String()
}

// boundedDraw draws rand's IntN stream, on the concrete PCG (Rand reaches
// its source through an interface, and the bootstraps draw tens of
// millions of indices). 6148914691236517206 is about 2⁶⁴/3: a third of its
// draws are rejected.
func TestBoundedDrawAsRand(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 8, 100, 1000, 1 << 20, 1<<20 + 1, 1<<40 - 3, 6148914691236517206, math.MaxInt64} {
		a, b := rand.NewPCG(5, uint64(n)), rand.NewPCG(5, uint64(n))
		rng, draw := rand.New(a), newBoundedDraw(b, n)
		for i := range 20_000 {
			if got, want := draw.next(), rng.IntN(n); got != want {
				t.Fatalf("draw %d, bound %d: %d, IntN %d", i, n, got, want)
			}
		}
	}
}

// percentiles selects the order statistics gonum's empirical quantiles
// read off the sorted values: the same values, for any length, with ties,
// zeros of both signs and NaN.
func TestPercentilesAsGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 4, 5, 10, 39, 40, 41, 199, 1000, 1001, 4000} {
		for trial := range 20 {
			x := make([]float64, n)
			for i := range x {
				switch trial % 4 {
				case 0:
					x[i] = rng.NormFloat64()
				case 1: // many ties, as rates of rare terms
					x[i] = float64(rng.IntN(3)) * 1000 / 37
				case 2:
					x[i] = 0
				default:
					x[i] = float64(rng.IntN(n + 1))
				}
			}
			if trial == 19 && n > 2 {
				x[n/2] = math.NaN()
			}
			for _, level := range []float64{0.95, 0.9, 0.5, 0.99} {
				want := slices.Clone(x)
				sort.Float64s(want)
				alpha := (1 - level) / 2
				lo, hi := stat.Quantile(alpha, stat.Empirical, want, nil), stat.Quantile(1-alpha, stat.Empirical, want, nil)
				got := []Interval{{}}
				percentiles(got, [][]float64{slices.Clone(x)}, level)
				same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
				if !same(got[0].Lo, lo) || !same(got[0].Hi, hi) {
					t.Fatalf("n=%d trial %d level %g: [%g, %g], gonum [%g, %g] %v", n, trial, level, got[0].Lo, got[0].Hi, lo, hi, x)
				}
			}
		}
	}
}

// The exact Poisson interval against published values (Garwood 1936;
// e.g. the tables of Ulm 1990): 0, 1 and 10 events at 95%.
func TestPoissonInterval(t *testing.T) {
	for _, tt := range []struct {
		k      int
		lo, hi float64
	}{{0, 0, 3.6889}, {1, 0.0253, 5.5716}, {10, 4.7954, 18.3904}} {
		got := PoissonInterval(tt.k, 0.95)
		if math.Abs(got.Lo-tt.lo) > 1e-4 || math.Abs(got.Hi-tt.hi) > 1e-4 {
			t.Errorf("k=%d: [%.4f, %.4f], want [%.4f, %.4f]", tt.k, got.Lo, got.Hi, tt.lo, tt.hi)
		}
	}
	// A rate's interval: a bootstrap point at zero widens to the exact
	// bound; a wide bootstrap interval stays.
	if got := RateInterval(Interval{0, 0}, 0, 2000, 0.95); got.Lo != 0 || math.Abs(got.Hi-1.84445) > 1e-4 {
		t.Errorf("0 hits in 2,000 words: %v, want [0, 1.844]", got)
	}
	if got := RateInterval(Interval{1, 30}, 10, 1000, 0.95); got.Lo != 1 || got.Hi != 30 {
		t.Errorf("a wide bootstrap interval: %v, want it kept", got)
	}
	if got := RateInterval(Interval{math.NaN(), math.NaN()}, 3, 1000, 0.95); !math.IsNaN(got.Lo) {
		t.Errorf("no bootstrap: %v, want NaN", got)
	}
}
