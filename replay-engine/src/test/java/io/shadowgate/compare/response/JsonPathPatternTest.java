package io.shadowgate.compare.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The path grammar: what parses into what, and that canonical paths read back as patterns matching themselves. */
class JsonPathPatternTest {

    @Test
    void segmentsOfEachForm() {
        assertThat(JsonPathPattern.parse("$.items[*]['unit.price']..ts.*..*").segments()).containsExactly(
                new JsonPathPattern.Segment(JsonPathPattern.Match.FIELD, "items", false),
                new JsonPathPattern.Segment(JsonPathPattern.Match.ANY_ELEMENT, null, false),
                new JsonPathPattern.Segment(JsonPathPattern.Match.FIELD, "unit.price", false),
                new JsonPathPattern.Segment(JsonPathPattern.Match.FIELD, "ts", true),
                new JsonPathPattern.Segment(JsonPathPattern.Match.ANY_CHILD, null, false),
                new JsonPathPattern.Segment(JsonPathPattern.Match.ANY_CHILD, null, true));
        assertThat(JsonPathPattern.parse("$").segments()).isEmpty();
        assertThat(JsonPathPattern.parse("$['it\\'s']").segments())
                .containsExactly(new JsonPathPattern.Segment(JsonPathPattern.Match.FIELD, "it's", false));
    }

    /** Every canonical path a comparison writes is itself a pattern that an ignore rule can use as is. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a.b\":{\"x\":1}}                | {\"a.b\":{\"x\":2}}",
        "{\"it's\":[{\"\":1}]}              | {\"it's\":[{\"\":2}]}",
        "{\"k\\\\\":1}                      | {\"k\\\\\":2}",
        "[[{\"7\":1}]]                      | [[{\"7\":2}]]",
    })
    void canonicalPathsAreValidPatternsThatIgnoreThemselves(String baseline, String candidate) {
        List<Difference> found = new ResponseComparator(DiffRules.defaults())
                .compare(Responses.json(baseline.trim()), Responses.json(candidate.trim()));
        assertThat(found).hasSize(1);
        String path = found.get(0).path();
        assertThat(new ResponseComparator(DiffRules.defaults().ignoring(path))
                .compare(Responses.json(baseline.trim()), Responses.json(candidate.trim()))).as(path).isEmpty();
    }
}
