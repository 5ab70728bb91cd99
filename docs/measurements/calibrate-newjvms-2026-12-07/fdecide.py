# Needs ../calibrate-spending-2026-12-07/redecide-even-split.py on the path as redecide.py (cp it here).
# Screen: futility at interim looks when the HL estimate of p50 is no better than -f*delta (f=0: today's rule)
import math
from redecide import load, series, pless, pgreater, hl, linear, D, M
def decide(run, looks, alphas, f):
    N=looks[-1]
    p50=series(run,'p50',N); p95=series(run,'p95',N); wall=series(run,'wallP50',N)
    for k,(n,a) in enumerate(zip(looks,alphas)):
        d50=p50[:n]; d95=p95[:n]
        if a>0:
            ok = pless(d50, math.log(1-D))<=a and pless(d95, math.log(1+M))<=a and pless(wall[:n], math.log(1+M))<=a
            if ok: return 'keep',n
        if k==len(looks)-1: return 'discard',n
        reg = a>0 and any(pgreater(x, math.log(1+D))<=a for x in (d50,d95))
        if hl(d50)>=math.log(1-f*D) or reg: return 'discard',n
