package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.RateCurve;
import io.shadowgate.scenario.RequestTemplate;
import io.shadowgate.scenario.TrafficSpec;
import io.shadowgate.scenario.TrafficSpec.Arrivals;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynthesizedTrafficTest {

    private static final RequestTemplate PREDICT = new RequestTemplate("predict", 9, "POST", "/v1/predict",
            Map.of("content-type", "application/json"), "{\"id\": \"r{{seq}}\", \"features\": {{features:3}}}");
    private static final RequestTemplate HEALTH = new RequestTemplate("healthz", 1, "GET", "/healthz", Map.of(), null);

    private static List<Request> all(TrafficSpec spec, long seed) {
        List<Request> out = new ArrayList<>();
        try (SynthesizedTraffic traffic = new SynthesizedTraffic(spec, seed)) {
            traffic.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void constantArrivalsAreEvenlySpacedAndCountIsRateTimesDuration() {
        List<Request> requests = all(new TrafficSpec(Duration.ofSeconds(2), 100, Arrivals.CONSTANT, List.of(HEALTH)), 1);

        assertThat(requests).hasSize(200);
        for (int i = 0; i < requests.size(); i++) {
            assertThat(requests.get(i).id()).isEqualTo(i);
            assertThat(requests.get(i).offsetMicros()).isEqualTo(i * 10_000L);
        }
    }

    @Test
    void poissonArrivalsKeepTheMeanRateAndAreIncreasing() {
        List<Request> requests = all(new TrafficSpec(Duration.ofSeconds(100), 500, Arrivals.POISSON, List.of(HEALTH)), 3);

        // 50,000 expected; a Poisson count's standard deviation is sqrt(50,000) ≈ 224.
        assertThat(requests.size()).isBetween(49_000, 51_000);
        for (int i = 1; i < requests.size(); i++) {
            assertThat(requests.get(i).offsetMicros()).isGreaterThanOrEqualTo(requests.get(i - 1).offsetMicros());
        }
        assertThat(requests.get(requests.size() - 1).offsetMicros()).isLessThan(100_000_000L);
    }

    @Test
    void theSameSeedGivesTheSameStreamAndAnotherSeedDoesNot() {
        TrafficSpec spec = new TrafficSpec(Duration.ofSeconds(1), 300, Arrivals.POISSON, List.of(PREDICT, HEALTH));
        List<Request> a = all(spec, 42);
        List<Request> b = all(spec, 42);
        List<Request> c = all(spec, 43);

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).offsetMicros()).isEqualTo(b.get(i).offsetMicros());
            assertThat(a.get(i).endpoint()).isEqualTo(b.get(i).endpoint());
            assertThat(a.get(i).body()).isEqualTo(b.get(i).body());
        }
        assertThat(c.get(1).offsetMicros()).isNotEqualTo(a.get(1).offsetMicros());
    }

    @Test
    void theMixFollowsTheWeights() {
        List<Request> requests = all(new TrafficSpec(Duration.ofSeconds(10), 1000, Arrivals.CONSTANT, List.of(PREDICT, HEALTH)), 5);

        long health = requests.stream().filter(r -> r.endpoint().equals("healthz")).count();
        // 10 % of 10,000: binomial standard deviation 30.
        assertThat(health).isBetween(880L, 1120L);
        Request predict = requests.stream().filter(r -> r.endpoint().equals("predict")).findFirst().orElseThrow();
        assertThat(predict.method()).isEqualTo("POST");
        assertThat(predict.headers()).containsExactly(new Header("content-type", "application/json"));
    }

    @Test
    void bodyPlaceholdersAreFilledPerRequest() {
        BodyTemplate template = BodyTemplate.parse("{\"id\": \"r{{seq}}\", \"n\": {{int:5:5}}, \"f\": {{features:3}}, \"u\": \"{{uuid}}\"}");
        String body = new String(template.render(17, new SplittableRandom(1)), StandardCharsets.UTF_8);

        assertThat(body).startsWith("{\"id\": \"r17\", \"n\": 5, \"f\": [");
        assertThat(body).matches(".*\"f\": \\[-?[0-9.]+,-?[0-9.]+,-?[0-9.]+\\].*");
        assertThat(body).matches(".*\"u\": \"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"}");
    }

    @Test
    void badPlaceholdersAreRejectedWithTheirText() {
        assertThatThrownBy(() -> BodyTemplate.parse("{{nope}}")).hasMessageContaining("unknown placeholder '{{nope}}'");
        assertThatThrownBy(() -> BodyTemplate.parse("{{int:9:1}}")).hasMessageContaining("invalid range");
        assertThatThrownBy(() -> BodyTemplate.parse("{{features:x}}")).hasMessageContaining("needs numbers");
        assertThatThrownBy(() -> BodyTemplate.parse("abc {{seq")).hasMessageContaining("unclosed placeholder");
        RequestTemplate bad = new RequestTemplate("bad", 1, "POST", "/", Map.of(), "{{wat}}");
        assertThatThrownBy(() -> new SynthesizedTraffic(
                new TrafficSpec(Duration.ofSeconds(1), 1, Arrivals.CONSTANT, List.of(bad)), 1))
                .hasMessageStartingWith("request 'bad': unknown placeholder");
    }

    /** A spec that uses every generator and a changing rate, so determinism covers all of them. */
    private static TrafficSpec rich(String predictBody) {
        RequestTemplate predict = new RequestTemplate("predict", 3, "POST", "/v1/users/{{int:1:1000}}/predict",
                Map.of("x-tenant", "{{choice:acme=3|globex=1}}"), predictBody, 100);
        RequestTemplate browse = new RequestTemplate("browse", 1, "GET", "/v1/items?sort={{choice:asc|desc}}",
                Map.of("cookie", "sid={{session:40}}"), null);
        return new TrafficSpec(Duration.ofSeconds(5), new RateCurve.Ramp(50, 400, Duration.ofSeconds(5)),
                Arrivals.POISSON, List.of(predict, browse));
    }

    private static byte[] bytes(TrafficSpec spec, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        all(spec, seed).forEach(r -> out.writeBytes(TrafficLines.record(r)));
        return out.toByteArray();
    }

    @Test
    void theSameScenarioAndSeedGiveByteIdenticalStreams() {
        TrafficSpec spec = rich("{\"id\": \"{{uuid}}\", \"f\": {{features:4}}, \"s\": \"{{session}}\"}");

        byte[] first = bytes(spec, 42);

        assertThat(first.length).isGreaterThan(10_000);
        assertThat(bytes(spec, 42)).isEqualTo(first);
        assertThat(bytes(spec, 43)).isNotEqualTo(first);
    }

    @Test
    void changingABodyTemplateMovesNoArrivalMixSessionPathOrHeader() {
        List<Request> plain = all(rich("{}"), 7);
        List<Request> richer = all(rich("{\"f\": {{features:16}}, \"id\": \"{{uuid}}\"}"), 7);

        assertThat(richer).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            Request a = plain.get(i);
            Request b = richer.get(i);
            assertThat(b.offsetMicros()).isEqualTo(a.offsetMicros());
            assertThat(b.endpoint()).isEqualTo(a.endpoint());
            assertThat(b.sessionKey()).isEqualTo(a.sessionKey());
            assertThat(b.path()).isEqualTo(a.path());
            assertThat(b.headers()).isEqualTo(a.headers());
        }
    }

    @Test
    void expectedCountIsTheIntegralOfTheRate() {
        // (50 + 400) / 2 requests per second for 5 seconds.
        assertThat(SynthesizedTraffic.expectedCount(rich(null))).isEqualTo(1125);
        assertThat(rich(null).rate()).isEqualTo(225);
        assertThat(SynthesizedTraffic.expectedCount(
                new TrafficSpec(Duration.ofSeconds(3), 33.3, Arrivals.CONSTANT, List.of(HEALTH)))).isEqualTo(100);
    }
}
