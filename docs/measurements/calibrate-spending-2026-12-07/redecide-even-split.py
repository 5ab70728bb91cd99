# Re-decides the real decisions in tuner calibrate's report.json under other plans: α split evenly over the
# looks that can reject (the plan before 2026-12-07) or linearly (the plan since, as lab rules does).
#   python3 redecide-even-split.py "even:9,16,24:tail:cpu;linear:9,16,40:tail:cpu" report.json.gz ...
# Each variant is spending:looks:criterion:clock; criterion tail (median-improved-tail-not-worse, margin 3 %)
# or both (both-improved). As SequentialPlan and KeepRule: exact signed-rank tests on the rounds' mean log
# B/A over cases, futility when the Hodges-Lehmann estimate is >= 1 or anything regressed, and on the cpu
# clock the wall clock's p50 no more than 3 % slower. Not checked: allocation (the calibration knob leaves it
# unchanged). Reports on the CPU clock keep no wall-clock p95, so use the cpu clock with them.
import json, gzip, math, sys
import numpy as np
from scipy.stats import wilcoxon
from collections import defaultdict
D=0.01; M=0.03
def load(f): return json.load(gzip.open(f) if f.endswith('.gz') else open(f))
def series(run, key, n):
    out=[]
    for rep in run['replicates'][:n]:
        cs=rep['a'].keys()
        out.append(np.mean([math.log(rep['b'][c][key]/rep['a'][c][key]) for c in cs]))
    return np.array(out)
def pless(d, mu): return wilcoxon(d-mu, alternative='less', method='exact').pvalue
def pgreater(d, mu): return wilcoxon(d-mu, alternative='greater', method='exact').pvalue
def hl(d):
    n=len(d); return np.median([(d[i]+d[j])/2 for i in range(n) for j in range(i,n)])
def decide(run, looks, alphas, crit, clock):
    N=looks[-1]
    p50k,p95k=('p50','p95')
    cpu_recorded = 'wallP50' in next(iter(run['replicates'][0]['a'].values()))
    if clock=='wall':
        if cpu_recorded: p50k='wallP50'; p95k=None  # p95 on wall not recorded: wall p95 unavailable
    p50=series(run,p50k,N); p95=series(run,'p95',N) if p95k else None
    wall=series(run,'wallP50',N) if (clock=='cpu' and cpu_recorded) else None
    for k,(n,a) in enumerate(zip(looks,alphas)):
        d50=p50[:n]; d95=p95[:n] if p95 is not None else None
        if a>0:
            imp50 = pless(d50, math.log(1-D))<=a
            if crit=='tail': ok = imp50 and (d95 is None or pless(d95, math.log(1+M))<=a)
            else: ok = imp50 and (d95 is not None and pless(d95, math.log(1-D))<=a)
            if wall is not None: ok = ok and pless(wall[:n], math.log(1+M))<=a
            if ok: return 'keep',n
        if k==len(looks)-1: return 'discard',n
        reg = a>0 and any(pgreater(x, math.log(1+D))<=a for x in ([d50]+([d95] if d95 is not None else [])))
        fut = hl(d50)>=0 or (crit=='both' and d95 is not None and hl(d95)>=0) or reg
        if fut: return 'discard',n
def linear(lk, alpha=0.01):
    out=[];prev=0;carry=0
    for n in lk:
        sh=alpha*(n-prev)/lk[-1]+carry; prev=n
        if 2.0**-n>sh: out.append(0.0); carry=sh
        else: out.append(sh); carry=0
    return out
def even(lk, alpha=0.01):
    k=len(lk)
    while k>0:
        first=len(lk)-k
        if 2.0**-lk[first]<=alpha/k: return [0.0]*first+[alpha/k]*k
        k-=1
if __name__=='__main__':
    variants=[]
    for spec in sys.argv[1].split(';'):   # e.g. "even:9,16,24:tail:cpu"
        sp,lk,crit,clock=spec.split(':'); lk=[int(x) for x in lk.split(',')]
        variants.append((spec, lk, (even if sp=='even' else linear)(lk), crit, clock))
    res=defaultdict(lambda: defaultdict(lambda:[0,0,[]]))
    for f in sys.argv[2:]:
        r=load(f)
        for run in r['runs']:
            s=run['scenario']['name']
            for spec,lk,al,crit,clock in variants:
                if len(run['replicates'])<lk[-1]: continue
                dec,n=decide(run,lk,al,crit,clock)
                e=res[spec][s]; e[0]+=dec=='keep'; e[1]+=1; e[2].append(run['replicates'][n-1]['end_seconds'])
    scen=sorted({s for v in res.values() for s in v}, key=lambda x:(x!='A/A',x))
    print('%-28s'%'variant'+''.join('%16s'%s for s in scen))
    for spec,*_ in variants:
        print('%-28s'%spec+''.join('%16s'%('%d/%d %3.0fs'%(res[spec][s][0],res[spec][s][1],np.median(res[spec][s][2])) if res[spec][s][1] else '-') for s in scen))
