# Known answers for io.shadowgate.compare.MannWhitney and KayentaClassifier.
#
# Run from this directory:  Rscript reference.R
# It (re)writes the sample files next to it from fixed seeds, reads them back (so R and the
# Java tests see the very same doubles: 17 significant digits round-trip exactly) and prints,
# for each case, R's two-sample Wilcoxon rank-sum test with the normal approximation:
#
#   wilcox.test(candidate, baseline, conf.int = TRUE, exact = FALSE, correct = TRUE,
#               conf.level = C)                       # R's defaults otherwise (tol.root = 1e-4)
#
# x = candidate, y = baseline, so the estimate and the interval are for candidate - baseline.
# R finds the interval ends with uniroot() to tol.root, and the ends are jumps of a step
# function, each at one of the pairwise differences: the run with tol.root = 1e-12 pins them
# to about 1e-12, which is what the Java tests compare to 1e-6 relative; the default run is
# printed too (its ends are within 1e-4 of the tight ones). R's approximate-mode estimate is
# a root of the uncorrected z statistic: the Hodges-Lehmann median of all pairwise
# differences when n*m is odd, and some point between the two middle differences when n*m
# is even, so the plain Hodges-Lehmann median, median(outer(x, y, "-")), is printed as 'hl'.
# mean.ratio is mean(candidate) / mean(baseline) and cles is W / (n * m): the share of
# (candidate, baseline) pairs where the candidate is larger, ties counting half.
# The output that the Java tests use is pasted at the end of this file.

options(digits = 17)

write_sample <- function(values, file) {
  writeLines(sprintf("%.17g", values), file)
  scan(file, quiet = TRUE)
}

set.seed(20240611)
shift_base   <- write_sample(rnorm(200, mean = 100, sd = 10), "shift-up-baseline.txt")
shift_cand   <- write_sample(rnorm(200, mean = 105, sd = 10), "shift-up-candidate.txt")
unequal_base <- write_sample(rnorm(40, mean = 50, sd = 5), "unequal-baseline.txt")
unequal_cand <- write_sample(rnorm(7, mean = 53, sd = 5), "unequal-candidate.txt")
down_base    <- write_sample(rnorm(250, mean = 30, sd = 3), "shift-down-baseline.txt")
down_cand    <- write_sample(rnorm(300, mean = 27, sd = 3), "shift-down-candidate.txt")
same_base    <- write_sample(rnorm(100, mean = 50, sd = 5), "same-baseline.txt")
same_cand    <- write_sample(rnorm(100, mean = 50, sd = 5), "same-candidate.txt")
pois_base    <- write_sample(rpois(1000, lambda = 20), "poisson-baseline.txt")
pois_cand    <- write_sample(rpois(1200, lambda = 21), "poisson-candidate.txt")
large_base   <- write_sample(rlnorm(5000, meanlog = log(20), sdlog = 0.5), "large-baseline.txt")
large_cand   <- write_sample(1.03 * rlnorm(5000, meanlog = log(20), sdlog = 0.5), "large-candidate.txt")
identical    <- write_sample(rnorm(50, mean = 10, sd = 2), "identical.txt")

cases <- list(
  list(name = "ties",        y = c(1, 2, 2, 3, 3, 3, 4, 5), x = c(2, 3, 3, 4, 4, 4, 5, 6, 6), conf = 0.95),
  list(name = "shift-up",    y = shift_base,   x = shift_cand,   conf = 0.95),
  list(name = "unequal",     y = unequal_base, x = unequal_cand, conf = 0.90),
  list(name = "shift-down",  y = down_base,    x = down_cand,    conf = 0.98),
  list(name = "same",        y = same_base,    x = same_cand,    conf = 0.95),
  list(name = "identical",   y = identical,    x = identical,    conf = 0.95),
  list(name = "one-cand",    y = c(1, 2, 3, 4, 6, 7, 12, 15), x = c(10), conf = 0.80),
  list(name = "one-base",    y = c(3), x = c(1, 4, 5, 8, 9, 11, 13), conf = 0.80),
  list(name = "poisson",     y = pois_base,    x = pois_cand,    conf = 0.99),
  list(name = "large",       y = large_base,   x = large_cand,   conf = 0.99)
)

cat(R.version.string, "\n")
cat("case n m conf W p.value estimate lower upper estimate.tight lower.tight upper.tight hl mean.ratio cles\n")
for (c in cases) {
  r <- wilcox.test(c$x, c$y, conf.int = TRUE, exact = FALSE, correct = TRUE, conf.level = c$conf)
  t <- wilcox.test(c$x, c$y, conf.int = TRUE, exact = FALSE, correct = TRUE, conf.level = c$conf,
                   tol.root = 1e-12)
  hl <- median(outer(c$x, c$y, "-"))
  cat(c$name, length(c$x), length(c$y), c$conf,
      sprintf("%.17g", c(r$statistic, r$p.value, r$estimate, r$conf.int,
                         t$estimate, t$conf.int, hl, mean(c$x) / mean(c$y),
                         r$statistic / (length(c$x) * length(c$y)))), "\n")
}

# Output (R version 4.2.2 Patched (2022-11-10 r83330), Debian package r-base-core):
#   R version 4.2.2 Patched (2022-11-10 r83330)
#   case n m conf W p.value estimate lower upper estimate.tight lower.tight upper.tight hl mean.ratio cles
#   ties 9 8 0.94999999999999996 54 0.085004311955817091 1.0000647102623954 -5.4787730556460517e-06 2.9999587208853189 1.0000000000000331 -8.9327066713824753e-15 2.9999999999997855 1 1.4299516908212559 0.75
#   shift-up 200 200 0.94999999999999996 24132 0.0003522145372128623 3.6604071572929868 1.6941416079641245 5.6843023613102313 3.6604071572929868 1.6941313813943792 5.6843561996201082 3.660755776075689 1.0374364731713985 0.60329999999999995
#   unequal 7 40 0.90000000000000002 181 0.22621406346492806 3.0780776646995704 -1.0205956368880602 7.5770257320687806 3.0780776646995704 -1.0205578271839042 7.5770006229046896 3.0862454988074894 1.0455808608113191 0.64642857142857146
#   shift-down 300 250 0.97999999999999998 19051 2.7508071440011866e-23 -2.9120712550070249 -3.5432234452735121 -2.2852236310573169 -2.9120712550070249 -3.5431975898983148 -2.2852039706181779 -2.9120422836741682 0.90294009008258092 0.25401333333333331
#   same 100 100 0.94999999999999996 5632 0.1228307559696887 1.2443999457656074 -0.33500344867003778 2.7984006700433923 1.2443999457656074 -0.3349522758392845 2.7983614315631731 1.2437114187595135 1.0267032838029861 0.56320000000000003
#   identical 50 50 0.94999999999999996 1250 1 0 -0.85116738965642069 0.85116738965642069 0 -0.85110603401597662 0.85110603401597662 0 1 0.5
#   one-cand 1 8 0.80000000000000004 6 0.56127583613457777 4.538680829522681 -5 9 4.538680829522681 -5 9 5 1.6000000000000001 0.75
#   one-base 7 1 0.80000000000000004 6 0.38273308888522606 5.0000167641062703 -2 10 4.9999999999997629 -2 10 5 2.4285714285714284 0.8571428571428571
#   poisson 1200 1000 0.98999999999999999 660846 3.9579500185318018e-05 0.99998381440499196 1.0175816505063936e-05 1.0000659539227112 0.99999999999963063 2.6251265822465781e-13 1.0000000000001406 1 1.0398793675837359 0.550705
#   large 5000 5000 0.98999999999999999 12783462 0.049555529978688312 0.38167556195967373 -0.11972763951784506 0.88247294840871693 0.38169281127892329 -0.11973847515342484 0.88245463342320085 0.38169281196041016 1.0241049048031703 0.51133848000000004
