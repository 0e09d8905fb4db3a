package pipeline

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"

	"github.com/framing/framing/reports"
)

// compareOutlets fills the pairwise comparison matrices.
func compareOutlets(outlets []reports.Outlet, cats []reports.CategoryInfo) reports.Comparison {
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
	c.Cosine = matrix(n, func(i, j int) float64 { return Cosine(rates[i], rates[j]) })
	c.JSD = matrix(n, func(i, j int) float64 { return JSD(counts[i], counts[j]) })
	c.CosineAuthorial = matrix(n, func(i, j int) float64 { return Cosine(arates[i], arates[j]) })
	c.JSDAuthorial = matrix(n, func(i, j int) float64 { return JSD(acounts[i], acounts[j]) })
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

// Cosine is the cosine similarity of two vectors, NaN when either is zero.
func Cosine(a, b []float64) float64 {
	na, nb := floats.Norm(a, 2), floats.Norm(b, 2)
	if na == 0 || nb == 0 {
		return math.NaN()
	}
	return floats.Dot(a, b) / (na * nb)
}

// JSD is the Jensen-Shannon divergence, in bits (base 2, so it lies in
// [0, 1]), of the distributions proportional to the count vectors a and b. It
// is NaN when either has no counts: there is no distribution to compare.
func JSD(a, b []float64) float64 {
	p, q := normalize(a), normalize(b)
	if p == nil || q == nil {
		return math.NaN()
	}
	// gonum returns nats; the report promises bits.
	return stat.JensenShannon(p, q) / math.Ln2
}

func normalize(v []float64) []float64 {
	s := floats.Sum(v)
	if s == 0 {
		return nil
	}
	out := make([]float64, len(v))
	floats.ScaleTo(out, 1/s, v)
	return out
}
