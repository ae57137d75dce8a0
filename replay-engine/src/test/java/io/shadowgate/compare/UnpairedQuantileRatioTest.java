package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.Histograms;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class UnpairedQuantileRatioTest {

    private static Histogram ranks(int n, int scale) {
        Histogram h = Histograms.newHistogram();
        for (int i = 1; i <= n; i++) {
            h.recordValue((long) i * scale * 1_000);
        }
        return h;
    }

    /**
     * Known answer. For n = 2000 and the median, the 95 % order-statistic interval is
     * [X(956), X(1045)]; with X(i) = i ms, SE(log median) = (ln 1045 - ln 956) / (2 z(0.975)) =
     * 0.022708134447786688, and the two independent sides add in quadrature: sqrt(2) x that =
     * 0.03211415171225161. Computed with scipy 1.17.1: binom.ppf(0.975, 2000, 0.5) + 1 and
     * binom.ppf(0.025, 2000, 0.5), norm.ppf(0.975). The tolerance covers the histogram's 0.1 %
     * value resolution.
     */
    @Test
    void theStandardErrorComesFromEachSidesOrderStatisticInterval() {
        QuantileRatio r = UnpairedQuantileRatio.estimate(ranks(2000, 1), ranks(2000, 2), 50);

        assertThat(r.estimate()).isCloseTo(2.0, within(0.003));
        assertThat(r.logSe()).isCloseTo(0.03211415171225161, within(4e-4));
        assertThat(r.samples()).isEqualTo(2000);
        assertThat(r.upper(0.95)).isGreaterThan(r.estimate());
        assertThat(r.lower(0.95)).isLessThan(r.estimate());
    }

    /**
     * Coverage: candidate latency 10 % slower at every quantile, samples drawn independently
     * (log-normal, sigma 0.5, 5,000 a side). The one-sided 95 % upper bound of the p99 ratio must
     * reach the true 1.10 about 95 % of the time, and so must the lower bound stay under it;
     * with 300 seeded experiments, 90 % leaves four standard errors of slack.
     */
    @Test
    void itsOneSidedBoundsCoverTheTrueRatioAtTheirLevel() {
        SplittableRandom random = new SplittableRandom(11);
        int upperCovers = 0;
        int lowerCovers = 0;
        int runs = 300;
        for (int run = 0; run < runs; run++) {
            Histogram b = Histograms.newHistogram();
            Histogram c = Histograms.newHistogram();
            for (int i = 0; i < 5_000; i++) {
                b.recordValue(Math.round(10_000 * Math.exp(0.5 * gaussian(random))));
                c.recordValue(Math.round(11_000 * Math.exp(0.5 * gaussian(random))));
            }
            QuantileRatio r = UnpairedQuantileRatio.estimate(b, c, 99);
            upperCovers += r.upper(0.95) >= 1.10 ? 1 : 0;
            lowerCovers += r.lower(0.95) <= 1.10 ? 1 : 0;
        }
        assertThat(upperCovers).isGreaterThanOrEqualTo((int) (0.90 * runs));
        assertThat(lowerCovers).isGreaterThanOrEqualTo((int) (0.90 * runs));
        // Honest, not padded: not every single experiment covers either.
        assertThat(upperCovers + lowerCovers).isLessThan(2 * runs);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
