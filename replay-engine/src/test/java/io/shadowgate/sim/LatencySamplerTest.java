package io.shadowgate.sim;

import io.shadowgate.scenario.LatencyProfile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The latency distribution, sampled without sockets or clocks. */
class LatencySamplerTest {

    private static final int N = 10_000;

    private static double[] samplesMs(LatencyProfile profile, long seed) {
        LatencySampler sampler = new LatencySampler(profile);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            out[i] = sampler.sampleNanos(rng) / 1e6;
        }
        Arrays.sort(out);
        return out;
    }

    @Test
    void sigmaZeroIsAConstant() {
        double[] ms = samplesMs(new LatencyProfile(20, 0, 0, 0), 1);
        assertThat(ms[0]).isEqualTo(20.0);
        assertThat(ms[N - 1]).isEqualTo(20.0);
    }

    @Test
    void medianOfTheBodyIsMedianMs() {
        double[] ms = samplesMs(new LatencyProfile(40, 0.5, 0, 0), 7);
        assertThat(ms[N / 2]).isCloseTo(40, within(2.0));
    }

    @Test
    void sigmaIsTheSpreadOfTheLogarithm() {
        double[] ms = samplesMs(new LatencyProfile(10, 0.3, 0, 0), 11);
        double mean = Arrays.stream(ms).map(Math::log).average().orElseThrow();
        double var = Arrays.stream(ms).map(v -> (Math.log(v) - mean) * (Math.log(v) - mean)).sum() / (N - 1);
        assertThat(Math.sqrt(var)).isCloseTo(0.3, within(0.02));
    }

    @Test
    void tailFractionIsTailProbability() {
        // Body around 10 ms, tail around 1000 ms: with sigma 0.2 the two never overlap at 100 ms.
        double[] ms = samplesMs(new LatencyProfile(10, 0.2, 0.1, 1000), 3);
        long tail = Arrays.stream(ms).filter(v -> v > 100).count();
        assertThat(tail / (double) N).isCloseTo(0.1, within(0.015));
        assertThat(ms[N / 2]).isCloseTo(10, within(1.0));
    }

    @Test
    void sameSeedSameSamples() {
        assertThat(samplesMs(new LatencyProfile(5, 1, 0.05, 200), 42))
                .containsExactly(samplesMs(new LatencyProfile(5, 1, 0.05, 200), 42));
    }

    @Test
    void absurdDrawsAreCappedAtMaxLatency() {
        double[] ms = samplesMs(new LatencyProfile(1000, 20, 0, 0), 5);
        assertThat(ms[N - 1]).isLessThanOrEqualTo(LatencySampler.MAX_LATENCY.toMillis());
    }

    @Test
    void instantIsZero() {
        assertThat(samplesMs(LatencyProfile.INSTANT, 1)[N - 1]).isZero();
    }

    @Test
    void invalidProfilesNameTheFieldAndValue() {
        assertThatThrownBy(() -> new LatencySampler(new LatencyProfile(-1, 0, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency.medianMs").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new LatencySampler(new LatencyProfile(1, 0, 1.5, 0)))
                .hasMessageContaining("latency.tailProbability").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new LatencySampler(new LatencyProfile(1, Double.NaN, 0, 0)))
                .hasMessageContaining("latency.sigma");
    }
}
