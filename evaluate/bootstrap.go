package evaluate

import (
	"math/rand/v2"
	"slices"

	"github.com/framing/framing/internal/stats"
)

// Interval is a 95% percentile interval.
type Interval [2]float64

// cvResamples is how many times the articles are resampled for the
// intervals of the cross-validated figures.
const cvResamples = 200

// intervals sets r's intervals by resampling MBIC's articles with
// replacement (sentences of one article share words and annotators, so
// they are not independent draws): the out-of-fold probabilities stay as
// they are, and each resample measures them again. The seed is fixed:
// the same data gives the same intervals.
func (ds *Dataset) intervals(r *CVResult) {
	groups := map[string][]int{}
	var names []string
	for i, s := range ds.Sent {
		g := s.s.Group()
		if _, ok := groups[g]; !ok {
			names = append(names, g)
		}
		groups[g] = append(groups[g], i)
	}
	slices.Sort(names)
	// Per sentence: its words' counts at the shipped thresholds.
	type counts struct{ tp, fp, fn int }
	per := make([]counts, len(ds.Sent))
	acc := ds.accepted(r.TokenP, r.thresholds(), 0)
	for i, s := range ds.Sent {
		var w WordScore
		pred := map[string]bool{}
		for _, row := range s.rows {
			if acc[row] {
				pred[ds.Word[row].norm] = true
			}
		}
		w.count(pred, s.gold)
		per[i] = counts{w.TP, w.FP, w.FN}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var tokAUC, sentAUC, prec, rec []float64
	var tp, sp []float64
	var sy []bool
	var tyb []bool
	for b := 0; b < cvResamples; b++ {
		tp, tyb, sp, sy = tp[:0], tyb[:0], sp[:0], sy[:0]
		var c counts
		for range names {
			for _, si := range groups[names[rng.IntN(len(names))]] {
				s := ds.Sent[si]
				for _, row := range s.rows {
					tp = append(tp, r.TokenP[row])
					tyb = append(tyb, ds.Y[row])
				}
				if s.biased >= 0 {
					sp = append(sp, r.SentP[si])
					sy = append(sy, s.biased == 1)
				}
				c.tp, c.fp, c.fn = c.tp+per[si].tp, c.fp+per[si].fp, c.fn+per[si].fn
			}
		}
		tokAUC = append(tokAUC, stats.AUC(tp, tyb))
		sentAUC = append(sentAUC, stats.AUC(sp, sy))
		prec = append(prec, float64(c.tp)/float64(max(1, c.tp+c.fp)))
		rec = append(rec, float64(c.tp)/float64(max(1, c.tp+c.fn)))
	}
	r.TokenAUCCI, r.SentAUCCI = percentiles(tokAUC), percentiles(sentAUC)
	r.PrecisionCI, r.RecallCI = percentiles(prec), percentiles(rec)
}

// percentiles is the 2.5th and 97.5th percentiles of xs (NaNs dropped).
func percentiles(xs []float64) Interval {
	xs = slices.DeleteFunc(slices.Clone(xs), func(x float64) bool { return x != x })
	if len(xs) == 0 {
		return Interval{}
	}
	slices.Sort(xs)
	at := func(q float64) float64 { return xs[min(len(xs)-1, int(q*float64(len(xs)-1)+0.5))] }
	return Interval{at(0.025), at(0.975)}
}

// operatingPoints are precision and recall of marked words at one
// threshold for every word, whatever its evidence class, from 0.05 to
// 0.95: the curve a user moving --threshold travels.
func (ds *Dataset) operatingPoints(p []float64) []OperatingPoint {
	var out []OperatingPoint
	for c := 5; c <= 95; c += 1 {
		t := float64(c) / 100
		w, _ := ds.wordScores(p, [4]float64{t, t, t, t}, 0)
		out = append(out, OperatingPoint{Threshold: t, Precision: w.Precision, Recall: w.Recall})
	}
	return out
}

// OperatingPoint is precision and recall of marked words at a threshold.
type OperatingPoint struct {
	Threshold, Precision, Recall float64
}

// BestRecall is the operating point of highest recall whose precision is at
// least minPrecision (false when none is).
func BestRecall(points []OperatingPoint, minPrecision float64) (OperatingPoint, bool) {
	var best OperatingPoint
	ok := false
	for _, p := range points {
		if p.Precision >= minPrecision && (!ok || p.Recall > best.Recall) {
			best, ok = p, true
		}
	}
	return best, ok
}
