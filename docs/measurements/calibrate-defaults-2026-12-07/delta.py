# Needs redecide.py (../calibrate-spending-2026-12-07/redecide-even-split.py) and fdecide.py
# (../calibrate-newjvms-2026-12-07/fdecide.py) copied next to it.
# Re-decides recorded real decisions under the current plan (looks 5/9/16/40, linear spending, futility at
# HL >= log(1 - 0.5 %)) for several deltas. Runs with >= 40 rounds; with CUT>0, also each scenario's
# recombinations (rounds 1..16 of one decision, 17..40 of another), as a fresh pair after 16 would give.
import sys, itertools, math, numpy as np, redecide, fdecide
from collections import defaultdict
looks=[5,9,16,40]; al=fdecide.linear(looks)
cut=int(sys.argv[1]); files=sys.argv[2:]
runs=defaultdict(list)
for fn in files:
    for run in redecide.load(fn)['runs']:
        if len(run['replicates'])>=40: runs[run['scenario']['name']].append(run)
for D in [0.01,0.0075,0.005]:
    redecide.D=D; fdecide.D=D
    f=0.005/D  # futility stays at p50 0.5 % faster
    out=[]
    for s,rs in sorted(runs.items(), key=lambda kv:(kv[0]!='A/A',kv[0])):
        combos=[(i,i) for i in range(len(rs))] if cut==0 else list(itertools.permutations(range(len(rs)),2))
        k=0
        for i,j in combos:
            reps=rs[i]['replicates'][:cut]+rs[j]['replicates'][cut:40] if cut else rs[i]['replicates']
            d,n=fdecide.decide({'replicates':reps},looks,al,f); k+=d=='keep'
        out.append('%s %d/%d'%(s,k,len(combos)))
    print('delta %.2f%%: '%(100*D)+', '.join(out))
