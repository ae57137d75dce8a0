package io.shadowgate.compare.response;

import static io.shadowgate.compare.response.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ignore, tolerance and normalisation rules, and what a bad rule says. */
class DiffRulesTest {

    private static List<String> paths(DiffRules rules, String baseline, String candidate) {
        return new ResponseComparator(rules).compare(json(baseline), json(candidate)).stream()
                .map(Difference::path).toList();
    }

    @Test
    void ignoredPathsWithWildcardsHideTheirSubtrees() {
        String baseline = """
                {"meta":{"requestId":"a1","region":"eu"},
                 "items":[{"id":1,"debug":{"host":"h1"},"timestamp":1},{"id":2,"debug":"x","timestamp":2}],
                 "timestamp":"t1","nested":{"deep":{"timestamp":"t1"}},
                 "debug":{"host":"h1","pid":11},
                 "price":10}""";
        String candidate = """
                {"meta":{"requestId":"b2","region":"eu"},
                 "items":[{"id":1,"debug":{"host":"h2","extra":1},"timestamp":9},{"id":2,"timestamp":8}],
                 "timestamp":"t2","nested":{"deep":{"timestamp":"t9"}},
                 "debug":{"host":"h2","pid":12,"new":true},
                 "price":11}""";
        DiffRules rules = DiffRules.defaults()
                .ignoring("$.meta.requestId", "$.items[*].debug", "$..timestamp", "$.debug.*");
        assertThat(paths(rules, baseline, candidate)).containsExactly("$.price");
        // Without the rules every one of them shows.
        assertThat(paths(DiffRules.defaults(), baseline, candidate)).containsExactlyInAnyOrder(
                "$.meta.requestId", "$.items[*].debug", "$.items[*].debug.host", "$.items[*].debug.extra",
                "$.items[*].timestamp", "$.items[*].timestamp", "$.timestamp", "$.nested.deep.timestamp",
                "$.debug.host", "$.debug.pid", "$.debug.new", "$.price");
    }

    @Test
    void anAnyChildPatternIgnoresTheChildrenNotTheFieldItself() {
        DiffRules rules = DiffRules.defaults().ignoring("$.debug.*");
        assertThat(paths(rules, "{\"debug\":{\"a\":1}}", "{}")).containsExactly("$.debug");
    }

    @Test
    void ignoringTheRootIgnoresTheBody() {
        assertThat(paths(DiffRules.defaults().ignoring("$"), "{\"a\":1}", "[2]")).isEmpty();
    }

    @Test
    void quotedNamesInRulesMatchQuotedNamesInBodies() {
        DiffRules rules = DiffRules.defaults().ignoring("$['a.b']", "$..[\"x y\"]");
        assertThat(paths(rules, "{\"a.b\":1,\"c\":{\"x y\":1},\"d\":1}", "{\"a.b\":2,\"c\":{\"x y\":2},\"d\":2}"))
                .containsExactly("$.d");
    }

    /** Rows: tolerance, baseline, candidate, whether they are equal; the boundary is inclusive. */
    @ParameterizedTest(name = "abs {0} rel {1}: {2} vs {3} equal={4}")
    @CsvSource({
        "0.1,  0,    1.0,   1.1,       true",   // exactly at the absolute bound, in decimal
        "0.1,  0,    1.0,   1.1000001, false",
        "0.1,  0,    -0.05, 0.05,      true",
        "0.25, 0,    1.5,   1.75,      true",
        "0.25, 0,    1.5,   1.76,      false",
        "1,    0,    10,    11,        true",   // integers
        "1,    0,    10,    12,        false",
        "0,    0.01, 99,    100,       true",   // |d| = 1 = 0.01 * max(|a|, |b|)
        "0,    0.01, 98.9,  100,       false",
        "0,    0.01, -100,  -99,       true",
        "0.5,  0.01, 1000,  1010,      true",   // relative allows it, absolute does not
        "0.5,  0.01, 1,     1.5,       true",   // absolute allows it, relative does not
        "0.5,  0.01, 1,     1.6,       false",  // neither
    })
    void numericToleranceEitherAbsoluteOrRelative(double absolute, double relative, String a, String b, boolean equal) {
        DiffRules rules = DiffRules.defaults().withTolerance(new NumericTolerance("$.items[*].score", absolute, relative));
        List<String> found = paths(rules, "{\"items\":[{\"score\":" + a + "}]}", "{\"items\":[{\"score\":" + b + "}]}");
        assertThat(found.isEmpty()).isEqualTo(equal);
    }

    @Test
    void numbersBeyondTheDoubleRangeAreComparedWithoutFailing() {
        DiffRules rules = DiffRules.defaults().withTolerance(NumericTolerance.relative("$.s", 0.5));
        assertThat(paths(rules, "{\"s\":1e400}", "{\"s\":1}")).containsExactly("$.s");
        assertThat(paths(rules, "{\"s\":100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000}",
                "{\"s\":1}")).containsExactly("$.s");
        assertThat(NumericTolerance.relative("$.s", 0.5).within(Double.NaN, Double.NaN)).isFalse();
        assertThat(NumericTolerance.relative("$.s", 0.5).within(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(NumericTolerance.relative("$.s", 0.5).within(2, 3)).isTrue();
    }

    @Test
    void aToleranceAppliesOnlyWhereItsPathMatches() {
        DiffRules rules = DiffRules.defaults().withTolerance(NumericTolerance.absolute("$..score", 0.01));
        assertThat(paths(rules, "{\"score\":0.5,\"a\":{\"score\":0.5},\"price\":0.5}",
                "{\"score\":0.505,\"a\":{\"score\":0.509},\"price\":0.505}")).containsExactly("$.price");
    }

    @Test
    void normalisationMakesTimestampsAndUuidsEqual() {
        DiffRules rules = DiffRules.defaults()
                .withNormalisation(Normalisation.timestamps("$..createdAt"))
                .withNormalisation(Normalisation.uuids("$.trace"))
                .withNormalisation(Normalisation.of("$.message", "took \\d+ ms", "took N ms"));
        String baseline = """
                {"createdAt":"2024-06-01T12:00:00.123Z","items":[{"createdAt":"2024-06-01 12:00:00+02:00"}],
                 "trace":"req 6f1c2a34-0b7e-4c1d-9a2b-1234567890ab done","message":"ok, took 12 ms","label":"cat"}""";
        String candidate = """
                {"createdAt":"2024-06-02T08:30:59Z","items":[{"createdAt":"2025-01-31 23:59:59+0100"}],
                 "trace":"req 0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D done","message":"ok, took 7 ms","label":"dog"}""";
        assertThat(paths(rules, baseline, candidate)).containsExactly("$.label");
        assertThat(paths(DiffRules.defaults(), baseline, candidate)).hasSize(5);
    }

    @Test
    void whatNormalisationLeavesDifferentIsReportedWithTheRawValues() {
        DiffRules rules = DiffRules.defaults().withNormalisation(Normalisation.uuids("$.trace"));
        Difference d = new ResponseComparator(rules).compare(
                json("{\"trace\":\"GET 6f1c2a34-0b7e-4c1d-9a2b-1234567890ab\"}"),
                json("{\"trace\":\"PUT 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}")).get(0);
        assertThat(d.baselineValue()).isEqualTo("\"GET 6f1c2a34-0b7e-4c1d-9a2b-1234567890ab\"");
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertThatThrownBy(() -> Normalisation.of("$.ts", "[0-9", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("normalisation for '$.ts': bad regex '[0-9': Unclosed character class");
        assertThatThrownBy(() -> Normalisation.of("$.ts", "(\\d+)", "$2"))
                .hasMessage("normalisation for '$.ts': replacement '$2' refers to group 2 but the pattern has 1");
        assertThatThrownBy(() -> Normalisation.of("$.ts", "\\d+", "${n}"))
                .hasMessage("normalisation for '$.ts': replacement '${n}' refers to group 'n', which the pattern does not name");
        assertThatThrownBy(() -> NumericTolerance.absolute("$.score", -0.1))
                .hasMessage("tolerance for '$.score': absolute must be a finite number >= 0 (was -0.1)");
        assertThatThrownBy(() -> new NumericTolerance("$.score", 0, Double.NaN))
                .hasMessage("tolerance for '$.score': relative must be a finite number >= 0 (was NaN)");
        assertThatThrownBy(() -> new NumericTolerance("$.score", 0, 0))
                .hasMessage("tolerance for '$.score': absolute and relative are both 0, which tolerates nothing");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring("$.items[3].price"))
                .hasMessage("ignored path: malformed path '$.items[3].price' at position 7: "
                        + "array indices are normalised: write [*] instead of [3]");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring("items.price"))
                .hasMessage("ignored path: malformed path 'items.price' at position 0: a path starts with '$'");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring("$.a.."))
                .hasMessage("ignored path: malformed path '$.a..' at position 5: expected a field name, '*' or '[' after '.'");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring("$.a b"))
                .hasMessage("ignored path: malformed path '$.a b' at position 2: field name 'a b' needs quotes: write ['a b']");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring("$['a"))
                .hasMessage("ignored path: malformed path '$['a' at position 1: unclosed quoted name");
        assertThatThrownBy(() -> DiffRules.defaults().ignoring(""))
                .hasMessage("ignored path: a path must not be empty; it starts with '$', e.g. $.items[*].price");
        assertThatThrownBy(() -> Normalisation.uuids("$.items[0]"))
                .hasMessageStartingWith("normalisation: malformed path '$.items[0]'");
        assertThatThrownBy(() -> DiffRules.defaults()
                .withTolerance(NumericTolerance.absolute("$.a", 1)).withTolerance(NumericTolerance.relative("$.a", 0.1)))
                .hasMessage("tolerance: '$.a' is given twice; keep one");
        assertThatThrownBy(() -> new ArrayRule("$.items", ArrayRule.Mode.BY_KEY, null))
                .hasMessage("array rule for '$.items': BY_KEY needs a key field, e.g. \"id\"");
        assertThatThrownBy(() -> new ArrayRule("$.items", ArrayRule.Mode.UNORDERED, "id"))
                .hasMessage("array rule for '$.items': a key field ('id') only makes sense with BY_KEY, not UNORDERED");
        assertThatThrownBy(() -> new HeaderRules(List.of("content type"), List.of()))
                .hasMessage("header rules: 'content type' in compared is not a header name");
        assertThatThrownBy(() -> new HeaderRules(List.of(), List.of("*")))
                .hasMessage("header rules: '*' is allowed only in the compared list, not in ignored");
    }
}
