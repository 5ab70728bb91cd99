# Needs fdecide.py here. Usage: python3 combo.py F CUT REPORT... (F: futility margin as a share of delta; CUT: 16, or 0 for one pair)
# Screen: futility at ratio >= 1 - f*delta with a fresh JVM pair after `cut` rounds (0: none), by recombining
# each scenario's decisions: rounds 1..cut of one, cut+1..40 of another.
import sys, itertools, random, numpy as np
from fdecide import decide, load, linear
looks=[5,9,16,40]; al=linear(looks)
f=float(sys.argv[1]); cut=int(sys.argv[2])
from collections import defaultdict
runs=defaultdict(list)
for fn in sys.argv[3:]:
    for run in load(fn)['runs']:
        if len(run['replicates'])>=40: runs[run['scenario']['name']].append(run)
print('futility f',f,'cut',cut)
for s,rs in sorted(runs.items(), key=lambda kv:(kv[0]!='A/A',kv[0])):
    combos=[(i,i) for i in range(len(rs))] if cut==0 else list(itertools.permutations(range(len(rs)),2))
    kept=[];ns=[]
    for i,j in combos:
        reps=rs[i]['replicates'][:cut]+rs[j]['replicates'][cut:40] if cut else rs[i]['replicates']
        d,n=decide({'replicates':reps},looks,al,f); kept.append(d=='keep'); ns.append(n)
    ns=np.array(ns)
    print('%-6s kept %5.1f%% of %3d; rounds median %2d, past 16 %3.0f%%, mean rounds %.1f'%(s,100*np.mean(kept),len(kept),np.median(ns),100*np.mean(ns>16),ns.mean()))
