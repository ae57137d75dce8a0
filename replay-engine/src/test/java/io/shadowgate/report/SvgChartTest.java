package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.metrics.IntervalPoint;
import io.shadowgate.metrics.OutcomeCounts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The chart primitives and the figures the charts derive, without rendering a page. */
class SvgChartTest {

    @Test
    void shortLinesAreDrawnAsTheyAre() {
        double[] xs = {0, 1, 2};
        double[] ys = {5, Double.NaN, 7};

        double[][] drawn = SvgChart.downsample(xs, ys, 600);

        assertThat(drawn[0]).isSameAs(xs);
        assertThat(drawn[1]).isSameAs(ys);
    }

    @Test
    void longLinesKeepEachBucketsLowestAndHighestInTheirOrder() {
        // Two hours at one point a second: a flat 10 with one spike to 500 and one dip to 1.
        int n = 7_200;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = 10;
        }
        ys[1_234] = 500;
        ys[1_230] = 1;

        double[][] drawn = SvgChart.downsample(xs, ys, 600);

        assertThat(drawn[0].length).isLessThanOrEqualTo(600);
        assertThat(Arrays.stream(drawn[1]).max().orElseThrow()).isEqualTo(500);
        assertThat(Arrays.stream(drawn[1]).min().orElseThrow()).isEqualTo(1);
        // The dip came first, so it is drawn first; x stays in order everywhere.
        int dip = indexOf(drawn[1], 1);
        assertThat(drawn[1][dip + 1]).isEqualTo(500);
        assertThat(drawn[0]).isSorted();
    }

    @Test
    void aBucketWithoutValuesBecomesAGapAndShorterGapsCloseUp() {
        int n = 1_200;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            // 300 buckets of 4: bucket 10 (points 40-43) is empty; point 81 alone is NaN.
            ys[i] = i >= 40 && i < 44 || i == 81 ? Double.NaN : i;
        }

        double[][] drawn = SvgChart.downsample(xs, ys, 600);

        assertThat(Arrays.stream(drawn[1]).filter(Double::isNaN).count()).isEqualTo(1);
        assertThat(drawn[0][indexOf(drawn[1], Double.NaN)]).isEqualTo(40);
    }

    @Test
    void axesGetRoundValues() {
        assertThat(SvgChart.niceCeiling(71.9)).isEqualTo(100);
        assertThat(SvgChart.niceCeiling(0.033)).isEqualTo(0.05);
        assertThat(SvgChart.niceCeiling(200)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
        assertThat(SvgChart.niceFloor(10.7)).isEqualTo(10);
        assertThat(SvgChart.niceFloor(0.07)).isEqualTo(0.05);
        assertThat(SvgChart.linearTicks(100)).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(SvgChart.linearTicks(200)).containsExactly(0.0, 50.0, 100.0, 150.0, 200.0);
        assertThat(SvgChart.linearTicks(500)).containsExactly(0.0, 100.0, 200.0, 300.0, 400.0, 500.0);
        assertThat(SvgChart.logTicks(10, 5000)).containsExactly(10.0, 100.0, 1000.0);
        assertThat(SvgChart.logTicks(5, 200)).containsExactly(5.0, 10.0, 20.0, 50.0, 100.0, 200.0);
        assertThat(SvgChart.tickNumber(1000)).isEqualTo("1000");
        assertThat(SvgChart.tickNumber(0.05)).isEqualTo("0.05");
        assertThat(SvgChart.tickNumber(0.6000000000000001)).isEqualTo("0.6");
    }

    @Test
    void timeLabelsReadAsDurations() {
        assertThat(SvgTimeSeries.timeLabel(0)).isEqualTo("0");
        assertThat(SvgTimeSeries.timeLabel(45)).isEqualTo("45 s");
        assertThat(SvgTimeSeries.timeLabel(90)).isEqualTo("1 min 30 s");
        assertThat(SvgTimeSeries.timeLabel(1_800)).isEqualTo("30 min");
        assertThat(SvgTimeSeries.timeLabel(5_400)).isEqualTo("1 h 30 min");
        assertThat(SvgTimeSeries.timeLabel(7_200)).isEqualTo("2 h");
    }

    /**
     * Rows: a run whose errors are all 5xx (they are among the responses), one whose errors
     * are all timeouts (they are not), and an interval where nothing ended.
     */
    @Test
    void errorRateSplitsAnIntervalsErrorsByTheRunsMix() {
        double all5xx = SvgTimeSeries.share5xx(new OutcomeCounts(100, 80, 0, 0, 20, 0, 0, 0));
        double noneAre5xx = SvgTimeSeries.share5xx(new OutcomeCounts(100, 80, 0, 0, 0, 15, 5, 0));
        IntervalPoint halfFailed = new IntervalPoint(0, 1000, 10, 5, 12, 40);

        assertThat(all5xx).isEqualTo(1);
        assertThat(noneAre5xx).isEqualTo(0);
        // 10 responses of which 5 were 5xx: half failed.
        assertThat(SvgTimeSeries.errorPercent(halfFailed, all5xx)).isEqualTo(50);
        // 10 responses and 5 timeouts: a third failed.
        assertThat(SvgTimeSeries.errorPercent(halfFailed, noneAre5xx)).isCloseTo(33.33, within(0.01));
        // Everything timed out: no responses, all errors.
        assertThat(SvgTimeSeries.errorPercent(new IntervalPoint(0, 1000, 0, 10, Double.NaN, Double.NaN), 0.3))
                .isEqualTo(100);
        assertThat(SvgTimeSeries.errorPercent(new IntervalPoint(0, 1000, 0, 0, Double.NaN, Double.NaN), 0.3)).isNaN();
        assertThat(SvgTimeSeries.share5xx(OutcomeCounts.EMPTY)).isEqualTo(0);
    }

    private static int indexOf(double[] values, double wanted) {
        for (int i = 0; i < values.length; i++) {
            if (Double.compare(values[i], wanted) == 0) {
                return i;
            }
        }
        throw new AssertionError("no " + wanted + " in " + Arrays.toString(values));
    }
}
