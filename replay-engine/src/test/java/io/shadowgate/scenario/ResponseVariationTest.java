package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.ResponseVariation.LabelFlip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record's own rules, for variations built in code rather than read from a file. */
class ResponseVariationTest {

    private static ResponseVariation reshape(Map<String, String> renames, List<String> drops, List<String> strings,
                                             boolean nondeterministic) {
        return new ResponseVariation(null, 0, null, renames, drops, strings, nondeterministic);
    }

    @Test
    void nullCollectionsMeanNoneAndAProfileWithoutVariationHasNone() {
        assertThat(new ResponseVariation(null, 0, null, null, null, null, false)).isEqualTo(ResponseVariation.NONE);
        assertThat(new SimulatedProfile("v1", LatencyProfile.INSTANT, 0, 503, List.of()).responses())
                .isEqualTo(ResponseVariation.NONE);
        assertThat(new SimulatedProfile("v1", LatencyProfile.INSTANT, 0, 503, List.of(), null).responses())
                .isEqualTo(ResponseVariation.NONE);
    }

    @Test
    void collectionsAreCopied() {
        Map<String, String> renames = new HashMap<>(Map.of("score", "p"));
        ResponseVariation variation = reshape(renames, List.of(), List.of(), false);
        renames.put("label", "q");
        assertThat(variation.renameFields()).containsOnlyKeys("score");
    }

    @Test
    void shiftsOutsideTheRangeOrOffTheSixDecimalGridAreRefused() {
        assertThat(ResponseVariation.isValidShift(0.004)).isTrue();
        assertThat(ResponseVariation.isValidShift(-0.123456)).isTrue();
        assertThat(ResponseVariation.isValidShift(1)).isTrue();
        assertThat(ResponseVariation.isValidShift(1.000001)).isFalse();
        assertThat(ResponseVariation.isValidShift(0.0000005)).isFalse();
        assertThat(ResponseVariation.isValidShift(Double.NaN)).isFalse();
        assertThatThrownBy(() -> new ResponseVariation(null, -2, null, null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scoreShift");
    }

    @Test
    void aFlipNeedsAFeatureIndexAndAFiniteBound() {
        assertThat(new LabelFlip(0, 0.8).applies(new double[] {0.81})).isTrue();
        assertThat(new LabelFlip(0, 0.8).applies(new double[] {0.8})).isFalse();
        assertThat(new LabelFlip(1, 0.8).applies(new double[] {5})).isFalse();
        assertThatThrownBy(() -> new LabelFlip(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelFlip(0, Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reshapingThatWouldBreakTheAnswerIsRefused() {
        // Each would give duplicate keys, name a field the answer lacks, or contradict itself.
        List<Runnable> broken = List.of(
                () -> reshape(Map.of("score", "label"), List.of(), List.of(), false),
                () -> reshape(Map.of("score", "x", "label", "x"), List.of(), List.of(), false),
                () -> reshape(Map.of("score", " "), List.of(), List.of(), false),
                () -> reshape(Map.of("scor", "x"), List.of(), List.of(), false),
                () -> reshape(Map.of(), List.of("traceId"), List.of(), false),
                () -> reshape(Map.of("label", "y"), List.of("label"), List.of(), false),
                () -> reshape(Map.of(), List.of("score", "score"), List.of(), false),
                () -> reshape(Map.of(), List.of(), List.of("label"), false),
                () -> reshape(Map.of(), List.of("score"), List.of("score"), false),
                () -> new ResponseVariation(" ", 0, null, null, null, null, false));
        for (int i = 0; i < broken.size(); i++) {
            assertThatThrownBy(broken.get(i)::run).as("case %d", i).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(reshape(Map.of("traceId", "trace"), List.of("servedAt"), List.of("score"), true).renameFields())
                .containsEntry("traceId", "trace");
    }
}
