# Needs redecide.py (../calibrate-spending-2026-12-07/redecide-even-split.py) and fdecide.py
# (../calibrate-newjvms-2026-12-07/fdecide.py) copied next to it.
# Variance components of a round's p50 log B/A (CPU clock, geomean over cases) in real calibration decisions:
# within a JVM (round to round) and between JVMs (each JVM's own offset), the role effect removed.
import sys, os, math, numpy as np
KEY=os.environ.get('KEY','p50')
from redecide import load, series
def jvm_of(i, cut):  # replicate index i from 0; JVMs alternate, a new pair after `cut` replicates
    pair = 0 if (cut == 0 or i < cut) else 1
    return 2*pair + (i % 2)
for f, cut in [(a.split(':')[0], int(a.split(':')[1])) for a in sys.argv[1:]]:
    r = load(f); within = []; diffs = []; ns = []
    for run in r['runs']:
        d = series(run, KEY, len(run['replicates']))
        groups = {}
        for i, x in enumerate(d): groups.setdefault(jvm_of(i, cut), []).append(x)
        for j in range(0, max(groups)+1, 2):
            if j in groups and j+1 in groups and len(groups[j]) > 2 and len(groups[j+1]) > 2:
                g1, g2 = np.array(groups[j]), np.array(groups[j+1])
                within += list(g1-g1.mean()) + list(g2-g2.mean()); ns.append((len(g1), len(g2)))
                diffs.append(g1.mean()-g2.mean())
    dof = sum(a+b-2 for a, b in ns)
    se2 = sum(x*x for x in within)/dof
    diffs = np.array(diffs)
    inv = np.mean([1/a+1/b for a, b in ns])
    so2 = (diffs.var(ddof=1) - se2*inv)/2
    print('%s cut %d: pairs %d, within-JVM round sd %.2f%%, mean(m1-m2) %.2f%% (role 2r), sd(m1-m2) %.2f%%, per-JVM offset sd %.2f%%, decision offset sd (2 JVMs) %.2f%%' % (
        f.split('/')[-2], cut, len(diffs), 100*math.sqrt(se2), 100*diffs.mean(), 100*diffs.std(ddof=1), 100*math.sqrt(max(so2, 0)), 100*math.sqrt(max(so2, 0)/2)))
