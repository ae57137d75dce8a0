package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from R. Provenance: R 4.2.2 Patched (2022-11-10 r83330), Debian r-base-core,
 * {@code wilcox.test(candidate, baseline, conf.int = TRUE, exact = FALSE, correct = TRUE,
 * conf.level = C)}, once with the default {@code tol.root = 1e-4} and once with
 * {@code tol.root = 1e-12}; {@code hl = median(outer(candidate, baseline, "-"))}. The script,
 * its sample files and its output are in {@code src/test/resources/kayenta/} ({@code reference.R}).
 */
class MannWhitneyTest {

    /** One row of reference.R's output; "tight" is the tol.root = 1e-12 run, "r" the default one. */
    record Reference(String name, int n, int m, double confidence, double u, double pValue, double hodgesLehmann,
            double lowerTight, double upperTight, double rEstimateTight, double lowerR, double upperR,
            double meanRatio, double cles) {
    }

    static final List<Reference> REFERENCES = List.of(
            // name, n (candidate), m (baseline), conf, W, p.value, hl,
            //     lower.tight, upper.tight, estimate.tight, lower, upper, mean.ratio, cles
            new Reference("ties", 9, 8, 0.95, 54, 0.085004311955817091, 1,
                    -8.9327066713824753e-15, 2.9999999999997855, 1.0000000000000331, -5.4787730556460517e-06, 2.9999587208853189, 1.4299516908212559, 0.75),
            new Reference("shift-up", 200, 200, 0.95, 24132, 0.0003522145372128623, 3.660755776075689,
                    1.6941313813943792, 5.6843561996201082, 3.6604071572929868, 1.6941416079641245, 5.6843023613102313, 1.0374364731713985, 0.60329999999999995),
            new Reference("unequal", 7, 40, 0.9, 181, 0.22621406346492806, 3.0862454988074894,
                    -1.0205578271839042, 7.5770006229046896, 3.0780776646995704, -1.0205956368880602, 7.5770257320687806, 1.0455808608113191, 0.64642857142857146),
            new Reference("shift-down", 300, 250, 0.98, 19051, 2.7508071440011866e-23, -2.9120422836741682,
                    -3.5431975898983148, -2.2852039706181779, -2.9120712550070249, -3.5432234452735121, -2.2852236310573169, 0.90294009008258092, 0.25401333333333331),
            new Reference("same", 100, 100, 0.95, 5632, 0.1228307559696887, 1.2437114187595135,
                    -0.3349522758392845, 2.7983614315631731, 1.2443999457656074, -0.33500344867003778, 2.7984006700433923, 1.0267032838029861, 0.56320000000000003),
            new Reference("identical", 50, 50, 0.95, 1250, 1, 0,
                    -0.85110603401597662, 0.85110603401597662, 0, -0.85116738965642069, 0.85116738965642069, 1, 0.5),
            new Reference("one-cand", 1, 8, 0.8, 6, 0.56127583613457777, 5,
                    -5, 9, 4.538680829522681, -5, 9, 1.6000000000000001, 0.75),
            new Reference("one-base", 7, 1, 0.8, 6, 0.38273308888522606, 5,
                    -2, 10, 4.9999999999997629, -2, 10, 2.4285714285714284, 0.8571428571428571),
            new Reference("poisson", 1200, 1000, 0.99, 660846, 3.9579500185318018e-05, 1,
                    2.6251265822465781e-13, 1.0000000000001406, 0.99999999999963063, 1.0175816505063936e-05, 1.0000659539227112, 1.0398793675837359, 0.550705),
            new Reference("large", 5000, 5000, 0.99, 12783462, 0.049555529978688312, 0.38169281196041016,
                    -0.11973847515342484, 0.88245463342320085, 0.38169281127892329, -0.11972763951784506, 0.88247294840871693, 1.0241049048031703, 0.51133848000000004));

    /** The samples reference.R writes inline rather than to files: {baseline, candidate}. */
    private static final Map<String, double[][]> INLINE = Map.of(
            "ties", new double[][] {{1, 2, 2, 3, 3, 3, 4, 5}, {2, 3, 3, 4, 4, 4, 5, 6, 6}},
            "one-cand", new double[][] {{1, 2, 3, 4, 6, 7, 12, 15}, {10}},
            "one-base", new double[][] {{3}, {1, 4, 5, 8, 9, 11, 13}});

    static Reference reference(String name) {
        return REFERENCES.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** {baseline, candidate} of a reference case, read from the very files R read. */
    static double[][] samples(String name) {
        if (INLINE.containsKey(name)) {
            return INLINE.get(name);
        }
        if (name.equals("identical")) {
            double[] same = resource("identical.txt");
            return new double[][] {same, same.clone()};
        }
        return new double[][] {resource(name + "-baseline.txt"), resource(name + "-candidate.txt")};
    }

    static double[] resource(String file) {
        try (InputStream in = MannWhitneyTest.class.getResourceAsStream("/kayenta/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Reference> references() {
        return REFERENCES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void agreesWithRsWilcoxTest(Reference r) {
        double[][] s = samples(r.name());
        MannWhitneyResult result = MannWhitney.test(s[0], s[1], r.confidence());

        assertThat(result.candidateSize()).isEqualTo(r.n());
        assertThat(result.baselineSize()).isEqualTo(r.m());
        assertThat(result.u()).isEqualTo(r.u());
        assertThat(result.pValue()).isCloseTo(r.pValue(), within(1e-9 * r.pValue()));
        assertThat(result.estimate()).isCloseTo(r.hodgesLehmann(), within(1e-12 * Math.max(1, Math.abs(r.hodgesLehmann()))));
        // Against the tight run, to 1e-6 relative (1e-10 absolute where the end is 0).
        assertThat(result.lower()).isCloseTo(r.lowerTight(), within(1e-6 * Math.abs(r.lowerTight()) + 1e-10));
        assertThat(result.upper()).isCloseTo(r.upperTight(), within(1e-6 * Math.abs(r.upperTight()) + 1e-10));
        // Against R's defaults: within the 1e-4 its root search stops at.
        assertThat(result.lower()).isCloseTo(r.lowerR(), within(1e-4));
        assertThat(result.upper()).isCloseTo(r.upperR(), within(1e-4));
        assertThat(result.commonLanguageEffectSize()).isCloseTo(r.cles(), within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void rsOwnEstimateLiesBetweenTheTwoMiddleDifferences(Reference r) {
        // R's approximate-mode estimate is any root of the uncorrected z statistic; the
        // Hodges-Lehmann median is the midpoint of the interval such roots lie in.
        double[][] s = samples(r.name());
        double[] x = MannWhitney.sortedWithoutNaN(s[1], "candidate");
        double[] y = MannWhitney.sortedWithoutNaN(s[0], "baseline");
        MannWhitneyDifferences d = new MannWhitneyDifferences(x, y);
        long size = d.size();
        double low = d.kth((size + 1) / 2);
        double high = d.kth(size / 2 + 1);

        assertThat(r.rEstimateTight()).isBetween(low - 1e-9, high + 1e-9);
    }

    @Test
    void nanValuesAreLeftOut() {
        double[][] s = samples("ties");
        double[] baseline = {Double.NaN, 1, 2, 2, 3, Double.NaN, 3, 3, 4, 5};
        double[] candidate = {2, 3, 3, 4, 4, 4, 5, 6, 6, Double.NaN};

        assertThat(MannWhitney.test(baseline, candidate, 0.95)).isEqualTo(MannWhitney.test(s[0], s[1], 0.95));
    }

    @Test
    void allValuesTiedGiveTheOnlyShiftThereIs() {
        // R stops with "cannot compute confidence interval when all observations are tied".
        MannWhitneyResult apart = MannWhitney.test(new double[] {3, 3}, new double[] {5, 5, 5}, 0.95);
        assertThat(List.of(apart.estimate(), apart.lower(), apart.upper())).containsOnly(2.0);

        MannWhitneyResult same = MannWhitney.test(new double[] {4, 4}, new double[] {4}, 0.95);
        assertThat(List.of(same.estimate(), same.lower(), same.upper())).containsOnly(0.0);
        assertThat(same.pValue()).isEqualTo(1.0);
        assertThat(same.z()).isNaN();
    }

    @Test
    void refusesWhatHasNoAnswer() {
        assertThatThrownBy(() -> MannWhitney.test(new double[] {Double.NaN}, new double[] {1}, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseline 0");
        assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {Double.POSITIVE_INFINITY}, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate holds an infinite value");
        assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {2}, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence must be between 0 and 1");
    }

    @Test
    @Timeout(30)
    void largeSamplesNeedNoPairwiseMatrix() {
        // 200,000 x 200,000 = 4e10 differences: 320 GB if they were stored.
        SplittableRandom random = new SplittableRandom(7);
        double[] baseline = random.doubles(200_000).map(v -> 20 * Math.exp(v)).toArray();
        double[] candidate = Arrays.stream(baseline).map(v -> v + 7).toArray();

        MannWhitneyResult r = MannWhitney.test(baseline, candidate, 0.99);

        assertThat(r.estimate()).isCloseTo(7.0, within(1e-9));
        assertThat(r.lower()).isLessThan(7.0);
        assertThat(r.upper()).isGreaterThan(7.0);
        assertThat(r.pValue()).isLessThan(1e-100);
    }
}
