# Needs redecide.py (../calibrate-spending-2026-12-07/redecide-even-split.py) and fdecide.py
# (../calibrate-newjvms-2026-12-07/fdecide.py) copied next to it.
# Real rounds, more pairs of JVMs: each scenario's recorded decisions recombined so that rounds 1-16 come from
# one decision and each later segment from rounds 17.. of another (a different pair of JVMs), then decided by
# the plan (fdecide: linear spending, futility at 0.5 %, delta 1 %) at looks 5, 9, 16 and the total.
#   python3 pairs3.py SEGMENTS REPORT...     SEGMENTS e.g. 16,24 (two pairs, 40 rounds) or 16,24,20 (three, 60)
import sys, itertools, numpy as np, fdecide
from redecide import load
from collections import defaultdict
segs = [int(x) for x in sys.argv[1].split(',')]; N = sum(segs)
looks = [5, 9, 16, N]; al = fdecide.linear(looks)
runs = defaultdict(list)
for fn in sys.argv[2:]:
    for run in load(fn)['runs']:
        if len(run['replicates']) >= 40: runs[(fn, run['scenario']['name'])].append(run)
rng = np.random.default_rng(1)
print('segments', segs, 'looks', looks, 'alpha per look', ['%.3f%%' % (100 * a) for a in al])
tot = defaultdict(lambda: [0, 0])
for (fn, s), rs in runs.items():
    perms = list(itertools.permutations(range(len(rs)), len(segs)))
    if len(perms) > 400: perms = [perms[i] for i in rng.choice(len(perms), 400, replace=False)]
    for p in perms:
        reps = list(rs[p[0]]['replicates'][:segs[0]])
        for k, idx in enumerate(p[1:]):
            reps += rs[idx]['replicates'][16:16 + segs[k + 1]]
        d, n = fdecide.decide({'replicates': reps}, looks, al, 0.5)
        for key in (s, fn.split('/')[-2][10:20] + ' ' + s):  # pooled, and per source run
            tot[key][0] += d == 'keep'; tot[key][1] += 1
for s, (k, n) in sorted(tot.items(), key=lambda kv: (kv[0] != 'A/A', kv[0])):
    print('  %-5s kept %4d of %4d  %5.1f%%' % (s, k, n, 100 * k / n))
