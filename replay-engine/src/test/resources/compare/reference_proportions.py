#!/usr/bin/python3
"""Reference values for io.shadowgate.compare (ErrorRateDifferenceTest, ExactUnconditionalTestTest).

Run with Debian's interpreter and packages, never with a pip install:
    apt-get install -y python3-statsmodels python3-scipy
    /usr/bin/python3 replay-engine/src/test/resources/compare/reference_proportions.py

Every case is written baseline first (xb/nb, xc/nc); the libraries are called candidate
first, because statsmodels and scipy compute p1 - p2 and our estimate is p_c - p_b.

Sections:
 1. Newcombe hybrid score interval: statsmodels confint_proportions_2indep(method='newcomb').
 2. Farrington-Manning score statistic at a margin. statsmodels' score test can't be the
    reference here: 0.13.5 writes count0 where Miettinen & Nurminen (1985, appendix) have
    N0 in the L1 coefficient of the restricted-MLE cubic, so its restricted rates do not
    maximise the likelihood when the margin is not 0 (shown below), and it forces the
    N/(N-1) factor for compare='diff'. Instead: the restricted MLE by
    scipy.optimize.brentq on the score equation, checked against Farrington & Manning's own
    closed form (1990, Stat Med 9:1447, written in p1 with theta = n2/n1) and against
    scipy's bounded likelihood maximisation. p-values from scipy.stats.norm.
 3. Exact unconditional test at margin 0: scipy.stats.barnard_exact(pooled=True), whose
    pooled Wald statistic is the FM score statistic at margin 0; n=2048 Sobol points so
    the maximisation over the nuisance parameter converges.
 4. Exact unconditional test at a margin != 0: no Debian package implements it (scipy's
    Barnard/Boschloo tests take no margin; R's Exact / exact2x2 are not packaged). This is a
    second implementation written for the check, sharing no code with the Java one: the
    region from section 2's brentq statistic, binomial pmfs from scipy, the supremum over
    the null boundary from a dense grid of 4001 points uniform in arcsine scale, refined
    with scipy.optimize.minimize_scalar around the 5 best grid points. It checks the Java
    numerics, not the method; the Java property tests check the method (p in [0, 1],
    monotone in the margin, close to the asymptotic score test at large n, boundary
    supremum not exceeded inside the null). Its margin-0 rows repeat section 3's cases.
"""
import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          score_test_proportions_2indep)

TIE = 1e-9  # cells whose statistic equals the observed one up to rounding are in the region

print(f"# statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")

print("# 1. Newcombe hybrid score: xb, nb, xc, nc, confidence -> lower, upper")
NEWCOMBE = [(5, 100, 9, 100, 0.95), (0, 50, 0, 50, 0.99), (0, 200, 3, 200, 0.95),
            (10, 10, 7, 10, 0.95), (20, 1000, 20, 1000, 0.99),
            (1234, 500000, 1400, 480000, 0.99), (1, 3, 2, 4, 0.90), (48, 80, 56, 70, 0.95),
            (3, 3000, 1, 3000, 0.98), (0, 10, 10, 10, 0.95), (0, 1, 1, 1, 0.95)]
for xb, nb, xc, nc, conf in NEWCOMBE:
    lo, up = confint_proportions_2indep(xc, nc, xb, nb, method='newcomb', compare='diff',
                                        alpha=1 - conf)
    print(f"newcombe {xb} {nb} {xc} {nc} {conf} -> {lo:.12f} {up:.12f}")


def xlogy(x, y):
    return 0.0 if x == 0 else x * np.log(y)


def loglik(p, xb, nb, xc, nc, margin):
    pc = min(1.0, max(0.0, p + margin))
    return xlogy(xb, p) + xlogy(nb - xb, 1 - p) + xlogy(xc, pc) + xlogy(nc - xc, 1 - pc)


def restricted_pb(xb, nb, xc, nc, margin):
    """MLE of the baseline rate with pc = pb + margin: the log-likelihood is concave, so the
    root of its derivative if there is one inside the segment, else the better end."""
    if margin == 0:
        return (xb + xc) / (nb + nc)
    lo, hi = max(0.0, -margin), min(1.0, 1.0 - margin)

    def ratio(x, y):  # x / y with 0 / 0 = 0: a side with no errors adds nothing to the score
        return 0.0 if x == 0 else x / np.float64(y)

    def score(p):
        pc = p + margin
        return ratio(xc, pc) - ratio(nc - xc, 1 - pc) + ratio(xb, p) - ratio(nb - xb, 1 - p)

    eps = 1e-13
    with np.errstate(divide='ignore', invalid='ignore'):
        a, b = score(lo + eps), score(hi - eps)
    if a > 0 > b:
        return optimize.brentq(score, lo + eps, hi - eps, xtol=1e-15, rtol=8.9e-16)
    return lo if loglik(lo, xb, nb, xc, nc, margin) >= loglik(hi, xb, nb, xc, nc, margin) else hi


def fm_closed_form_pb(xb, nb, xc, nc, margin):
    """Farrington & Manning (1990) closed form for the restricted MLE, interior cases only."""
    theta, p1, p2 = nb / nc, xc / nc, xb / nb
    a = 1 + theta
    b = -(1 + theta + p1 + theta * p2 + margin * (theta + 2))
    c = margin ** 2 + margin * (2 * p1 + theta + 1) + p1 + theta * p2
    d = -p1 * margin * (1 + margin)
    v = b ** 3 / (3 * a) ** 3 - b * c / (6 * a ** 2) + d / (2 * a)
    u = np.sign(v) * np.sqrt(b ** 2 / (3 * a) ** 2 - c / (3 * a))
    w = (np.pi + np.arccos(v / u ** 3)) / 3
    return 2 * u * np.cos(w) - b / (3 * a) - margin


def fm_statistic(xb, nb, xc, nc, margin):
    pb = restricted_pb(xb, nb, xc, nc, margin)
    pc = min(1.0, max(0.0, pb + margin))
    var = pc * (1 - pc) / nc + pb * (1 - pb) / nb
    return 0.0 if var <= 0 else (xc / nc - xb / nb - margin) / np.sqrt(var)


print("# 2. FM score: xb, nb, xc, nc, margin -> z, p(smaller), p(larger)")
SCORE = [(5, 100, 9, 100, 0.05), (30, 1500, 45, 1500, 0.02), (0, 40, 2, 40, 0.10),
         (12, 60, 4, 60, -0.05), (100, 400, 130, 500, 0.03), (2, 25, 0, 30, -0.05)]
for xb, nb, xc, nc, margin in SCORE:
    pb = restricted_pb(xb, nb, xc, nc, margin)
    numeric = optimize.minimize_scalar(
        lambda p: -loglik(p, xb, nb, xc, nc, margin),
        bounds=(max(0.0, -margin), min(1.0, 1 - margin)), method='bounded',
        options={'xatol': 1e-12}).x
    assert abs(pb - numeric) < 1e-6, (pb, numeric)
    if 0 < xb < nb and 0 < xc < nc:
        assert abs(pb - fm_closed_form_pb(xb, nb, xc, nc, margin)) < 1e-12
    z = fm_statistic(xb, nb, xc, nc, margin)
    print(f"score {xb} {nb} {xc} {nc} {margin} -> {z:.12f} {stats.norm.cdf(z):.12f} "
          f"{stats.norm.sf(z):.12f}")
sm = score_test_proportions_2indep(9, 100, 5, 100, value=0.05, compare='diff')
print(f"# statsmodels restricted baseline rate for 5/100 vs 9/100 at 0.05: {sm.prop2_null:.6f}; "
      f"likelihood maximiser: {restricted_pb(5, 100, 9, 100, 0.05):.6f}")

print("# 3. barnard_exact (pooled), margin 0: xb, nb, xc, nc -> p(less), p(greater)")
BARNARD = [(3, 15, 7, 15), (0, 20, 4, 20), (1, 50, 1, 50), (2, 200, 9, 200), (5, 12, 2, 10),
           (0, 30, 0, 30), (7, 40, 3, 25), (10, 30, 4, 30), (4, 25, 9, 20), (1, 8, 1, 12)]
for xb, nb, xc, nc in BARNARD:
    table = [[xc, xb], [nc - xc, nb - xb]]
    less = stats.barnard_exact(table, alternative='less', n=2048).pvalue
    greater = stats.barnard_exact(table, alternative='greater', n=2048).pvalue
    print(f"barnard {xb} {nb} {xc} {nc} -> {less:.12f} {greater:.12f}")


def region(xb, nb, xc, nc, margin, smaller):
    zs = np.array([[fm_statistic(b, nb, c, nc, margin) for b in range(nb + 1)]
                   for c in range(nc + 1)])
    z_obs = zs[xc, xb]
    tol = TIE * max(1.0, abs(z_obs))
    return zs <= z_obs + tol if smaller else zs >= z_obs - tol


def size(in_region, nb, nc, pb, margin):
    pc = min(1.0, max(0.0, pb + margin))
    pmf_c = stats.binom.pmf(np.arange(nc + 1), nc, pc)
    pmf_b = stats.binom.pmf(np.arange(nb + 1), nb, pb)
    return float(pmf_c @ in_region.astype(float) @ pmf_b)


def exact_p(xb, nb, xc, nc, margin, smaller):
    in_region = region(xb, nb, xc, nc, margin, smaller)
    lo, hi = max(0.0, -margin), min(1.0, 1.0 - margin)
    theta = np.linspace(np.arcsin(np.sqrt(lo)), np.arcsin(np.sqrt(hi)), 4001)
    grid = np.clip(np.sin(theta) ** 2, lo, hi)
    values = np.array([size(in_region, nb, nc, p, margin) for p in grid])
    best = values.max()
    for i in np.argsort(values)[-5:]:
        a, b = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
        if b > a:
            r = optimize.minimize_scalar(lambda p: -size(in_region, nb, nc, p, margin),
                                         bounds=(a, b), method='bounded',
                                         options={'xatol': 1e-12})
            best = max(best, -r.fun)
    return min(1.0, best)


print("# 4. exact unconditional, own implementation: xb, nb, xc, nc, margin -> "
      "p(non-inferiority: H1 diff < margin), p(over margin: H1 diff > margin)")
EXACT = [(3, 15, 7, 15, 0.0), (10, 30, 4, 30, 0.0), (1, 100, 3, 100, 0.05),
         (0, 40, 2, 40, 0.10), (4, 60, 12, 60, 0.05), (2, 25, 1, 30, -0.05),
         (0, 80, 0, 80, 0.03), (6, 50, 2, 45, 0.10), (2, 25, 0, 30, -0.05),
         (3, 400, 9, 420, 0.01), (2, 1000, 5, 1000, 0.005)]
for xb, nb, xc, nc, margin in EXACT:
    ni = exact_p(xb, nb, xc, nc, margin, True)
    over = exact_p(xb, nb, xc, nc, margin, False)
    print(f"exact {xb} {nb} {xc} {nc} {margin} -> {ni:.12f} {over:.12f}")

print("# 5. exact p-values are not monotone in the margin (the region changes with it): "
      "2/60 vs 5/70, margin -> p(non-inferiority), p(over margin)")
for margin in (0.0, 0.01, 0.02, 0.03, 0.04):
    print(f"wiggle {margin} -> {exact_p(2, 60, 5, 70, margin, True):.12f} "
          f"{exact_p(2, 60, 5, 70, margin, False):.12f}")


# Output of the run the Java tests were written from (Debian bookworm, 2026-11-26):
# | # statsmodels 0.13.5+dfsg, scipy 1.10.1, numpy 1.24.2
# | # 1. Newcombe hybrid score: xb, nb, xc, nc, confidence -> lower, upper
# | newcombe 5 100 9 100 0.95 -> -0.034639348552 0.117663230781
# | newcombe 0 50 0 50 0.99 -> -0.117152091718 0.117152091718
# | newcombe 0 200 3 200 0.95 -> -0.006280851033 0.043165728793
# | newcombe 10 10 7 10 0.95 -> -0.603221852539 0.037592434579
# | newcombe 20 1000 20 1000 0.99 -> -0.017274581099 0.017274581099
# | newcombe 1234 500000 1400 480000 0.99 -> 0.000179075077 0.000719622154
# | newcombe 1 3 2 4 0.9 -> -0.354436360961 0.574010674161
# | newcombe 48 80 56 70 0.95 -> 0.052431472402 0.333872654037
# | newcombe 3 3000 1 3000 0.98 -> -0.003196028134 0.001539714749
# | newcombe 0 10 10 10 0.95 -> 0.607509350431 1.000000000000
# | newcombe 0 1 1 1 0.95 -> -0.122108720682 1.000000000000
# | # 2. FM score: xb, nb, xc, nc, margin -> z, p(smaller), p(larger)
# | score 5 100 9 100 0.05 -> -0.275511241379 0.391461745258 0.608538254742
# | score 30 1500 45 1500 0.02 -> -1.698396705424 0.044716456751 0.955283543249
# | score 0 40 2 40 0.1 -> -1.054092553389 0.145920272572 0.854079727428
# | score 12 60 4 60 -0.05 -> -1.378251757356 0.084062786158 0.915937213842
# | score 100 400 130 500 0.03 -> -0.686564792686 0.246178510608 0.753821489392
# | score 2 25 0 30 -0.05 -> -0.688247201612 0.245648562108 0.754351437892
# | # statsmodels restricted baseline rate for 5/100 vs 9/100 at 0.05: 0.045812; likelihood maximiser: 0.046626
# | # 3. barnard_exact (pooled), margin 0: xb, nb, xc, nc -> p(less), p(greater)
# | barnard 3 15 7 15 -> 1.000000000000 0.070915818830
# | barnard 0 20 4 20 -> 1.000000000000 0.019285113654
# | barnard 1 50 1 50 -> 1.000000000000 1.000000000000
# | barnard 2 200 9 200 -> 1.000000000000 0.018746517636
# | barnard 5 12 2 10 -> 0.227565161307 1.000000000000
# | barnard 0 30 0 30 -> 1.000000000000 1.000000000000
# | barnard 7 40 3 25 -> 0.344147822761 1.000000000000
# | barnard 10 30 4 30 -> 0.038127432031 1.000000000000
# | barnard 4 25 9 20 -> 1.000000000000 0.020694674566
# | barnard 1 8 1 12 -> 0.443036380656 1.000000000000
# | # 4. exact unconditional, own implementation: xb, nb, xc, nc, margin -> p(non-inferiority: H1 diff < margin), p(over margin: H1 diff > margin)
# | exact 3 15 7 15 0.0 -> 1.000000000000 0.070915818830
# | exact 10 30 4 30 0.0 -> 0.038127432031 1.000000000000
# | exact 1 100 3 100 0.05 -> 0.128804496373 0.907601440377
# | exact 0 40 2 40 0.1 -> 0.222808124339 0.919526303986
# | exact 4 60 12 60 0.05 -> 0.921280735423 0.094941280429
# | exact 2 25 1 30 -0.05 -> 0.560065356413 0.642375853545
# | exact 0 80 0 80 0.03 -> 0.087445756919 1.000000000000
# | exact 6 50 2 45 0.1 -> 0.005052982384 1.000000000000
# | exact 2 25 0 30 -0.05 -> 0.357624146455 0.872893504339
# | exact 3 400 9 420 0.01 -> 0.753802582483 0.371161420329
# | exact 2 1000 5 1000 0.005 -> 0.281386120815 0.768431879342
# | # 5. exact p-values are not monotone in the margin (the region changes with it): 2/60 vs 5/70, margin -> p(non-inferiority), p(over margin)
# | wiggle 0.0 -> 1.000000000000 0.235306004056
# | wiggle 0.01 -> 0.878766728688 0.275919592906
# | wiggle 0.02 -> 0.694215907603 0.413377748429
# | wiggle 0.03 -> 0.731466109837 0.451299857615
# | wiggle 0.04 -> 0.567586567084 0.563593875168
