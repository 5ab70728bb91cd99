# Needs ../calibrate-spending-2026-12-07/redecide-even-split.py on the path as redecide.py. Usage: python3 third-pair.py 5,9,16,40 16,28 REPORT
# (futility at ratio 1, as the afternoon's plan)
# Screen: segments of rounds from different decisions (fresh JVM pairs) at the given cut points.
import sys, itertools, random, numpy as np
from redecide import load, decide, linear
looks=[int(x) for x in sys.argv[1].split(',')]; cuts=[int(x) for x in sys.argv[2].split(',') if x]; al=linear(looks)
from collections import defaultdict
runs=defaultdict(list)
for f in sys.argv[3:]:
    for run in load(f)['runs']:
        if len(run['replicates'])>=looks[-1]: runs[run['scenario']['name']].append(run)
bounds=[0]+cuts+[looks[-1]]
rng=random.Random(1)
print('looks',looks,'cuts',cuts)
for s,rs in sorted(runs.items(), key=lambda kv:(kv[0]!='A/A',kv[0])):
    combos=list(itertools.permutations(range(len(rs)),len(bounds)-1))
    if len(combos)>2000: combos=rng.sample(combos,2000)
    kept=[];secs=[]
    for c in combos:
        reps=[]
        for k,idx in enumerate(c): reps+=rs[idx]['replicates'][bounds[k]:bounds[k+1]]
        d,n=decide({'replicates':reps},looks,al,'tail','cpu'); kept.append(d=='keep'); secs.append(n)
    print('%-6s %.1f%% of %d, median rounds %d, past 16: %.0f%%'%(s,100*np.mean(kept),len(kept),np.median(secs),100*np.mean(np.array(secs)>16)))
