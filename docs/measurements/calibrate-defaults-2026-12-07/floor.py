# Needs redecide.py (../calibrate-spending-2026-12-07/redecide-even-split.py) and fdecide.py
# (../calibrate-newjvms-2026-12-07/fdecide.py) copied next to it.
# The 2 % floor: a machine model with the measured noise components, decided by the same plan as tuner
# (fdecide.decide: looks 5/9/16/N, linear alpha spending, futility at 0.5 %, delta 1 %, tail margin 3 %,
# wall-clock check), over designs of k pairs of JVMs and N rounds. Components from vc.py on the quiet
# calibrations of 2026-12-07: a round's p50 log B/A spreads 2.5 % within a JVM, each JVM adds an offset of
# its own (sd 0.9 %); p95: 6 % and 1.0 %; the wall clock's p50 is the CPU p50 plus 1.5 % per round.
# A round's noise is heavy-tailed (p50: sd 2.5 % but 1.4826 MAD 1.4 %, 1 % of rounds beyond 10 %), so it is
# drawn from Student's t: p50 t(3) at MAD 1.4 %, p95 t(5) at MAD 5 %, the wall clock's extra t(3) at MAD 0.5 %.
# Pair 1 measures rounds 1-16 (so clear calls never pay for more JVMs), the other k-1 pairs share the rest.
# Time per decision as on calibrate's two cases: 35 s warm-up per pair, 1.6 s per round.
import sys, math, numpy as np, fdecide
SO, SO95 = 0.009, 0.010
def t(rng, nu, mad, n):  # Student's t scaled so that 1.4826 * MAD = mad
    q = {3: 0.7649, 5: 0.7267}[nu]
    return rng.standard_t(nu, n) * mad / (1.4826 * q)
WARM, ROUND = 35.0, 1.6
def jvm_index(i, n, k):
    if k == 1 or i < 16: return i % 2
    per = math.ceil((n - 16) / (k - 1)); return 2 * (1 + (i - 16) // per) + (i % 2)
def trial(rng, effect, n, k):
    off = rng.normal(0, SO, 2 * k); off95 = rng.normal(0, SO95, 2 * k)
    j = [jvm_index(i, n, k) for i in range(n)]
    d50 = effect + off[j] + t(rng, 3, 0.014, n)
    d95 = effect + off95[j] + t(rng, 5, 0.05, n)
    wall = d50 + t(rng, 3, 0.005, n)
    return d50, d95, wall, j
def decide(d50, d95, wall, looks):
    rep = [{'a': {'c': {'p50': 1, 'p95': 1, 'wallP50': 1}},
            'b': {'c': {'p50': math.exp(x), 'p95': math.exp(y), 'wallP50': math.exp(w)}}}
           for x, y, w in zip(d50, d95, wall)]
    return fdecide.decide({'replicates': rep}, looks, fdecide.linear(looks), 0.5)
def run(effect, n, k, trials, seed):
    rng = np.random.default_rng(seed); looks = [5, 9, 16, n]
    kept = 0; secs = []
    for _ in range(trials):
        d50, d95, wall, j = trial(rng, effect, n, k)
        dec, at = decide(d50, d95, wall, looks)
        kept += dec == 'keep'
        secs.append(WARM * (1 + max(j[:at]) // 2) + ROUND * at)
    return kept / trials, float(np.median(secs))
if __name__ == '__main__':
    trials = int(sys.argv[1])
    print('pairs rounds   A/A kept   2%% kept   2%% call s')
    for k, n in [(1, 40), (2, 40), (3, 60), (4, 80), (4, 120), (6, 160)]:
        aa, _ = run(0.0, n, k, trials, 1)
        p2, s2 = run(math.log(0.98), n, k, trials, 2)
        print('%5d %6d %9.1f%% %9.1f%% %9.0f' % (k, n, 100 * aa, 100 * p2, s2))
