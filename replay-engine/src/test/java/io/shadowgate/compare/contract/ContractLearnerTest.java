package io.shadowgate.compare.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.traffic.Header;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractLearnerTest {

    private static final String EP = "POST /v1/predict";

    @Test
    void learnsTypesAndPresencePerCanonicalPath() {
        ContractLearner learner = new ContractLearner();
        learner.learn(EP, 200, "application/json", json("{\"label\": \"cat\", \"score\": 1, \"odd.key\": true,"
                + " \"items\": [{\"id\": 1}, {\"id\": 2.5, \"tag\": null}, {\"id\": 3}]}"));
        learner.learn(EP, 200, "application/json", json("{\"label\": \"dog\", \"score\": 0.25, \"items\": []}"));
        BodySchema body = learner.schema().endpoints().get(EP).bodies().get("2xx");
        // In path order, whatever order the responses came in: a parent's path is a prefix of its children's.
        assertThat(body.paths().keySet()).containsExactly("$", "$.items", "$.items[*]", "$.items[*].id",
                "$.items[*].tag", "$.label", "$.score", "$['odd.key']");
        // Integers and floats are one number type.
        assertThat(body.paths().get("$.score").typeResponses()).isEqualTo(Map.of(JsonType.NUMBER, 2L));
        assertThat(body.paths().get("$['odd.key']").presence()).isEqualTo(0.5);
        // Counted in responses: three elements in one response count once; an empty array is a place without elements.
        PathSchema id = body.paths().get("$.items[*].id");
        assertThat(id.typeOccurrences()).isEqualTo(Map.of(JsonType.NUMBER, 3L));
        assertThat(id.responses()).isEqualTo(1);
        assertThat(id.opportunities()).isEqualTo(1);
        assertThat(body.paths().get("$.items[*]").presence()).isEqualTo(0.5);
        assertThat(body.paths().get("$.items[*].tag").typeResponses()).isEqualTo(Map.of(JsonType.NULL, 1L));
        assertThat(body.paths().get("$").presence()).isEqualTo(1.0);
    }

    @Test
    void fieldNamesThatAreNotPlainAreQuotedAndEscaped() {
        assertThat(CanonicalPaths.field("$", "class-probs")).isEqualTo("$.class-probs");
        assertThat(CanonicalPaths.field("$", "_x9")).isEqualTo("$._x9");
        assertThat(CanonicalPaths.field("$", "9lives")).isEqualTo("$['9lives']");
        assertThat(CanonicalPaths.field("$", "")).isEqualTo("$['']");
        assertThat(CanonicalPaths.field("$.a", "it's a\\b")).isEqualTo("$.a['it\\'s a\\\\b']");
        assertThat(CanonicalPaths.element("$.a")).isEqualTo("$.a[*]");
    }

    @Test
    void countsStatusesContentTypesAndBodiesThatAreNotJsonPerStatusClass() {
        ContractLearner learner = new ContractLearner();
        learner.learn(EP, 200, "application/json; charset=utf-8", json("{\"a\": 1}"));
        learner.learn(EP, 200, List.of(new Header("CONTENT-TYPE", "Application/JSON")), json("{\"a\": 2}"));
        learner.learn(EP, 201, (String) null, new byte[0]);
        learner.learn(EP, 503, "text/html", json("<html>busy</html>"));
        learner.learn(EP, 503, "text/html", json("{\"a\": 1} trailing"));
        EndpointSchema ep = learner.schema().endpoints().get(EP);
        assertThat(ep.responses()).isEqualTo(5);
        assertThat(ep.statuses()).isEqualTo(Map.of(200, 2L, 201, 1L, 503, 2L));
        BodySchema ok = ep.bodies().get("2xx");
        assertThat(ok.contentTypes()).isEqualTo(Map.of("application/json", 2L, ContractLearner.NO_CONTENT_TYPE, 1L));
        assertThat(ok.jsonBodies()).isEqualTo(2);
        assertThat(ok.emptyBodies()).isEqualTo(1);
        assertThat(ok.paths().get("$").presence()).isEqualTo(2.0 / 3);
        BodySchema busy = ep.bodies().get("5xx");
        assertThat(busy.notJsonBodies()).isEqualTo(2);
        assertThat(busy.paths().get("$").responses()).isZero();
        assertThat(busy.paths()).containsOnlyKeys("$");
    }

    @Test
    void distinctPathsAreCappedPerEndpointAndTheRestCounted() {
        ContractLearner learner = new ContractLearner(5, 10);
        learner.learn(EP, 200, "application/json", json("{\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}"));
        learner.learn(EP, 400, "application/json", json("{\"e\": {\"x\": 1}, \"f\": [1, 2, 3], \"g\": 1}"));
        EndpointSchema ep = learner.schema().endpoints().get(EP);
        assertThat(ep.bodies().get("2xx").paths()).containsOnlyKeys("$", "$.a", "$.b", "$.c", "$.d");
        // One more path fits ($.e); below it $.e.x, and $.f with its three elements and $.g, are folded.
        assertThat(ep.bodies().get("4xx").paths()).containsOnlyKeys("$", "$.e");
        assertThat(ep.foldedValues()).isEqualTo(1 + 4 + 1);
        assertThat(learner.schema().pathCap()).isEqualTo(5);
    }

    @Test
    void endpointsAreCappedAndTheirResponsesCounted() {
        ContractLearner learner = new ContractLearner(100, 2);
        for (String ep : new String[] {"GET /a", "GET /b", "GET /c", "GET /c"}) {
            learner.learn(ep, 200, "application/json", json("{}"));
        }
        assertThat(learner.schema().endpoints()).containsOnlyKeys("GET /a", "GET /b");
        assertThat(learner.schema().foldedEndpointResponses()).isEqualTo(2);
    }

    @Test
    void mergeEqualsSingleStream() {
        ContractLearner single = new ContractLearner();
        ContractLearner[] shards = {new ContractLearner(), new ContractLearner(), new ContractLearner()};
        for (int i = 0; i < 300; i++) {
            String endpoint = i % 4 == 0 ? "GET /health" : EP;
            int status = i % 13 == 0 ? 422 : 200;
            String body = i % 29 == 0 ? "not json"
                    : "{\"label\": \"" + (i % 3) + "\", \"score\": " + (i % 7 == 0 ? "null" : i * 0.1)
                    + (i % 5 == 0 ? ", \"extra\": {\"n\": [" + i + ", \"x\"]}" : "") + "}";
            single.learn(endpoint, status, "application/json", json(body));
            shards[i % 3].learn(endpoint, status, "application/json", json(body));
        }
        shards[0].merge(shards[1]);
        shards[0].merge(shards[2]);
        assertThat(shards[0].schema()).isEqualTo(single.schema());
    }

    @Test
    void mergeRespectsThePathCap() {
        ContractLearner a = new ContractLearner(3, 10);
        ContractLearner b = new ContractLearner(3, 10);
        a.learn(EP, 200, "application/json", json("{\"a\": 1, \"b\": 2}"));
        b.learn(EP, 200, "application/json", json("{\"c\": {\"d\": 1}, \"e\": 5}"));
        a.merge(b);
        EndpointSchema ep = a.schema().endpoints().get(EP);
        assertThat(ep.bodies().get("2xx").paths()).containsOnlyKeys("$", "$.a", "$.b", "$.c");
        assertThat(ep.foldedValues()).isEqualTo(2);   // $.c.d and $.e
    }

    static byte[] json(String text) {
        return text.getBytes(UTF_8);
    }
}
