// Package stats holds the comparison statistics framing reports, as pure
// functions over counts, with the exact formulas of METHODS §4. All logarithms
// are natural unless a name says otherwise; all maths that gonum has is
// gonum's.
package stats

import (
	"cmp"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// LogOdds is one term's Fightin' Words result.
type LogOdds struct {
	Delta float64 // log-odds ratio, target vs rest
	Var   float64 // its approximate variance
	Z     float64 // Delta / sqrt(Var)
	P     float64 // two-sided p-value of Z under the standard normal
}

// FightinWords is the log-odds ratio with an informative Dirichlet prior
// (Monroe, Colaresi & Quinn 2008), for one term, target i vs rest j:
//
//	δ = ln[(yi+α)/(ni+α0−yi−α)] − ln[(yj+α)/(nj+α0−yj−α)]
//	σ² ≈ 1/(yi+α) + 1/(yj+α),  z = δ/σ
//
// y are the term's counts, n the totals, α the term's prior count and α0 the
// prior's total. Natural logarithms: one public implementation uses log10,
// which scales δ by 1/ln 10 and leaves z unchanged only by accident of σ.
func FightinWords(yi, ni, yj, nj, alpha, alpha0 float64) LogOdds {
	delta := math.Log((yi+alpha)/(ni+alpha0-yi-alpha)) - math.Log((yj+alpha)/(nj+alpha0-yj-alpha))
	v := 1/(yi+alpha) + 1/(yj+alpha)
	z := delta / math.Sqrt(v)
	return LogOdds{Delta: delta, Var: v, Z: z, P: 2 * distuv.UnitNormal.Survival(math.Abs(z))}
}

// Keyness is a signed log-likelihood (G²) keyness result.
type Keyness struct {
	G2     float64 // Williams-corrected G², negative when the target uses the term less than expected
	Raw    float64 // uncorrected G², unsigned
	P      float64 // from χ²(1) on the corrected value
	Expect float64 // expected count in the target
}

// G2 is signed log-likelihood keyness for a 2×2 table: a and b the term's
// counts in target and reference, c and d the other tokens of each, N the
// total. G² = 2 Σ O ln(O/E), with 0 ln 0 = 0, divided by Williams'
// correction q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N). The
// sign is + when a exceeds its expectation.
func G2(a, b, c, d float64) Keyness {
	n := a + b + c + d
	ea := (a + b) * (a + c) / n
	eb := (a + b) * (b + d) / n
	ec := (c + d) * (a + c) / n
	ed := (c + d) * (b + d) / n
	g := 2 * (oLnOE(a, ea) + oLnOE(b, eb) + oLnOE(c, ec) + oLnOE(d, ed))
	q := 1 + (n/(a+b)+n/(c+d)-1)*(n/(a+c)+n/(b+d)-1)/(6*n)
	corrected := g / q
	k := Keyness{Raw: g, G2: corrected, Expect: ea, P: chi2Survival1(corrected)}
	if a < ea {
		k.G2 = -corrected
	}
	return k
}

// chi2Survival1 is the survival function of chi-squared with one degree of
// freedom: P(X > x) = erfc(sqrt(x/2)), exactly, since X is a squared
// standard normal. It equals distuv.ChiSquared{K: 1}.Survival (the tests
// hold them to 1e-12) at a twentieth of the cost of the incomplete gamma
// series, which matters with one G² per word per outlet per event.
func chi2Survival1(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Erfc(math.Sqrt(x / 2))
}

func oLnOE(o, e float64) float64 {
	if o == 0 {
		return 0
	}
	return o * math.Log(o/e)
}

// BenjaminiHochberg returns the q-values (BH-adjusted p-values) of p, in the
// order of p: q(i) = min over j with rank ≥ rank(i) of p(j)·m/rank(j), capped
// at 1. It controls the false discovery rate across many terms.
func BenjaminiHochberg(p []float64) []float64 {
	m := len(p)
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	// Ties in p are broken by index: the order is total, so an unstable
	// sort gives the same result as a stable one, without reflection.
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(p[a], p[b]); c != 0 {
			return c
		}
		return a - b
	})
	q := make([]float64, m)
	prev := 1.0
	for r := m - 1; r >= 0; r-- {
		i := idx[r]
		v := math.Min(prev, p[i]*float64(m)/float64(r+1))
		q[i] = math.Min(v, 1)
		prev = v
	}
	return q
}

// JSDTerms is the Jensen-Shannon divergence, in bits, of the distributions
// proportional to a and b, and each term's contribution to it:
//
//	c_k = ½ p_k log2(p_k/m_k) + ½ q_k log2(q_k/m_k),  m = ½(p+q)
//
// The contributions are non-negative and sum to the divergence (the
// word-shift view of what separates two outlets). It returns NaN and nil
// when either vector has no counts.
func JSDTerms(a, b []float64) (float64, []float64) {
	sa, sb := floats.Sum(a), floats.Sum(b)
	if sa == 0 || sb == 0 {
		return math.NaN(), nil
	}
	contrib := make([]float64, len(a))
	total := 0.0
	for k := range a {
		p, q := a[k]/sa, b[k]/sb
		m := (p + q) / 2
		var c float64
		if p > 0 {
			c += p / 2 * math.Log2(p/m)
		}
		if q > 0 {
			c += q / 2 * math.Log2(q/m)
		}
		contrib[k] = c
		total += c
	}
	return total, contrib
}

// Sample is one resampling unit of the bootstrap: a sentence's word tokens
// and its counts in the measured dimensions.
type Sample struct {
	Tokens int
	Counts []Count // sparse
}

// Count is a count in one dimension.
type Count struct {
	Dim int
	N   int
}

// Samples hold a bootstrap's resampling units compactly. Most sentences
// count nothing in any dimension and matter to a resample only through
// their length, so those are kept as a histogram of lengths; the others as
// their token count and the end of their counts in one shared array (8
// bytes a sentence plus 8 a count). A corpus of 10,000 articles has half a
// million sentences: this keeps them in a few megabytes.
type Samples struct {
	zero   map[int32]int // count-free sentences by length
	nzero  int
	tokens []int32 // sentences with counts, in the order added
	end    []int32 // counts of sentence i are counts[end[i-1]:end[i]]
	counts []count32
}

type count32 struct{ dim, n int32 }

// Add appends one sentence.
func (s *Samples) Add(tokens int, counts []Count) {
	if len(counts) == 0 {
		if s.zero == nil {
			s.zero = map[int32]int{}
		}
		s.zero[int32(tokens)]++
		s.nzero++
		return
	}
	s.tokens = append(s.tokens, int32(tokens))
	for _, c := range counts {
		s.counts = append(s.counts, count32{int32(c.Dim), int32(c.N)})
	}
	s.end = append(s.end, int32(len(s.counts)))
}

// AddAll appends every sentence of t.
func (s *Samples) AddAll(t *Samples) {
	s.AddZero(t)
	base := int32(len(s.counts))
	s.tokens = append(s.tokens, t.tokens...)
	s.counts = append(s.counts, t.counts...)
	for _, e := range t.end {
		s.end = append(s.end, base+e)
	}
}

// InsertAll inserts every sentence of t before the at-th sentence with
// counts (at == Counted() appends, as AddAll). Count-free sentences have no
// order. The bootstrap resamples sentences by position, so a corpus grown
// by one article in its middle must put that article's sentences where a
// run over the whole corpus would.
func (s *Samples) InsertAll(at int, t *Samples) {
	if at == len(s.tokens) {
		s.AddAll(t)
		return
	}
	s.AddZero(t)
	from := int32(0)
	if at > 0 {
		from = s.end[at-1]
	}
	added := int32(len(t.counts))
	s.tokens = slices.Insert(s.tokens, at, t.tokens...)
	s.counts = slices.Insert(s.counts, int(from), t.counts...)
	ends := make([]int32, len(t.end))
	for i, e := range t.end {
		ends[i] = from + e
	}
	for i := at; i < len(s.end); i++ {
		s.end[i] += added
	}
	s.end = slices.Insert(s.end, at, ends...)
}

// AddZero adds t's count-free sentences only. With AppendCounted it makes
// a subset of a larger sample without keeping a second copy of its counts:
// the pipeline keeps an outlet's counted sentences once, for the whole
// corpus, and each event's are a run of them.
func (s *Samples) AddZero(t *Samples) {
	for v, n := range t.zero {
		if s.zero == nil {
			s.zero = map[int32]int{}
		}
		s.zero[v] += n
	}
	s.nzero += t.nzero
}

// AppendCounted appends t's counted sentences from, ..., to-1 (none when
// to <= from).
func (s *Samples) AppendCounted(t *Samples, from, to int) {
	if to <= from {
		return
	}
	base := int32(len(s.counts))
	start := int32(0)
	if from > 0 {
		start = t.end[from-1]
	}
	s.tokens = append(s.tokens, t.tokens[from:to]...)
	s.counts = append(s.counts, t.counts[start:t.end[to-1]]...)
	for _, e := range t.end[from:to] {
		s.end = append(s.end, base+e-start)
	}
}

// Counted is the number of sentences with counts: the positions InsertAll
// takes.
func (s *Samples) Counted() int { return len(s.tokens) }

// Len is the number of sentences.
func (s *Samples) Len() int { return s.nzero + len(s.tokens) }

// MarshalBinary encodes s (for gob): little-endian int32s, count-free
// lengths sorted, so equal samples encode equally.
func (s *Samples) MarshalBinary() ([]byte, error) {
	lengths := make([]int32, 0, len(s.zero))
	for v := range s.zero {
		lengths = append(lengths, v)
	}
	slices.Sort(lengths)
	b := make([]byte, 0, 16+12*len(lengths)+8*len(s.tokens)+8*len(s.counts))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(lengths)))
	for _, v := range lengths {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
		b = binary.LittleEndian.AppendUint64(b, uint64(s.zero[v]))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.tokens)))
	for i := range s.tokens {
		b = binary.LittleEndian.AppendUint32(b, uint32(s.tokens[i]))
		b = binary.LittleEndian.AppendUint32(b, uint32(s.end[i]))
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s.counts)))
	for _, c := range s.counts {
		b = binary.LittleEndian.AppendUint32(b, uint32(c.dim))
		b = binary.LittleEndian.AppendUint32(b, uint32(c.n))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary encoded.
func (s *Samples) UnmarshalBinary(b []byte) error {
	*s = Samples{}
	bad := errors.New("stats: samples: truncated or malformed")
	u32 := func() (uint32, bool) {
		if len(b) < 4 {
			return 0, false
		}
		v := binary.LittleEndian.Uint32(b)
		b = b[4:]
		return v, true
	}
	n, ok := u32()
	if !ok || uint64(len(b)) < 12*uint64(n) {
		return bad
	}
	if n > 0 {
		s.zero = make(map[int32]int, n)
	}
	for range n {
		v, _ := u32()
		k := int(binary.LittleEndian.Uint64(b))
		b = b[8:]
		s.zero[int32(v)] = k
		s.nzero += k
	}
	if n, ok = u32(); !ok || uint64(len(b)) < 8*uint64(n) {
		return bad
	}
	s.tokens, s.end = make([]int32, n), make([]int32, n)
	for i := range s.tokens {
		t, _ := u32()
		e, _ := u32()
		s.tokens[i], s.end[i] = int32(t), int32(e)
	}
	if n, ok = u32(); !ok || uint64(len(b)) != 8*uint64(n) {
		return bad
	}
	s.counts = make([]count32, n)
	for i := range s.counts {
		d, _ := u32()
		k, _ := u32()
		s.counts[i] = count32{int32(d), int32(k)}
	}
	for i, e := range s.end {
		if e < 0 || int(e) > len(s.counts) || i > 0 && e < s.end[i-1] {
			return bad
		}
	}
	return nil
}

// Fingerprint writes what Bootstrap reads of s to w, in a fixed order: two
// Samples with the same fingerprint give the same intervals.
func (s *Samples) Fingerprint(w io.Writer) {
	lengths := make([]int32, 0, len(s.zero))
	for v := range s.zero {
		lengths = append(lengths, v)
	}
	slices.Sort(lengths)
	var buf [8]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(buf[:], v)
		w.Write(buf[:])
	}
	put(uint64(len(lengths)))
	for _, v := range lengths {
		put(uint64(v))
		put(uint64(s.zero[v]))
	}
	put(uint64(len(s.tokens)))
	binary.Write(w, binary.LittleEndian, s.tokens)
	binary.Write(w, binary.LittleEndian, s.end)
	for _, c := range s.counts {
		put(uint64(c.dim)<<32 | uint64(uint32(c.n)))
	}
}

// counted returns the tokens and counts of the i-th sentence with counts.
func (s *Samples) counted(i int) (int32, []count32) {
	from := int32(0)
	if i > 0 {
		from = s.end[i-1]
	}
	return s.tokens[i], s.counts[from:s.end[i]]
}

// setRates records resample r: each dimension's count per 1,000 tokens
// (left 0 when the resample has no tokens).
func setRates(rates [][]float64, r int, sums []int, tokens int) {
	if tokens == 0 {
		return
	}
	for d := range sums {
		rates[d][r] = float64(sums[d]) * 1000 / float64(tokens)
	}
}

// Interval is a two-sided confidence interval.
type Interval struct{ Lo, Hi float64 }

// Bootstrap returns percentile intervals at level (0.95 for 95%) of the rates
// per 1,000 tokens of dims dimensions, resampling samples with replacement
// (Efron's non-parametric bootstrap; a sentence is the unit, so words that
// come together stay together). seed fixes the random stream: the same
// samples, in the same order, give the same intervals on any machine.
//
// Most sentences count nothing in any dimension; they matter to a resample
// only through how many are drawn and how long they are. So a resample is
// drawn in two steps with exactly the distribution of n uniform draws: how
// many draws fall on count-free sentences, K ~ Binomial(n, share), split
// over their lengths by conditional binomials (a multinomial over a hundred
// or so distinct lengths); then the other n−K draws one by one among the
// sentences with counts. With a few hundred thousand sentences this is
// several times faster than n draws, and the intervals are the same up to
// Monte Carlo noise.
func Bootstrap(samples *Samples, dims, resamples int, level float64, seed uint64) []Interval {
	out := make([]Interval, dims)
	n := samples.Len()
	if n == 0 || resamples <= 0 {
		for d := range out {
			out[d] = Interval{math.NaN(), math.NaN()}
		}
		return out
	}
	// Count-free sentences by length, ascending: a fixed order.
	values := make([]int32, 0, len(samples.zero))
	for v := range samples.zero {
		values = append(values, v)
	}
	slices.Sort(values)
	freq := make([]int, len(values))
	for j, v := range values {
		freq[j] = samples.zero[v]
	}
	zero, counted := samples.nzero, len(samples.tokens)

	// The binomials pay only when count-free sentences far outnumber their
	// distinct lengths (each binomial costs some ten uniform draws); a
	// small outlet is resampled draw by draw, from its count-free lengths
	// laid out flat.
	var flat []int32
	if zero < 40*len(values) {
		flat = make([]int32, 0, zero)
		for j, v := range values {
			for k := 0; k < freq[j]; k++ {
				flat = append(flat, v)
			}
		}
	}

	src := rand.NewPCG(seed, 0x6672616d696e67) // "framing"
	rates := make([][]float64, dims)
	for d := range rates {
		rates[d] = make([]float64, resamples)
	}
	sums := make([]int, dims)
	recs := samples.countedRecords()
	add := func(i int) int { // the i-th counted sentence: its counts into sums, its length
		rec := recs[i]
		for _, c := range samples.counts[rec.from:rec.to] {
			sums[c.dim] += int(c.n)
		}
		return int(rec.tokens)
	}
	var drawAll, drawCounted boundedDraw
	if flat != nil {
		drawAll = newBoundedDraw(src, n)
	} else if counted > 0 {
		drawCounted = newBoundedDraw(src, counted)
	}
	for r := 0; r < resamples; r++ {
		tokens := 0
		clear(sums)
		if flat != nil {
			for m := 0; m < n; m++ {
				i := drawAll.next()
				if i < zero {
					tokens += int(flat[i])
					continue
				}
				tokens += add(i - zero)
			}
			setRates(rates, r, sums, tokens)
			continue
		}
		k := binomial(src, n, float64(zero)/float64(n))
		left, pool := k, zero
		for j, v := range values {
			if left == 0 {
				break
			}
			x := left
			if j < len(values)-1 {
				x = binomial(src, left, float64(freq[j])/float64(pool))
			}
			tokens += int(v) * x
			left -= x
			pool -= freq[j]
		}
		for m := k; m < n; m++ {
			tokens += add(drawCounted.next())
		}
		setRates(rates, r, sums, tokens)
	}
	percentiles(out, rates, level)
	return out
}

// percentiles sets out[d] to the percentile interval at level of the
// resampled rates[d] (reordering them): gonum's empirical quantiles
// (stat.Quantile, stat.Empirical) of the sorted rates, which are two order
// statistics, so they are selected rather than sorted for (the
// sorts were 2% of a run's CPU). TestPercentilesAsGonum compares the two.
func percentiles(out []Interval, rates [][]float64, level float64) {
	alpha := (1 - level) / 2
	for d, x := range rates {
		if len(x) == 0 || floats.HasNaN(x) {
			// gonum's rules for these (a panic, NaN), from the sorted rates.
			sort.Float64s(x)
			out[d] = Interval{Lo: stat.Quantile(alpha, stat.Empirical, x, nil), Hi: stat.Quantile(1-alpha, stat.Empirical, x, nil)}
			continue
		}
		lo, hi := empiricalIndex(alpha, len(x)), empiricalIndex(1-alpha, len(x))
		selectNth(x, hi)
		selectNth(x[:hi], lo) // x[:hi] holds the hi smallest; lo <= hi
		out[d] = Interval{Lo: x[lo], Hi: x[hi]}
	}
}

// empiricalIndex is the index, in n sorted values, of gonum's empirical
// p-quantile: the first i with i+1 >= p·n.
func empiricalIndex(p float64, n int) int {
	i := int(math.Ceil(p*float64(n))) - 1
	return min(max(i, 0), n-1)
}

// selectNth reorders x (no NaN) so that x[k] is the value sorting would put
// there, no value before it is greater and none after it smaller: a
// quickselect with three-way partitions, as resampled rates hold many ties.
func selectNth(x []float64, k int) {
	if k >= len(x) {
		return
	}
	lo, hi := 0, len(x) // the k-th value lies in x[lo:hi]
	for hi-lo > 1 {
		// Median of three as the pivot.
		a, b, c := x[lo], x[lo+(hi-lo)/2], x[hi-1]
		pivot := max(min(a, b), min(max(a, b), c))
		// x[lo:lt] < pivot, x[lt:i] == pivot, x[gt:hi] > pivot.
		lt, i, gt := lo, lo, hi
		for i < gt {
			switch v := x[i]; {
			case v < pivot:
				x[lt], x[i] = v, x[lt]
				lt++
				i++
			case v > pivot:
				gt--
				x[gt], x[i] = v, x[gt]
			default:
				i++
			}
		}
		switch {
		case k < lt:
			hi = lt
		case k >= gt:
			lo = gt
		default:
			return
		}
	}
}

// binomial draws from Binomial(n, p) (gonum's sampler, on src).
func binomial(src rand.Source, n int, p float64) int {
	switch {
	case n == 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	}
	return int(distuv.Binomial{N: float64(n), P: p, Src: src}.Rand())
}

// Overlap reports whether two intervals share any value.
func Overlap(a, b Interval) bool { return a.Lo <= b.Hi && b.Lo <= a.Hi }

// PCAResult is a principal components map of some rows (outlets).
type PCAResult struct {
	Coords    [][2]float64 // each row's position on the first two components
	Explained []float64    // share of variance each component explains, largest first
	Loadings  [][2]float64 // each column's weight on the first two components
}

// PCA projects the rows of data (observations × variables) onto their first
// two principal components (gonum's stat.PC: centred, not scaled). A
// component's sign is arbitrary, so it is fixed: the variable with the
// largest absolute loading loads positively, and the same data always give
// the same map. ok is false when PCA is not possible (fewer than 2 rows or
// no variance).
func PCA(data [][]float64) (PCAResult, bool) {
	rows := len(data)
	if rows < 2 || len(data[0]) == 0 {
		return PCAResult{}, false
	}
	cols := len(data[0])
	a := mat.NewDense(rows, cols, nil)
	for i, r := range data {
		a.SetRow(i, r)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		return PCAResult{}, false
	}
	vars := pc.VarsTo(nil)
	total := floats.Sum(vars)
	if total == 0 {
		return PCAResult{}, false
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	_, k := vecs.Dims()
	res := PCAResult{Coords: make([][2]float64, rows), Loadings: make([][2]float64, cols)}
	for _, v := range vars {
		res.Explained = append(res.Explained, v/total)
	}
	means := make([]float64, cols)
	for j := range means {
		means[j] = stat.Mean(mat.Col(nil, j, a), nil)
	}
	for c := 0; c < 2 && c < k; c++ {
		col := mat.Col(nil, c, &vecs)
		big := 0
		for j := range col {
			if math.Abs(col[j]) > math.Abs(col[big])+1e-12 {
				big = j
			}
		}
		if col[big] < 0 {
			floats.Scale(-1, col)
		}
		for j := range col {
			res.Loadings[j][c] = col[j]
		}
		for i := 0; i < rows; i++ {
			s := 0.0
			for j := 0; j < cols; j++ {
				s += (a.At(i, j) - means[j]) * col[j]
			}
			res.Coords[i][c] = s
		}
	}
	return res, true
}

// AUC is the area under the ROC curve of scores against binary labels: the
// probability that a random positive scores above a random negative, ties
// counting a half (the Mann-Whitney U statistic over n₊·n₋). NaN without
// both classes.
func AUC(scores []float64, positive []bool) float64 {
	var pos, neg []float64
	for i, s := range scores {
		if positive[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN()
	}
	sort.Float64s(neg)
	u := 0.0
	for _, p := range pos {
		below := sort.SearchFloat64s(neg, p) // negatives < p
		upto := sort.Search(len(neg), func(i int) bool { return neg[i] > p })
		u += float64(below) + 0.5*float64(upto-below)
	}
	return u / float64(len(pos)*len(neg))
}

// PoissonInterval is the exact (Garwood 1936) interval of a Poisson mean at
// confidence level, given k observed events: the chi-square quantiles
// χ²(α/2; 2k)/2 and χ²(1−α/2; 2k+2)/2, with the lower bound 0 at k = 0. A
// rate's bootstrap over sentences cannot see variation a sample never
// showed: zero hits resample to zero, a point; this interval keeps a small
// count's uncertainty (0 events: [0, 3.69] at 95%).
func PoissonInterval(k int, level float64) Interval {
	alpha := 1 - level
	var lo float64
	if k > 0 {
		lo = distuv.ChiSquared{K: float64(2 * k)}.Quantile(alpha/2) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*k + 2)}.Quantile(1-alpha/2) / 2
	return Interval{Lo: lo, Hi: hi}
}

// RateInterval is the interval of a rate per 1,000 tokens: the hull of a
// bootstrap interval and the exact Poisson interval of its count k over
// tokens. The bootstrap carries the clustering of hits in sentences (wider
// than Poisson when one sentence holds several); the exact interval carries
// what resampling cannot show for zero and small counts. A NaN bootstrap
// interval (none computed) stays NaN.
func RateInterval(boot Interval, k, tokens int, level float64) Interval {
	if math.IsNaN(boot.Lo) || math.IsNaN(boot.Hi) || tokens <= 0 {
		return boot
	}
	p := PoissonInterval(k, level)
	scale := 1000 / float64(tokens)
	return Interval{Lo: math.Min(boot.Lo, p.Lo*scale), Hi: math.Max(boot.Hi, p.Hi*scale)}
}
