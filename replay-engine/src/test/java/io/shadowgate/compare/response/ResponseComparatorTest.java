package io.shadowgate.compare.response;

import static io.shadowgate.compare.response.Responses.json;
import static io.shadowgate.compare.response.Responses.response;
import static io.shadowgate.compare.response.Responses.withHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One pair at a time: each kind of difference, canonical paths, bounds, headers and status. */
class ResponseComparatorTest {

    private final ResponseComparator defaults = new ResponseComparator(DiffRules.defaults());

    @Test
    void equalResponsesHaveNoDifferencesEvenWhenWrittenDifferently() {
        String compact = """
                {"model":"ranker","items":[{"id":1,"score":0.5}],"ok":true,"next":null}""";
        String reformatted = """
                {
                  "ok": true, "next": null,
                  "items": [ { "score": 0.50, "id": 1.0 } ],
                  "model": "ranker"
                }""";
        assertThat(defaults.compare(json(compact), json(compact))).isEmpty();
        assertThat(defaults.compare(json(compact), json(reformatted))).isEmpty();
    }

    @Test
    void aChangedScalarIsReportedAtItsCanonicalPathAndConcreteLocation() {
        List<Difference> found = defaults.compare(
                json("""
                        {"items":[{"id":1,"price":1.5},{"id":2,"price":3}]}"""),
                json("""
                        {"items":[{"id":1,"price":1.5},{"id":2,"price":3.25}]}"""));
        assertThat(found).containsExactly(new Difference("$.items[*].price", "$.items[1].price",
                DifferenceKind.VALUE_CHANGED, "3", "3.25", null));
    }

    @Test
    void eachStructuralKind() {
        List<Difference> found = defaults.compare(
                json("""
                        {"label":"cat","score":"0.9","old":1,"tags":["a","b","c"],"flag":true,"meta":{"v":1}}"""),
                json("""
                        {"label":"dog","score":0.9,"new":{"x":1},"tags":["a","b"],"flag":false,"meta":[1]}"""));
        assertThat(found).containsExactlyInAnyOrder(
                new Difference("$.label", "$.label", DifferenceKind.VALUE_CHANGED, "\"cat\"", "\"dog\"", null),
                new Difference("$.score", "$.score", DifferenceKind.TYPE_CHANGED, "\"0.9\"", "0.9", null),
                new Difference("$.old", "$.old", DifferenceKind.FIELD_REMOVED, "1", null, null),
                new Difference("$.new", "$.new", DifferenceKind.FIELD_ADDED, null, "{\"x\":1}", null),
                new Difference("$.tags", "$.tags", DifferenceKind.ARRAY_LENGTH_CHANGED, "3", "2", null),
                new Difference("$.flag", "$.flag", DifferenceKind.VALUE_CHANGED, "true", "false", null),
                new Difference("$.meta", "$.meta", DifferenceKind.TYPE_CHANGED, "{\"v\":1}", "[1]", null));
    }

    @Test
    void nullAgainstAValueIsATypeChange() {
        assertThat(defaults.compare(json("{\"a\":null}"), json("{\"a\":0}")))
                .extracting(Difference::kind).containsExactly(DifferenceKind.TYPE_CHANGED);
    }

    @Test
    void numbersCompareByValueAcrossNotations() {
        assertThat(defaults.compare(json("[1, 2.50, 100, 12345678901234567890]"),
                json("[1.0, 2.5, 1e2, 12345678901234567890]"))).isEmpty();
        assertThat(defaults.compare(json("[12345678901234567890]"), json("[12345678901234567891]")))
                .extracting(Difference::path).containsExactly("$[*]");
    }

    @Test
    void keysThatAreNotIdentifiersAreQuoted() {
        List<Difference> found = defaults.compare(
                json("""
                        {"a.b":{"x y":1,"it's":1,"":1,"ok-name":1,"7up":1}}"""),
                json("""
                        {"a.b":{"x y":2,"it's":2,"":2,"ok-name":2,"7up":2}}"""));
        assertThat(found).extracting(Difference::path).containsExactlyInAnyOrder(
                "$['a.b']['x y']", "$['a.b']['it\\'s']", "$['a.b']['']", "$['a.b'].ok-name", "$['a.b']['7up']");
    }

    @Test
    void longValuesAreCutShort() {
        String longText = "x".repeat(5_000);
        Difference d = defaults.compare(json("{\"a\":\"" + longText + "\"}"), json("{\"a\":\"y\"}")).get(0);
        assertThat(d.baselineValue()).hasSize(CompareLimits.DEFAULT.maxValueChars() + 1).startsWith("\"xxx").endsWith("…");
        Difference added = defaults.compare(json("{}"), json("{\"big\":[" + "1,".repeat(2_000) + "1]}")).get(0);
        assertThat(added.candidateValue()).hasSize(CompareLimits.DEFAULT.maxValueChars() + 1).startsWith("[1,1,");
    }

    @Test
    void manyElementsDifferingAtOnePathKeepTheFirstFew() {
        StringBuilder b = new StringBuilder("{\"items\":[");
        StringBuilder c = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 20; i++) {
            b.append(i == 0 ? "" : ",").append("{\"price\":").append(i).append('}');
            c.append(i == 0 ? "" : ",").append("{\"price\":").append(i + 100).append('}');
        }
        List<Difference> found = defaults.compare(json(b + "]}"), json(c + "]}"));
        assertThat(found).extracting(Difference::location)
                .containsExactly("$.items[0].price", "$.items[1].price", "$.items[2].price");
        assertThat(found).extracting(Difference::path).containsOnly("$.items[*].price");
    }

    @Test
    void aStatusChangeIsReportedAloneWithoutComparingBodies() {
        List<Difference> found = defaults.compare(
                response(200, "application/json", "{\"score\":0.9}"),
                response(503, "application/json", "{\"error\":\"overloaded\"}"));
        assertThat(found).containsExactly(new Difference("status", "status", DifferenceKind.STATUS_CHANGED, "200", "503", null));
    }

    @Test
    void onlyTheContentTypeHeaderIsComparedByDefault() {
        List<Difference> found = defaults.compare(
                withHeaders("{}", "Content-Type", "application/json", "X-Model-Version", "7", "Date", "Mon"),
                withHeaders("{}", "content-type", "application/json; charset=utf-8", "X-Model-Version", "8", "Date", "Tue"));
        assertThat(found).containsExactly(new Difference("header:content-type", "header:content-type",
                DifferenceKind.HEADER_CHANGED, "application/json", "application/json; charset=utf-8", null));
    }

    @Test
    void configuredHeadersAreComparedAndIgnoredOnesNever() {
        ResponseSnapshot b = withHeaders("{}", "Content-Type", "application/json", "X-Model-Version", "7",
                "Date", "Mon", "Cache-Control", "no-store", "X-Shard", "1");
        ResponseSnapshot c = withHeaders("{}", "Content-Type", "application/json", "X-Model-Version", "8",
                "Date", "Tue", "Cache-Control", "max-age=60", "X-Shard", "2");

        ResponseComparator listed = new ResponseComparator(DiffRules.defaults()
                .withHeaders(new HeaderRules(List.of("Content-Type", "X-Model-Version"), List.of())));
        assertThat(listed.compare(b, c)).extracting(Difference::path).containsExactly("header:x-model-version");

        ResponseComparator all = new ResponseComparator(DiffRules.defaults()
                .withHeaders(HeaderRules.allExcept(List.of("x-shard"))));
        assertThat(all.compare(b, c)).extracting(Difference::path)
                .containsExactly("header:cache-control", "header:x-model-version"); // date: ignored by default

        ResponseComparator ignoring = new ResponseComparator(DiffRules.defaults()
                .withHeaders(new HeaderRules(List.of("x-model-version"), List.of("X-Model-Version"))));
        assertThat(ignoring.compare(b, c)).isEmpty();
    }

    @Test
    void aMissingHeaderIsAChangeToNothing() {
        List<Difference> found = defaults.compare(withHeaders("{}", "Content-Type", "application/json"), withHeaders("{}"));
        assertThat(found).containsExactly(new Difference("header:content-type", "header:content-type",
                DifferenceKind.HEADER_CHANGED, "application/json", null, null));
    }

    @Test
    void aPreparedBaselineCanBeComparedTwice() {
        PreparedResponse baseline = PreparedResponse.of(json("{\"a\":1,\"b\":2}"));
        assertThat(defaults.compare(baseline, PreparedResponse.of(json("{\"a\":1,\"b\":3}"))))
                .extracting(Difference::path).containsExactly("$.b");
        assertThat(defaults.compare(baseline, PreparedResponse.of(json("{\"a\":2,\"b\":2}"))))
                .extracting(Difference::path).containsExactly("$.a");
    }

    /** One comparator shared by four threads finds what it finds on one, while its path cache fills. */
    @Test
    void oneComparatorServesManyThreads() throws Exception {
        ResponseComparator shared = new ResponseComparator(DiffRules.defaults().ignoring("$..debug")
                .withArrayRule(ArrayRule.byKey("$.users[*].orders", "id")));
        ResponseComparator fresh = new ResponseComparator(shared.rules());
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            pairs.add(new String[] {
                "{\"users\":[{\"u" + i + "\":{\"n\":1,\"debug\":" + i + "},\"orders\":[{\"id\":" + i + ",\"p\":1}]}]}",
                "{\"users\":[{\"u" + i + "\":{\"n\":2,\"debug\":0},\"orders\":[{\"id\":" + i + ",\"p\":" + (i % 3) + "}]}]}"});
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Difference>>> results = new ArrayList<>();
            for (String[] pair : pairs) {
                results.add(pool.submit(() -> shared.compare(json(pair[0]), json(pair[1]))));
            }
            for (int i = 0; i < pairs.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(fresh.compare(json(pairs.get(i)[0]), json(pairs.get(i)[1])));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJsonBodyIsRecognisedByItsShapeWhateverTheContentType() {
        List<Difference> found = defaults.compare(
                response(200, "text/plain", "{\"a\":1}"), response(200, "text/plain", "{\"a\":2}"));
        assertThat(found).extracting(Difference::path).containsExactly("$.a");
    }
}
