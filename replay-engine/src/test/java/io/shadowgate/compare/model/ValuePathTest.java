package io.shadowgate.compare.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuePathTest {

    private static final JsonNode DOC = read("""
            {"label": "cat", "prediction": {"score": 0.93},
             "class.probs": {"it's": 0.5}, "class-probs": {"cat": 0.7},
             "outputs": [{"score": 0.1}, {"score": 0.2}], "none": null}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // path                    | canonical                 | value found
        "$.label                   | $.label                   | \"cat\"",
        "$.prediction.score        | $.prediction.score        | 0.93",
        "$['prediction']['score']  | $.prediction.score        | 0.93",   // quoted identifiers read as plain
        "$['class.probs']['it\\'s'] | $['class.probs']['it\\'s'] | 0.5",   // escaped quote inside a key
        "$.outputs[1].score        | $.outputs[1].score        | 0.2",
        "$['class-probs'].cat      | $.class-probs.cat         | 0.7",       // '-' is allowed in plain names
        "$                         | $                         | ",
    })
    void parsesFindsAndPrintsCanonically(String text, String canonical, String found) {
        ValuePath path = ValuePath.parse(text);
        assertThat(path.toString()).isEqualTo(canonical);
        if (found != null) {
            assertThat(path.find(DOC)).isEqualTo(read(found));
        } else {
            assertThat(path.find(DOC)).isSameAs(DOC);
        }
    }

    @Test
    void absentStepsGiveNullAndJsonNullIsANode() {
        assertThat(ValuePath.parse("$.missing.score").find(DOC)).isNull();
        assertThat(ValuePath.parse("$.label.score").find(DOC)).isNull();   // a string has no fields
        assertThat(ValuePath.parse("$.outputs[5]").find(DOC)).isNull();
        assertThat(ValuePath.parse("$.prediction[0]").find(DOC)).isNull(); // an object has no indices
        assertThat(ValuePath.parse("$.none").find(DOC).isNull()).isTrue();
    }

    @Test
    void equalityIsOnTheCanonicalForm() {
        assertThat(ValuePath.parse("$['label']")).isEqualTo(ValuePath.parse("$.label"))
                .hasSameHashCodeAs(ValuePath.parse("$.label"));
    }

    @Test
    void errorsNameThePathTheOffsetAndTheFix() {
        assertThatThrownBy(() -> ValuePath.parse("label")).hasMessage("path must start with '$' (was 'label')");
        assertThatThrownBy(() -> ValuePath.parse("$.top 5"))
                .hasMessage("path '$.top 5' at offset 1: '.top 5' is not a plain name; write it as ['top 5']");
        assertThatThrownBy(() -> ValuePath.parse("$.outputs[*].score")).hasMessageContaining("[*] names many values");
        assertThatThrownBy(() -> ValuePath.parse("$['open")).hasMessageContaining("a quoted key must end with ']");
        assertThatThrownBy(() -> ValuePath.parse("$.a[x]")).hasMessageContaining("offset 3: expected ['key'] or an array index");
        assertThatThrownBy(() -> ValuePath.parse("$x")).hasMessageContaining("offset 1: expected '.', ['key'] or [index]");
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
