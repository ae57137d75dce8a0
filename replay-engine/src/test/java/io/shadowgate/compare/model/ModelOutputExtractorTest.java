package io.shadowgate.compare.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelOutputExtractorTest {

    private final ModelOutputExtractor labelAndScore =
            new ModelOutputExtractor(ModelOutputPaths.of("$.label", "$.prediction.score", null));
    private final ModelOutputExtractor map = new ModelOutputExtractor(ModelOutputPaths.of(null, null, "$.probabilities"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // body                                            | label | label status | score | score status
        "{\"label\": \"cat\", \"prediction\": {\"score\": 0.9}} | cat   | PRESENT | 0.9 | PRESENT",
        "{\"label\": 3, \"prediction\": {\"score\": 1}}         | 3     | PRESENT | 1.0 | PRESENT",
        "{\"label\": 3.0, \"prediction\": {\"score\": -2e-3}}   | 3     | PRESENT | -0.002 | PRESENT",  // 3.0 reads as 3
        "{\"label\": true}                                     | true  | PRESENT | NaN | MISSING",
        "{\"label\": null, \"prediction\": {\"score\": null}}   |       | MISSING | NaN | MISSING",
        "{\"label\": [\"cat\"], \"prediction\": {\"score\": \"0.9\"}} | | INVALID | NaN | INVALID",  // quoted number is not a score
        "{\"label\": {}, \"prediction\": 0.9}                   |       | INVALID | NaN | MISSING",
        "{\"label\": 1e999, \"prediction\": {\"score\": 1e999}} |       | INVALID | NaN | INVALID",   // infinite
        "[1, 2]                                                |       | MISSING | NaN | MISSING",
    })
    void readsLabelAndScoreAndClassifiesTheRest(String body, String label, FieldStatus labelStatus, double score,
                                                 FieldStatus scoreStatus) {
        ModelOutput out = labelAndScore.extract(body.getBytes(UTF_8));
        assertThat(out.json()).isTrue();
        assertThat(out.label()).isEqualTo(label);
        assertThat(out.labelStatus()).isEqualTo(labelStatus);
        assertThat(out.scoreStatus()).isEqualTo(scoreStatus);
        if (Double.isNaN(score)) {
            assertThat(out.score()).isNaN();
        } else {
            assertThat(out.score()).isEqualTo(score);
        }
    }

    @Test
    void bodiesThatAreNotOneJsonDocumentReadAsNotJson() {
        for (String body : new String[] {"", "  ", "<html>oops</html>", "{\"label\": \"cat\"} {\"label\": \"dog\"}",
                "{\"label\": ", "cat"}) {
            assertThat(labelAndScore.extract(body.getBytes(UTF_8))).as(body).isEqualTo(ModelOutput.NOT_JSON);
        }
        assertThat(labelAndScore.extract((byte[]) null)).isEqualTo(ModelOutput.NOT_JSON);
    }

    @Test
    void aProbabilityMapGivesItsArgmaxAsLabelAndTopProbabilityAsScore() {
        ModelOutput out = map.extract("{\"probabilities\": {\"cat\": 0.2, \"dog\": 0.7, \"eel\": 0.1}}".getBytes(UTF_8));
        assertThat(out.label()).isEqualTo("dog");
        assertThat(out.score()).isEqualTo(0.7);
        assertThat(out.probabilities()).isEqualTo(Map.of("cat", 0.2, "dog", 0.7, "eel", 0.1));
    }

    @Test
    void argmaxTiesGoToTheSmallestClassName() {
        ModelOutput out = map.extract("{\"probabilities\": {\"zebra\": 0.5, \"ant\": 0.5}}".getBytes(UTF_8));
        assertThat(out.label()).isEqualTo("ant");
    }

    @Test
    void aMapWithANonNumericEntryOrNoEntriesIsInvalid() {
        for (String body : new String[] {"{\"probabilities\": {\"cat\": \"0.2\"}}", "{\"probabilities\": {}}",
                "{\"probabilities\": [0.2, 0.8]}"}) {
            ModelOutput out = map.extract(body.getBytes(UTF_8));
            assertThat(out.scoreStatus()).as(body).isEqualTo(FieldStatus.INVALID);
            assertThat(out.labelStatus()).as(body).isEqualTo(FieldStatus.INVALID);
            assertThat(out.probabilities()).isEmpty();
        }
    }

    @Test
    void aLabelPathOverridesTheArgmax() {
        ModelOutputExtractor both = new ModelOutputExtractor(ModelOutputPaths.of("$.label", null, "$.p"));
        ModelOutput out = both.extract("{\"label\": \"cat\", \"p\": {\"cat\": 0.4, \"dog\": 0.6}}".getBytes(UTF_8));
        assertThat(out.label()).isEqualTo("cat");
        assertThat(out.score()).isEqualTo(0.6);
    }

    @Test
    void pathsNeedSomethingToReadAndOneScoreSource() {
        assertThatThrownBy(() -> ModelOutputPaths.of(null, " ", null)).hasMessageContaining("at least one of");
        assertThatThrownBy(() -> ModelOutputPaths.of(null, "$.score", "$.p")).hasMessageContaining("are alternatives");
    }
}
