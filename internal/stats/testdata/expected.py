#!/usr/bin/env python3
"""Expected values for stats_test.go, computed from the published formulas
(METHODS §4) independently of the Go code. Run: python3 expected.py > expected.csv

Fightin' Words (Monroe, Colaresi & Quinn 2008), natural log:
  delta = ln[(yi+a)/(ni+a0-yi-a)] - ln[(yj+a)/(nj+a0-yj-a)]
  var   = 1/(yi+a) + 1/(yj+a);  z = delta/sqrt(var);  p = erfc(|z|/sqrt 2)
Signed G2 with Williams' correction (Williams 1976), p from chi2(1) = erfc(sqrt(x/2)).
"""
import math

print("kind,a,b,c,d,alpha,alpha0,delta,var,z,p,g2_raw,g2_corrected_signed,g2_p")
def fw(yi, ni, yj, nj, a, a0):
    d = math.log((yi+a)/(ni+a0-yi-a)) - math.log((yj+a)/(nj+a0-yj-a))
    v = 1/(yi+a) + 1/(yj+a)
    z = d/math.sqrt(v)
    return d, v, z, math.erfc(abs(z)/math.sqrt(2))
def g2(a, b, c, d):
    n = a+b+c+d
    cells = [(a, (a+b)*(a+c)/n), (b, (a+b)*(b+d)/n), (c, (c+d)*(a+c)/n), (d, (c+d)*(b+d)/n)]
    g = 2*sum(o*math.log(o/e) for o, e in cells if o > 0)
    q = 1 + (n/(a+b) + n/(c+d) - 1)*(n/(a+c) + n/(b+d) - 1)/(6*n)
    gc = g/q
    sign = 1 if a > cells[0][1] else -1
    return g, sign*gc, math.erfc(math.sqrt(gc/2))
# Fightin' Words: yi, ni, yj, nj with an informative prior (pooled counts) and an uninformative one.
for yi, ni, yj, nj, a, a0 in [(10, 1000, 5, 2000, 15, 3000), (10, 1000, 5, 2000, 0.01, 10), (0, 1415, 9, 3180, 9, 4595)]:
    d, v, z, p = fw(yi, ni, yj, nj, a, a0)
    print(f"fw,{yi},{ni},{yj},{nj},{a},{a0},{d!r},{v!r},{z!r},{p!r},,,")
# G2: a, b = the term in target and reference; c, d = the other tokens.
for a, b, c, d in [(10, 5, 990, 1995), (0, 20, 500, 480), (8, 2, 1407, 3178)]:
    g, gc, p = g2(a, b, c, d)
    print(f"g2,{a},{b},{c},{d},,,,,,,{g!r},{gc!r},{p!r}")
