package aggregate

import (
	"cmp"
	"context"
	"errors"
	"hash/fnv"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gonum.org/v1/gonum/floats"

	"github.com/framing/framing/cache"
	"github.com/framing/framing/internal/stats"
	"github.com/framing/framing/lexicons"
	"github.com/framing/framing/pipeline"
	"github.com/framing/framing/reports"
)

// StatsOptions sets the comparison statistics.
type StatsOptions struct {
	// Resamples of the bootstrap; 0 means 1,000, negative turns it off.
	Resamples int
	// Level of the intervals; 0 means 0.95.
	Level float64
	// Seed of the bootstrap; 0 means 1. Each outlet's stream is derived from
	// it and the outlet's name, so intervals never depend on worker count
	// or on which other outlets are in the corpus.
	Seed uint64
	// Prior for Fightin' Words; nil means the pooled counts of the scope
	// compared (Monroe et al.'s informative prior, as ConvoKit does).
	Prior *Prior
}

// Prior is a background corpus's counts, the informative Dirichlet prior of
// the Fightin' Words log-odds.
type Prior struct {
	Name   string         // shown in the report: the background corpus
	Stems  map[string]int // word stems, stop words excluded
	Cats   []int          // hits per category (Analyzer.Categories order)
	Tokens int            // word tokens
}

// DistinctiveTop is how many stems each outlet lists as most distinctive.
const DistinctiveTop = 20

// JSDTopTerms is how many terms each pair lists as most divergent.
const JSDTopTerms = 20

func (so StatsOptions) withDefaults() StatsOptions {
	if so.Resamples == 0 {
		so.Resamples = 1000
	}
	if so.Level == 0 {
		so.Level = 0.95
	}
	if so.Seed == 0 {
		so.Seed = 1
	}
	return so
}

func (so StatsOptions) methodName() string {
	if so.Resamples < 0 {
		return ""
	}
	return stats.IntervalsMethod
}

func (so StatsOptions) priorName() string {
	if so.Prior != nil {
		return so.Prior.Name
	}
	return "pooled"
}

// intervals fills an outlet row's bootstrap intervals.
func (g *Aggregator) intervals(event string, row *reports.Outlet, s *outletSum) {
	row.CI = map[string][2]reports.Float{}
	row.AuthorialCI = map[string][2]reports.Float{}
	if g.stats.Resamples < 0 {
		row.AuthorialPer1kCI = [2]reports.Float{reports.NaN(), reports.NaN()}
		row.LoadedPer1kCI = row.AuthorialPer1kCI
		return
	}
	dims := g.sampleDims()
	samples := &s.samples
	if event != "" {
		samples = g.eventSamples(event, row.Outlet)
	}
	// The seed follows the outlet and its data, not the section: the same
	// outlet with the same articles gets the same interval in its event's
	// table and in the corpus's.
	h := fnv.New64a()
	h.Write([]byte(row.Outlet + "\x00"))
	samples.Fingerprint(h)
	seed := g.stats.Seed ^ h.Sum64()
	var ci []stats.Interval
	var key string
	if g.cache != nil {
		key = cache.IntervalsKey(samples, dims, g.stats.Resamples, g.stats.Level, seed)
		ci = g.cache.GetIntervals(key, dims)
	}
	if ci == nil {
		ci = stats.Intervals(samples, dims, g.stats.Resamples, g.stats.Level, seed)
		if g.cache != nil {
			g.cache.PutIntervals(key, ci)
		}
	}
	// Each interval also holds the exact Poisson interval of its count
	// (stats.RateInterval): zero and small counts are uncertain too.
	rate := func(boot stats.Interval, k int) [2]reports.Float {
		x := stats.RateInterval(boot, k, row.Tokens, g.stats.Level)
		return [2]reports.Float{reports.Float(x.Lo), reports.Float(x.Hi)}
	}
	ncats := len(g.a.Categories())
	for i, c := range g.a.Categories() {
		st := row.Categories[c.ID]
		row.CI[c.ID] = rate(ci[i], st.Hits)
		row.AuthorialCI[c.ID] = rate(ci[ncats+1+i], st.Voice.Authorial)
	}
	row.AuthorialPer1kCI = rate(ci[ncats], row.Loaded.Authorial)
	row.LoadedPer1kCI = rate(ci[dims-1], row.Loaded.Total())
}

// compare fills the pairwise comparison of a scope's outlets.
func (g *Aggregator) compare(rows []reports.Outlet, sums []*outletSum) reports.Comparison {
	c := compareOutlets(rows, g.a.Categories())
	c.JSDTerms = []reports.PairTerms{}
	c.ClearDifferences = []reports.ClearDifference{}
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			c.JSDTerms = append(c.JSDTerms, pairTerms(rows[i].Outlet, rows[j].Outlet, sums[i].terms, sums[j].terms))
			c.ClearDifferences = append(c.ClearDifferences, clearDifferences(rows[i], rows[j], g.a.Categories())...)
		}
	}
	return c
}

// compareOutlets fills the pairwise matrices: cosine of per-1k category
// vectors and JSD of category distributions, all voices and authorial only.
func compareOutlets(outlets []reports.Outlet, cats []*lexicons.Category) reports.Comparison {
	c := reports.Comparison{Outlets: make([]string, len(outlets))}
	n := len(outlets)
	rates, counts := make([][]float64, n), make([][]float64, n)
	arates, acounts := make([][]float64, n), make([][]float64, n)
	for i, o := range outlets {
		c.Outlets[i] = o.Outlet
		rates[i], counts[i] = make([]float64, len(cats)), make([]float64, len(cats))
		arates[i], acounts[i] = make([]float64, len(cats)), make([]float64, len(cats))
		for k, cat := range cats {
			st := o.Categories[cat.ID]
			rates[i][k], counts[i][k] = float64(st.Per1k), float64(st.Hits)
			arates[i][k], acounts[i][k] = float64(st.VoicePer1k.Authorial), float64(st.Voice.Authorial)
		}
	}
	c.Cosine = matrix(n, func(i, j int) float64 { return stats.Cosine(rates[i], rates[j]) })
	c.JSD = matrix(n, func(i, j int) float64 { return stats.JSD(counts[i], counts[j]) })
	c.CosineAuthorial = matrix(n, func(i, j int) float64 { return stats.Cosine(arates[i], arates[j]) })
	c.JSDAuthorial = matrix(n, func(i, j int) float64 { return stats.JSD(acounts[i], acounts[j]) })
	return c
}

func matrix(n int, f func(i, j int) float64) [][]reports.Float {
	m := make([][]reports.Float, n)
	for i := range m {
		m[i] = make([]reports.Float, n)
		for j := range m[i] {
			m[i][j] = reports.Float(f(i, j))
		}
	}
	return m
}

// pairTerms explains two outlets' lexical divergence: the JSD of their
// distributions over lexicon terms, all voices and authorial only, and the
// terms contributing most.
func pairTerms(a, b string, ta, tb map[string]*pipeline.VoiceCounts) reports.PairTerms {
	vocab := map[string]bool{}
	for t := range ta {
		vocab[t] = true
	}
	for t := range tb {
		vocab[t] = true
	}
	terms := sortedKeys(vocab)
	pt := reports.PairTerms{A: a, B: b}
	for _, authorial := range []bool{false, true} {
		va, vb := make([]float64, len(terms)), make([]float64, len(terms))
		for k, t := range terms {
			va[k], vb[k] = termCount(ta[t], authorial), termCount(tb[t], authorial)
		}
		jsd, contrib := stats.JSDTerms(va, vb)
		shifts, other := topShifts(terms, contrib, va, vb, jsd)
		if authorial {
			pt.JSDAuthorial, pt.TermsAuthorial, pt.OtherAuthorial = reports.Float(jsd), shifts, other
		} else {
			pt.JSD, pt.Terms, pt.Other = reports.Float(jsd), shifts, other
		}
	}
	return pt
}

func termCount(vc *pipeline.VoiceCounts, authorial bool) float64 {
	if vc == nil {
		return 0
	}
	if authorial {
		return float64(vc[pipeline.VoiceAuthorial])
	}
	return float64(vc.Total())
}

// topShifts keeps the JSDTopTerms largest contributions; other is the rest,
// so that the listed contributions plus other sum to the JSD.
func topShifts(terms []string, contrib, va, vb []float64, jsd float64) ([]reports.TermShift, reports.Float) {
	if contrib == nil {
		return []reports.TermShift{}, reports.NaN()
	}
	idx := make([]int, len(terms))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return contrib[idx[i]] > contrib[idx[j]] })
	sa, sb := floats.Sum(va), floats.Sum(vb)
	out := []reports.TermShift{}
	listed := 0.0
	for _, k := range idx {
		if len(out) == JSDTopTerms || contrib[k] == 0 {
			break
		}
		out = append(out, reports.TermShift{Term: terms[k], Contribution: reports.Float(contrib[k]),
			A: reports.Float(va[k] / sa), B: reports.Float(vb[k] / sb)})
		listed += contrib[k]
	}
	return out, reports.Float(math.Max(jsd-listed, 0))
}

// clearDifferences lists the rates on which two outlets' intervals do not
// overlap: the authorial loaded rate, each category's rate over all voices,
// and each category's rate in the outlets' own voice (voice "authorial").
func clearDifferences(a, b reports.Outlet, cats []*lexicons.Category) []reports.ClearDifference {
	var out []reports.ClearDifference
	voice := ""
	add := func(measure string, va, vb reports.Float, ca, cb [2]reports.Float) {
		ia, ib := stats.Interval{Lo: float64(ca[0]), Hi: float64(ca[1])}, stats.Interval{Lo: float64(cb[0]), Hi: float64(cb[1])}
		if math.IsNaN(ia.Lo) || math.IsNaN(ib.Lo) || stats.Overlap(ia, ib) {
			return
		}
		if va > vb {
			out = append(out, reports.ClearDifference{Measure: measure, Higher: a.Outlet, Lower: b.Outlet, Voice: voice})
		} else {
			out = append(out, reports.ClearDifference{Measure: measure, Higher: b.Outlet, Lower: a.Outlet, Voice: voice})
		}
	}
	add("authorial_per_1k", a.AuthorialPer1k, b.AuthorialPer1k, a.AuthorialPer1kCI, b.AuthorialPer1kCI)
	for _, c := range cats {
		add(c.ID, a.Categories[c.ID].Per1k, b.Categories[c.ID].Per1k, a.CI[c.ID], b.CI[c.ID])
	}
	voice = "authorial"
	for _, c := range cats {
		add(c.ID, a.Categories[c.ID].VoicePer1k.Authorial, b.Categories[c.ID].VoicePer1k.Authorial, a.AuthorialCI[c.ID], b.AuthorialCI[c.ID])
	}
	return out
}

// distinctive ranks, for each outlet of a scope against the others pooled,
// word stems (stop words excluded) and categories by the Fightin' Words
// z-score, with signed G², p-values and Benjamini-Hochberg q-values (each
// outlet's stems, and its categories, are one family). It lists each
// outlet's DistinctiveTop most over-used stems and all its categories.
func (g *Aggregator) distinctive(names []string, sums []*outletSum) []reports.Distinctive {
	out := []reports.Distinctive{}
	if len(names) < 2 {
		return out
	}
	// Stems.
	pooled := map[string]int{}
	total := 0
	for _, s := range sums {
		for st, n := range s.stems {
			pooled[st] += n
			total += n
		}
	}
	vocab := make([]string, 0, len(pooled))
	for st := range pooled {
		vocab = append(vocab, st)
	}
	sort.Strings(vocab)
	alpha, alpha0 := g.prior(vocab, pooled)
	// Categories: counts are hits, totals are word tokens.
	catPooled := make([]int, len(g.a.Categories()))
	tokens := 0
	for _, s := range sums {
		tokens += s.tokens
		for i, vc := range s.catVoice {
			catPooled[i] += vc.Total()
		}
	}
	catAlpha, catAlpha0 := g.catPrior(catPooled)
	for i, name := range names {
		s := sums[i]
		ni := 0
		for _, n := range s.stems {
			ni += n
		}
		counts := make([]int, len(vocab))
		for k, st := range vocab {
			counts[k] = s.stems[st]
		}
		rows := rank(name, "stem", vocab, counts, pooled2slice(vocab, pooled), ni, total, alpha, alpha0)
		rows = keepTop(rows, DistinctiveTop)
		if whole := g.groups[groupKey{"", name}]; whole != nil {
			stems := make([]string, len(rows))
			for k, r := range rows {
				stems[k] = r.Term
			}
			forms := whole.spellings(stems)
			for k := range rows {
				rows[k].Form = forms[rows[k].Term]
			}
		}
		catNames := make([]string, len(g.a.Categories()))
		catCounts := make([]int, len(g.a.Categories()))
		for k, c := range g.a.Categories() {
			catNames[k] = c.ID
			catCounts[k] = s.catVoice[k].Total()
		}
		rows = append(rows, rank(name, "category", catNames, catCounts, catPooled, s.tokens, tokens, catAlpha, catAlpha0)...)
		out = append(out, rows...)
	}
	return out
}

// spellings returns how the outlet most often writes each of stems: its
// most frequent spelling, where a capitalised spelling ("Massacre", at the
// start of a sentence) counts as the lower-case one when the outlet also
// writes that; a word only ever capitalised stays so ("Khan"), and so does
// one in capitals ("US", not the pronoun "us"). Ties go to the
// alphabetically first. A stem the outlet never wrote is missing. One pass
// over the outlet's spellings.
func (o *outletSum) spellings(stems []string) map[string]string {
	want := make(map[string]bool, len(stems))
	for _, st := range stems {
		want[st] = true
	}
	byStem := map[string]map[string]int{}
	for k, n := range o.forms {
		st, w := k[0], k[1]
		if !want[st] {
			continue
		}
		m := byStem[st]
		if m == nil {
			m = map[string]int{}
			byStem[st] = m
		}
		m[w] += n
	}
	out := make(map[string]string, len(byStem))
	for st, m := range byStem {
		counts := make(map[string]int, len(m))
		for w, n := range m {
			if lw := strings.ToLower(w); lw != w && isCapitalised(w) && m[lw] > 0 {
				w = lw
			}
			counts[w] += n
		}
		best, bestN := "", -1
		for w, n := range counts {
			if n > bestN || n == bestN && w < best {
				best, bestN = w, n
			}
		}
		out[st] = best
	}
	return out
}

// isCapitalised reports whether w is a capital followed by lower case only
// ("Massacre", not "US" or "McCain").
func isCapitalised(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && strings.ToLower(w[n:]) == w[n:]
}

func pooled2slice(vocab []string, m map[string]int) []int {
	out := make([]int, len(vocab))
	for k, t := range vocab {
		out[k] = m[t]
	}
	return out
}

// prior returns α for each stem and α0: a background corpus's counts when
// one is given (with 0.01 for a stem it lacks), else the pooled counts.
func (g *Aggregator) prior(vocab []string, pooled map[string]int) ([]float64, float64) {
	alpha := make([]float64, len(vocab))
	for k, st := range vocab {
		if g.stats.Prior != nil {
			alpha[k] = float64(g.stats.Prior.Stems[st]) + 0.01
		} else {
			alpha[k] = float64(pooled[st])
		}
	}
	return alpha, floats.Sum(alpha)
}

func (g *Aggregator) catPrior(pooled []int) ([]float64, float64) {
	alpha := make([]float64, len(pooled))
	for k := range pooled {
		if g.stats.Prior != nil && k < len(g.stats.Prior.Cats) {
			alpha[k] = float64(g.stats.Prior.Cats[k]) + 0.01
		} else {
			alpha[k] = float64(pooled[k]) + 0.01 // a category no outlet uses still has a prior
		}
	}
	return alpha, floats.Sum(alpha)
}

// rank computes Fightin' Words and G² for every term of one outlet (target)
// against the rest of the scope, with BH q-values across the terms, sorted
// by z (most over-used first; ties by term).
func rank(outlet, kind string, terms []string, counts, pooled []int, ni, total int, alpha []float64, alpha0 float64) []reports.Distinctive {
	nj := total - ni
	rows := make([]reports.Distinctive, len(terms))
	p := make([]float64, len(terms))
	for k, t := range terms {
		yi, yj := float64(counts[k]), float64(pooled[k]-counts[k])
		fw := stats.FightinWords(yi, float64(ni), yj, float64(nj), alpha[k], alpha0)
		kn := stats.G2(yi, yj, float64(ni)-yi, float64(nj)-yj)
		rows[k] = reports.Distinctive{Outlet: outlet, Term: t, Kind: kind, Count: counts[k], CountRest: pooled[k] - counts[k],
			Z: reports.Float(fw.Z), G2: reports.Float(kn.G2), P: reports.Float(fw.P), PG2: reports.Float(kn.P), Delta: reports.Float(fw.Delta)}
		p[k] = fw.P
	}
	for k, q := range stats.BenjaminiHochberg(p) {
		rows[k].Q = reports.Float(q)
	}
	// Sort indices, not the (large) rows; terms are distinct, so z then
	// term is a total order and the result is what a stable sort gives.
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(rows[b].Z, rows[a].Z); c != 0 {
			return c
		}
		return strings.Compare(rows[a].Term, rows[b].Term)
	})
	out := make([]reports.Distinctive, len(rows))
	for i, k := range idx {
		out[i] = rows[k]
	}
	return out
}

func keepTop(rows []reports.Distinctive, n int) []reports.Distinctive {
	var out []reports.Distinctive
	for _, r := range rows {
		if len(out) == n || r.Z <= 0 {
			break
		}
		out = append(out, r)
	}
	return out
}

// pca maps a scope's outlets by their per-1k category rates, when there are
// three or more.
func (g *Aggregator) pca(rows []reports.Outlet) *reports.PCA {
	if len(rows) < 3 {
		return nil
	}
	data := make([][]float64, len(rows))
	for i, o := range rows {
		data[i] = make([]float64, len(g.a.Categories()))
		for k, c := range g.a.Categories() {
			data[i][k] = float64(o.Categories[c.ID].Per1k)
		}
	}
	res, ok := stats.PCA(data)
	if !ok {
		return nil
	}
	p := &reports.PCA{Loadings: map[string][2]reports.Float{}}
	for i, o := range rows {
		p.Outlets = append(p.Outlets, o.Outlet)
		p.Coords = append(p.Coords, [2]reports.Float{reports.Float(res.Coords[i][0]), reports.Float(res.Coords[i][1])})
	}
	for _, e := range res.Explained {
		p.Explained = append(p.Explained, reports.Float(e))
	}
	for k, c := range g.a.Categories() {
		p.Loadings[c.ID] = [2]reports.Float{reports.Float(res.Loadings[k][0]), reports.Float(res.Loadings[k][1])}
	}
	return p
}

// BackgroundPrior analyses a background corpus and returns its counts, the
// informative prior of the distinctive-terms statistics.
func BackgroundPrior(ctx context.Context, a *pipeline.Analyzer, dir string, opts pipeline.Options) (*Prior, error) {
	opts.Corpus, opts.Events, opts.Progress = dir, nil, nil
	p := &Prior{Name: filepath.ToSlash(dir), Stems: map[string]int{}, Cats: make([]int, len(a.Categories()))}
	err := a.AnalyzeCorpus(ctx, opts, func(f *pipeline.Analysed) {
		r := f.Result
		if r == nil {
			return
		}
		p.Tokens += r.Tokens
		for st, n := range r.Stems {
			p.Stems[st] += n
		}
		for i, vc := range r.CatVoice {
			p.Cats[i] += vc.Total()
		}
	})
	if err != nil {
		return nil, err
	}
	if p.Tokens == 0 {
		return nil, errors.New("no article could be analysed")
	}
	return p, nil
}
