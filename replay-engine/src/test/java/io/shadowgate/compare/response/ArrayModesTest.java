package io.shadowgate.compare.response;

import static io.shadowgate.compare.response.Responses.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Arrays compared in order, by a key field, and as unordered multisets. */
class ArrayModesTest {

    private static final String BASELINE = """
            {"items":[{"id":1,"label":"cat","score":0.9},{"id":2,"label":"dog","score":0.5},{"id":3,"label":"eel","score":0.1}]}""";
    /** The same items reordered, item 2 rescored, item 3 gone and item 4 new. */
    private static final String CANDIDATE = """
            {"items":[{"id":4,"label":"fox","score":0.2},{"id":2,"label":"dog","score":0.6},{"id":1,"label":"cat","score":0.9}]}""";

    private static List<Difference> compare(DiffRules rules, String baseline, String candidate) {
        return new ResponseComparator(rules).compare(json(baseline), json(candidate));
    }

    @Test
    void inOrderPairsElementsByPosition() {
        List<Difference> found = compare(DiffRules.defaults(), BASELINE, CANDIDATE);
        assertThat(found).extracting(Difference::location).containsExactly(
                "$.items[0].id", "$.items[0].label", "$.items[0].score",
                "$.items[1].score",
                "$.items[2].id", "$.items[2].label", "$.items[2].score");
    }

    @Test
    void byKeyPairsElementsWithTheSameKeyWhereverTheyAre() {
        List<Difference> found = compare(DiffRules.defaults().withArrayRule(ArrayRule.byKey("$.items", "id")), BASELINE, CANDIDATE);
        assertThat(found).containsExactly(
                new Difference("$.items[*].score", "$.items[1].score", DifferenceKind.VALUE_CHANGED, "0.5", "0.6", null),
                new Difference("$.items[*]", "$.items[2]", DifferenceKind.FIELD_REMOVED, "id=3", null, null),
                new Difference("$.items[*]", "$.items[0]", DifferenceKind.FIELD_ADDED, null, "id=4", null));
    }

    @Test
    void byKeyReportsALengthChangeToo() {
        List<Difference> found = compare(DiffRules.defaults().withArrayRule(ArrayRule.byKey("$.items", "id")),
                "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}]}", "{\"items\":[{\"id\":\"b\"}]}");
        assertThat(found).containsExactly(
                new Difference("$.items", "$.items", DifferenceKind.ARRAY_LENGTH_CHANGED, "2", "1", null),
                new Difference("$.items[*]", "$.items[0]", DifferenceKind.FIELD_REMOVED, "id=\"a\"", null, null));
    }

    @Test
    void byKeyFallsBackToInOrderWhenKeysAreMissingOrRepeat() {
        DiffRules rules = DiffRules.defaults().withArrayRule(ArrayRule.byKey("$.items", "id"));
        assertThat(compare(rules, "{\"items\":[{\"id\":1},{\"name\":\"x\"}]}", "{\"items\":[{\"name\":\"x\"},{\"id\":1}]}"))
                .extracting(Difference::location).containsExactly("$.items[0].id", "$.items[0].name", "$.items[1].name", "$.items[1].id");
        assertThat(compare(rules, "{\"items\":[{\"id\":1,\"v\":1},{\"id\":1,\"v\":2}]}", "{\"items\":[{\"id\":1,\"v\":2},{\"id\":1,\"v\":1}]}"))
                .extracting(Difference::location).containsExactly("$.items[0].v", "$.items[1].v");
    }

    @Test
    void unorderedTreatsArraysAsMultisets() {
        DiffRules rules = DiffRules.defaults().withArrayRule(ArrayRule.unordered("$.tags"));
        assertThat(compare(rules, "{\"tags\":[\"a\",\"b\",\"c\"]}", "{\"tags\":[\"c\",\"a\",\"b\"]}")).isEmpty();
        assertThat(compare(rules, "{\"tags\":[\"a\",\"a\",\"b\"]}", "{\"tags\":[\"a\",\"b\",\"b\"]}")).containsExactly(
                new Difference("$.tags[*]", "$.tags[0]", DifferenceKind.FIELD_REMOVED, "\"a\"", null, null),
                new Difference("$.tags[*]", "$.tags[2]", DifferenceKind.FIELD_ADDED, null, "\"b\"", null));
        assertThat(compare(rules, "{\"tags\":[1, 2.0]}", "{\"tags\":[2, 1.00]}")).isEmpty();
    }

    @Test
    void unorderedElementsAreMatchedAfterIgnoreAndNormalisationRules() {
        DiffRules rules = DiffRules.defaults()
                .withArrayRule(ArrayRule.unordered("$.items"))
                .ignoring("$.items[*].debug")
                .withNormalisation(Normalisation.uuids("$.items[*].ref"));
        String baseline = """
                {"items":[{"n":"x","debug":1,"ref":"6f1c2a34-0b7e-4c1d-9a2b-1234567890ab"},{"n":"y","debug":2,"ref":"r"}]}""";
        String candidate = """
                {"items":[{"ref":"r","n":"y","debug":9},{"n":"x","debug":8,"ref":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}]}""";
        assertThat(compare(rules, baseline, candidate)).isEmpty();
        assertThat(compare(DiffRules.defaults().withArrayRule(ArrayRule.unordered("$.items")), baseline, candidate))
                .extracting(Difference::kind).containsExactly(DifferenceKind.FIELD_REMOVED, DifferenceKind.FIELD_REMOVED,
                        DifferenceKind.FIELD_ADDED, DifferenceKind.FIELD_ADDED);
    }

    @Test
    void nestedUnorderedArraysInsideAnUnorderedElementCompareAsSets() {
        DiffRules rules = DiffRules.defaults()
                .withArrayRule(ArrayRule.unordered("$.groups"))
                .withArrayRule(ArrayRule.unordered("$.groups[*].members"));
        assertThat(compare(rules, "{\"groups\":[{\"members\":[1,2]},{\"members\":[3]}]}",
                "{\"groups\":[{\"members\":[3]},{\"members\":[2,1]}]}")).isEmpty();
    }

    @Test
    void anIgnoredElementPathLeavesOnlyTheLength() {
        DiffRules rules = DiffRules.defaults().ignoring("$.xs[*]");
        assertThat(compare(rules, "{\"xs\":[1,2,3]}", "{\"xs\":[4,5]}")).extracting(Difference::kind)
                .containsExactly(DifferenceKind.ARRAY_LENGTH_CHANGED);
    }
}
