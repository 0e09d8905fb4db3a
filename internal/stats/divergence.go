package stats

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

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
