package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Generators in templates: weighted choices, session keys, placeholders in paths and headers. */
class RequestGeneratorTest {

    private static Map<String, Integer> tally(String template, int draws) {
        BodyTemplate body = BodyTemplate.parse(template);
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(body.renderText(i, null, random), 1, Integer::sum);
        }
        return counts;
    }

    private static List<Request> all(RequestTemplate template, double rate, int seconds, long seed) {
        List<Request> out = new ArrayList<>();
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(seconds), rate, Arrivals.CONSTANT, List.of(template));
        try (SynthesizedTraffic traffic = new SynthesizedTraffic(spec, seed)) {
            traffic.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void equalChoicesAreEquallyLikely() {
        Map<String, Integer> counts = tally("{{choice:red|green|blue}}", 30_000);

        // 10,000 each; binomial standard deviation √(30,000 · 1/3 · 2/3) ≈ 82; allow 4.
        assertThat(counts).containsOnlyKeys("red", "green", "blue");
        counts.values().forEach(n -> assertThat(n).isBetween(10_000 - 330, 10_000 + 330));
    }

    @Test
    void weightedChoicesFollowTheirWeights() {
        Map<String, Integer> counts = tally("{{choice:a=3|b=1|c=0.5}}", 45_000);

        // Shares 3/4.5, 1/4.5, 0.5/4.5: 30,000, 10,000 and 5,000 (standard deviations ≈ 100, 88, 67).
        assertThat(counts.get("a")).isBetween(30_000 - 400, 30_000 + 400);
        assertThat(counts.get("b")).isBetween(10_000 - 360, 10_000 + 360);
        assertThat(counts.get("c")).isBetween(5_000 - 270, 5_000 + 270);
    }

    @Test
    void choiceOptionsAreInsertedAsWrittenColonsIncluded() {
        assertThat(tally("\"{{choice: 12:00 | urn:x:y }}\"", 200)).containsOnlyKeys("\"12:00\"", "\"urn:x:y\"");
    }

    @Test
    void badChoicesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> BodyTemplate.parse("?{{choice:q=cat|q=dog}}"))
                .hasMessageContaining("option 'q=cat' needs a weight greater than 0 after '='")
                .hasMessageContaining("write a literal '=' outside the placeholder");
        assertThatThrownBy(() -> BodyTemplate.parse("{{choice:a=3|b}}")).hasMessageContaining("option 'b' needs a weight");
        assertThatThrownBy(() -> BodyTemplate.parse("{{choice:a=0|b=1}}")).hasMessageContaining("option 'a=0'");
        assertThatThrownBy(() -> BodyTemplate.parse("{{choice}}")).hasMessageContaining("needs options");
    }

    @Test
    void sessionKeysAreStableOpaqueAndDistinct() {
        assertThat(RequestGenerator.sessionKey(0)).matches("[0-9a-f]{16}").isEqualTo(RequestGenerator.sessionKey(0));
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            keys.add(RequestGenerator.sessionKey(i));
        }
        assertThat(keys).hasSize(100_000);
    }

    @Test
    void aRequestsSessionIsItsKeyAndRendersTheSameEverywhere() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("cookie", "sid={{session}}");
        headers.put("x-request-id", "{{uuid}}");
        RequestTemplate template = new RequestTemplate("cart", 1, "POST", "/v1/carts/{{session}}?item={{int:1:1000}}",
                headers, "{\"session\": \"{{session}}\"}", 50);

        List<Request> requests = all(template, 100, 10, 3);

        for (Request r : requests) {
            String key = r.sessionKey();
            assertThat(key).matches("[0-9a-f]{16}");
            assertThat(r.path()).startsWith("/v1/carts/" + key + "?item=");
            int item = Integer.parseInt(r.path().substring(r.path().indexOf('=') + 1));
            assertThat(item).isBetween(1, 1000);
            assertThat(r.headers().get(0)).isEqualTo(new Header("cookie", "sid=" + key));
            assertThat(r.headers().get(1).value()).matches("[0-9a-f-]{36}");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"session\": \"" + key + "\"}");
        }
        assertThat(requests.stream().map(Request::sessionKey).distinct().count()).isEqualTo(50);
    }

    @Test
    void aSessionPlaceholderWithACountGivesTheRequestItsSessions() {
        RequestTemplate template = new RequestTemplate("u", 1, "GET", "/u/{{session:7}}", Map.of(), null);

        List<Request> requests = all(template, 100, 10, 1);

        assertThat(requests.stream().map(Request::sessionKey).distinct().count()).isEqualTo(7);
        assertThat(requests).allSatisfy(r -> assertThat(r.path()).isEqualTo("/u/" + r.sessionKey()));
    }

    @Test
    void eachSessionsRequestsSpreadOverTheWholeRun() {
        RequestTemplate template = new RequestTemplate("s", 1, "GET", "/s", Map.of(), null, 20);

        List<Request> requests = all(template, 1000, 10, 5);

        // 500 requests per session on average, drawn independently: every session shows up in
        // the first and the last second, rather than each session owning a slice of the run.
        Map<String, long[]> firstAndLast = new HashMap<>();
        for (Request r : requests) {
            long[] span = firstAndLast.computeIfAbsent(r.sessionKey(), k -> new long[] {r.offsetMicros(), 0});
            span[1] = r.offsetMicros();
        }
        assertThat(firstAndLast).hasSize(20);
        assertThat(firstAndLast.values()).allSatisfy(span -> {
            assertThat(span[0]).isLessThan(1_000_000L);
            assertThat(span[1]).isGreaterThanOrEqualTo(9_000_000L);
        });
    }

    @Test
    void theSameSessionIndexIsTheSameKeyInEveryRunAndTemplate() {
        RequestTemplate a = new RequestTemplate("a", 1, "GET", "/a", Map.of(), null, 3);
        RequestTemplate b = new RequestTemplate("b", 1, "GET", "/b/{{session:3}}", Map.of(), null);

        Set<String> fromA = new TreeSet<>();
        all(a, 100, 1, 1).forEach(r -> fromA.add(r.sessionKey()));
        Set<String> fromB = new TreeSet<>();
        all(b, 100, 1, 99).forEach(r -> fromB.add(r.sessionKey()));

        assertThat(fromA).isEqualTo(fromB).containsExactlyInAnyOrder(
                RequestGenerator.sessionKey(0), RequestGenerator.sessionKey(1), RequestGenerator.sessionKey(2));
    }

    @Test
    void sessionCountsMustAgreeAndBeGiven() {
        assertThatThrownBy(() -> RequestGenerator.of(new RequestTemplate("x", 1, "GET", "/{{session}}", Map.of(), null)))
                .hasMessageStartingWith("request 'x': {{session}} needs a session count");
        assertThatThrownBy(() -> RequestGenerator.of(
                new RequestTemplate("y", 1, "GET", "/{{session:5}}", Map.of(), null, 10)))
                .hasMessageStartingWith("request 'y': {{session:5}} names 5 sessions, but this request already has 10");
        assertThatThrownBy(() -> BodyTemplate.parse("{{session:2}} {{session:3}}")).hasMessageContaining("one session");
        assertThatThrownBy(() -> BodyTemplate.parse("{{session:0}}")).hasMessageContaining("invalid range");
    }
}
