package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** How much more traffic would decide: the 1/sqrt(n) rule and the rescaled Newcombe interval. */
class SampleSizeProjectionTest {

    private static DifferenceEstimate interval(double estimate, double lower, double upper) {
        return new DifferenceEstimate(estimate, lower, upper, 0.98, DifferenceEstimate.NEWCOMBE);
    }

    @Test
    void belowTheMarginTheUpperBoundMustComeDownToIt() {
        // Upper bound 2 points above the estimate, 1 point of room: half-width must halve, k = 4.
        DifferenceEstimate e = interval(0.01, -0.01, 0.03);
        assertThat(SampleSizeProjection.scaleFactor(e, 0.02).getAsDouble()).isCloseTo(4, within(1e-12));
        assertThat(SampleSizeProjection.requiredPerSide(e, 0.02, 1000).getAsLong()).isEqualTo(4000);
    }

    @Test
    void aboveTheMarginTheLowerBoundMustRiseAboveIt() {
        DifferenceEstimate e = interval(0.05, 0.01, 0.09);
        assertThat(SampleSizeProjection.scaleFactor(e, 0.03).getAsDouble()).isCloseTo(4, within(1e-12));
    }

    @Test
    void aDecidedIntervalNeedsNothingMore() {
        DifferenceEstimate e = interval(0.0, -0.005, 0.004);
        assertThat(SampleSizeProjection.scaleFactor(e, 0.01).getAsDouble()).isEqualTo(1);
        assertThat(SampleSizeProjection.requiredPerSide(e, 0.01, 700).getAsLong()).isEqualTo(700);
    }

    @Test
    void anEstimateOnTheMarginOrNoDataIsNeverDecided() {
        assertThat(SampleSizeProjection.scaleFactor(interval(0.02, 0.0, 0.04), 0.02)).isEmpty();
        assertThat(SampleSizeProjection.scaleFactor(DifferenceEstimate.noData(0.98), 0.02)).isEmpty();
        assertThat(SampleSizeProjection.newcombeScaleFactor(ErrorCount.of(0, 0), ErrorCount.of(1, 9), 0.98, 0.02)).isEmpty();
        assertThat(SampleSizeProjection.newcombeScaleFactor(ErrorCount.of(1, 100), ErrorCount.of(3, 100), 0.98, 0.02)).isEmpty();
        assertThatThrownBy(() -> SampleSizeProjection.requiredPerSide(interval(0, -0.1, 0.1), 0.02, 0))
                .hasMessageContaining("currentPerSide must be > 0 (was 0)");
    }

    @Test
    void theRescaledNewcombeIntervalDecidesExactlyAtItsFactor() {
        ErrorCount b = ErrorCount.of(12, 800);
        ErrorCount c = ErrorCount.of(15, 800);
        double margin = 0.01;
        double k = SampleSizeProjection.newcombeScaleFactor(b, c, 0.98, margin).getAsDouble();
        assertThat(k).isGreaterThan(1);
        assertThat(ErrorRateDifference.newcombe(k * 12, k * 800, k * 15, k * 800, 0.98).upper()).isLessThanOrEqualTo(margin);
        double before = k / 1.01;
        assertThat(ErrorRateDifference.newcombe(before * 12, before * 800, before * 15, before * 800, 0.98).upper())
                .isGreaterThan(margin);
        // Away from rate 0 the 1/sqrt(n) rule lands close to it.
        double rule = SampleSizeProjection.scaleFactor(ErrorRateDifference.newcombe(b, c, 0.98), margin).getAsDouble();
        assertThat(rule / k).isBetween(0.8, 1.25);
    }

    @Test
    void atRateZeroTheRescaledIntervalIsSharperThanTheSquareRootRule() {
        // No errors on either side: Wilson bounds shrink like 1/n, so the 1/sqrt(n) rule over-asks.
        ErrorCount none = ErrorCount.of(0, 200);
        double margin = 0.005;
        OptionalDouble rescaled = SampleSizeProjection.newcombeScaleFactor(none, none, 0.98, margin);
        double rule = SampleSizeProjection.scaleFactor(ErrorRateDifference.newcombe(none, none, 0.98), margin).getAsDouble();
        assertThat(rescaled.getAsDouble()).isGreaterThan(1).isLessThan(rule);
    }
}
