package model

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Row is one training example's features, sparse: the indices of its
// non-zero features and their values.
type Row struct {
	Idx []int
	Val []float64
}

// SparseRow is the sparse form of a dense feature vector.
func SparseRow(x []float64) Row {
	var r Row
	for i, v := range x {
		if v != 0 {
			r.Idx = append(r.Idx, i)
			r.Val = append(r.Val, v)
		}
	}
	return r
}

// FitOptions set a fit.
type FitOptions struct {
	// L2 is the ridge penalty on the weights (not the bias): the objective is
	// the negative log-likelihood plus L2/2 · Σw².
	L2 float64
	// NonNegative lists the features whose weight may not fall below zero
	// (curated lexicon categories: a lexicon entry of a loaded category is
	// evidence for, never against, loadedness).
	NonNegative []bool
	// MaxIter bounds the Newton steps of one fit (0: 100).
	MaxIter int
}

// Fit fits an L2-regularised logistic regression of y on the rows by
// iteratively reweighted least squares (Newton's method; the Hessian is
// solved with gonum's Cholesky), with non-negativity where asked by an
// active set: a constrained weight that comes out negative is held at zero
// and the rest refitted, and a held weight whose gradient points up is
// freed again, until neither happens. Every sum runs in row order, so the
// same data give the same weights, bit for bit.
func Fit(rows []Row, y []bool, names []string, opt FitOptions) (Linear, error) {
	d := len(names)
	if len(rows) != len(y) || len(rows) == 0 {
		return Linear{}, fmt.Errorf("fit: %d rows, %d labels", len(rows), len(y))
	}
	if opt.MaxIter == 0 {
		opt.MaxIter = 100
	}
	held := make([]bool, d) // held at zero by the non-negativity constraint
	var beta []float64      // weights then the bias, at index d
	for round := 0; round < 2*d+2; round++ {
		var err error
		beta, err = newton(rows, y, d, held, opt)
		if err != nil {
			return Linear{}, err
		}
		changed := false
		for j := 0; j < d; j++ {
			if j < len(opt.NonNegative) && opt.NonNegative[j] && !held[j] && beta[j] < 0 {
				held[j], changed = true, true
			}
		}
		if !changed {
			// Free a held weight whose gradient at zero points up.
			g := gradient(rows, y, d, beta)
			for j := 0; j < d; j++ {
				if held[j] && g[j] > 1e-9 {
					held[j], changed = false, true
				}
			}
		}
		if !changed {
			break
		}
	}
	l := Linear{Bias: beta[d]}
	for j := 0; j < d; j++ {
		if beta[j] != 0 {
			l.Features = append(l.Features, names[j])
			l.Weights = append(l.Weights, beta[j])
		}
	}
	return l, nil
}

// newton fits with the held weights at zero.
func newton(rows []Row, y []bool, d int, held []bool, opt FitOptions) ([]float64, error) {
	beta := make([]float64, d+1)
	H := mat.NewSymDense(d+1, nil)
	g := make([]float64, d+1)
	for iter := 0; iter < opt.MaxIter; iter++ {
		H.Zero()
		clear(g)
		for i, r := range rows {
			z := beta[d]
			for k, j := range r.Idx {
				z += beta[j] * r.Val[k]
			}
			p := Logistic(z)
			resid := -p
			if y[i] {
				resid = 1 - p
			}
			w := math.Max(p*(1-p), 1e-10)
			for k, j := range r.Idx {
				g[j] += resid * r.Val[k]
				for k2 := k; k2 < len(r.Idx); k2++ {
					j2 := r.Idx[k2]
					H.SetSym(j, j2, H.At(j, j2)+w*r.Val[k]*r.Val[k2])
				}
				H.SetSym(j, d, H.At(j, d)+w*r.Val[k])
			}
			g[d] += resid
			H.SetSym(d, d, H.At(d, d)+w)
		}
		for j := 0; j < d; j++ {
			g[j] -= opt.L2 * beta[j]
			H.SetSym(j, j, H.At(j, j)+opt.L2)
			if held[j] {
				// Held at zero: its row and column drop out of the step.
				g[j] = 0
				for k := 0; k <= d; k++ {
					if k != j {
						H.SetSym(j, k, 0)
					}
				}
				H.SetSym(j, j, 1)
			}
		}
		// A feature no row has (and no penalty) would make H singular.
		for j := 0; j < d; j++ {
			if H.At(j, j) == 0 {
				H.SetSym(j, j, 1)
			}
		}
		var ch mat.Cholesky
		if ok := ch.Factorize(H); !ok {
			return nil, errors.New("fit: the Hessian is not positive definite (add an L2 penalty)")
		}
		step := mat.NewVecDense(d+1, nil)
		if err := ch.SolveVecTo(step, mat.NewVecDense(d+1, g)); err != nil {
			return nil, fmt.Errorf("fit: %w", err)
		}
		maxStep := 0.0
		for j := range beta {
			beta[j] += step.AtVec(j)
			maxStep = math.Max(maxStep, math.Abs(step.AtVec(j)))
		}
		for j := 0; j < d; j++ {
			if held[j] {
				beta[j] = 0
			}
		}
		if maxStep < 1e-9 {
			break
		}
	}
	return beta, nil
}

// gradient is the gradient of the penalised log-likelihood at beta.
func gradient(rows []Row, y []bool, d int, beta []float64) []float64 {
	g := make([]float64, d+1)
	for i, r := range rows {
		z := beta[d]
		for k, j := range r.Idx {
			z += beta[j] * r.Val[k]
		}
		resid := -Logistic(z)
		if y[i] {
			resid++
		}
		for k, j := range r.Idx {
			g[j] += resid * r.Val[k]
		}
	}
	return g
}
