package io.shadowgate.scenario;

import static io.shadowgate.scenario.ScenarioLoaderFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synth block's load shapes and generators, as written in scenario files, and their errors. */
class SynthLoaderTest {

    /** Lines 1–9; each test adds its load shape and requests from line 10 on. */
    private static final String HEAD = """
            name: synth
            targets:
              baseline:
                url: http://127.0.0.1:8080
              candidate:
                url: http://127.0.0.1:8081
            traffic:
              synth:
                duration: 60s
            """;
    private static final String REQUESTS = """
                requests:
                  - path: /health
            """;

    @TempDir
    Path dir;
    private int files;

    @Test
    void aFixedRateIsStillANumber() throws Exception {
        TrafficSpec spec = load("    rate: 50\n" + REQUESTS);

        assertThat(spec.rateCurve()).isEqualTo(new RateCurve.Fixed(50));
        assertThat(spec.rate()).isEqualTo(50);
    }

    @Test
    void aRampGoesFromToOverTheDuration() throws Exception {
        TrafficSpec spec = load("    ramp: {from: 100, to: 2000}\n    arrivals: constant\n" + REQUESTS);

        assertThat(spec.rateCurve()).isEqualTo(new RateCurve.Ramp(100, 2000, Duration.ofSeconds(60)));
        assertThat(spec.rate()).isEqualTo(1050);
        assertThat(spec.arrivals()).isEqualTo(TrafficSpec.Arrivals.CONSTANT);
    }

    @Test
    void stepsHoldUntilTheNextStepAndExpressBursts() throws Exception {
        TrafficSpec spec = load("""
                    steps:
                      - {at: 0s, rate: 200}
                      - {at: 20s, rate: 2000}   # a 5-second burst
                      - {at: 25s, rate: 200}
                """ + REQUESTS);

        assertThat(spec.rateCurve()).isEqualTo(new RateSteps(List.of(
                new RateCurve.Step(Duration.ZERO, 200),
                new RateCurve.Step(Duration.ofSeconds(20), 2000),
                new RateCurve.Step(Duration.ofSeconds(25), 200))));
        assertThat(spec.rateCurve().countBy(60)).isEqualTo(200 * 55 + 2000 * 5);
    }

    @Test
    void aDiurnalCycleHasBaseAmplitudePeriodAndPhase() throws Exception {
        TrafficSpec spec = load("    diurnal: {base: 300, amplitude: 200, period: 2m, phase: 90s}\n" + REQUESTS);

        assertThat(spec.rateCurve()).isEqualTo(new DiurnalRate(300, 200, Duration.ofMinutes(2), Duration.ofSeconds(90)));
        // Phase defaults to 0s: the cycle starts at the base rate, rising.
        assertThat(load("    diurnal: {base: 3, amplitude: 3, period: 1h}\n" + REQUESTS).rateCurve())
                .isEqualTo(new DiurnalRate(3, 3, Duration.ofHours(1), Duration.ZERO));
    }

    @Test
    void placeholdersInPathAndHeadersAndASessionCountLoad() throws Exception {
        TrafficSpec spec = load("""
                    rate: 10
                    requests:
                      - name: user
                        path: /v1/users/{{int:1:1000}}?sort={{choice:asc|desc}}
                        sessions: 1000
                        headers:
                          cookie: sid={{session}}
                      - name: cart
                        path: /v1/carts/{{session:50}}
                        body: '{"item": "{{choice:book=3|pen=1}}"}'
                """);

        RequestTemplate user = spec.requests().get(0);
        assertThat(user.path()).isEqualTo("/v1/users/{{int:1:1000}}?sort={{choice:asc|desc}}");
        assertThat(user.headers()).containsEntry("cookie", "sid={{session}}");
        assertThat(user.sessions()).isEqualTo(1000);
        // {{session:N}} sets the request's session count, like sessions: N.
        assertThat(spec.requests().get(1).sessions()).isEqualTo(50);
    }

    @Test
    void spacesInAPathAreJudgedByWhatItRenders() throws Exception {
        // Options are trimmed, so spacing inside the placeholder is only layout ...
        assertThat(load("    rate: 1\n    requests:\n      - path: '/s?sort={{choice: asc | desc }}'\n")
                .requests().get(0).path()).isEqualTo("/s?sort={{choice: asc | desc }}");
        // ... but an option with a space inside would put one in the request line.
        assertThat(failure(write("    rate: 1\n    requests:\n      - path: '/s?q={{choice:a b|c}}'\n")).detail())
                .isEqualTo("traffic.synth.requests[0].path: must not contain spaces or control characters;"
                        + " percent-encode them");
    }

    @Test
    void aBadPlaceholderInTheBodyIsReportedAtTheBodyKey() throws Exception {
        Path file = write("""
                    rate: 10
                    requests:
                      - path: /predict
                        body: '{"n": {{int:9:1}}}'
                """);

        assertThat(failure(file).getMessage()).isEqualTo(file + ":13:9: traffic.synth.requests[0].body: placeholder"
                + " '{{int:9:1}}' has an empty or invalid range");
    }

    @Test
    void aBadPlaceholderInAHeaderIsReportedAtTheHeaderKey() throws Exception {
        Path file = write("""
                    rate: 10
                    requests:
                      - path: /predict
                        headers:
                          x-tenant: '{{choose:a|b}}'
                """);

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).startsWith(file + ":14:11: traffic.synth.requests[0].headers.x-tenant: unknown"
                + " placeholder '{{choose:a|b}}' (expected seq, uuid, int:MIN:MAX, float:MIN:MAX, features:N,"
                + " choice:A|B|C, session or session:N)");
        assertThat(e.key()).isEqualTo("traffic.synth.requests[0].headers.x-tenant");
    }

    @Test
    void aBadPlaceholderInThePathIsReportedAtThePathKey() throws Exception {
        Path file = write("    rate: 10\n    requests:\n      - path: /u/{{int:1}}\n");

        assertThat(failure(file).getMessage()).isEqualTo(file + ":12:9: traffic.synth.requests[0].path: placeholder"
                + " '{{int:1}}' takes 2 argument(s)");
    }

    @Test
    void aSessionPlaceholderNeedsACount() throws Exception {
        Path file = write("    rate: 10\n    requests:\n      - path: /u\n        body: '{{session}}'\n");

        assertThat(failure(file).getMessage()).isEqualTo(file + ":13:9: traffic.synth.requests[0].body: {{session}}"
                + " needs to know how many sessions there are: add sessions: N to the request or write {{session:N}}");
    }

    @Test
    void sessionCountsMustAgree() throws Exception {
        Path file = write("    rate: 10\n    requests:\n      - path: /u/{{session:20}}\n        sessions: 10\n");

        assertThat(failure(file).detail()).startsWith("traffic.synth.requests[0].path: {{session:20}} names 20"
                + " sessions, but this request already has 10");
    }

    @Test
    void aLiteralEqualsInsideAChoiceIsExplained() throws Exception {
        Path file = write("    rate: 10\n    requests:\n      - path: /s?{{choice:q=cat|q=dog}}\n");

        assertThat(failure(file).detail()).contains("option 'q=cat' needs a weight greater than 0 after '='");
    }

    @Test
    void twoLoadShapesAreRefusedAtTheSecond() throws Exception {
        Path file = write("    rate: 10\n    ramp: {from: 1, to: 2}\n" + REQUESTS);

        assertThat(failure(file).getMessage()).isEqualTo(file + ":11:5: traffic.synth.ramp: give one load shape"
                + " (rate, ramp, steps or diurnal), not both rate and ramp");
    }

    @Test
    void noLoadShapeIsAMissingRate() throws Exception {
        Path file = write(REQUESTS);

        assertThat(failure(file).getMessage()).isEqualTo(file + ":8:3: missing key 'rate' in traffic.synth"
                + " (or ramp, steps or diurnal for a rate that changes over time)");
    }

    @Test
    void anEmptyShapeHasNoValue() throws Exception {
        assertThat(failure(write("    ramp:\n" + REQUESTS)).detail())
                .isEqualTo("key 'ramp' in traffic.synth has no value");
    }

    @Test
    void rampRatesAreAtLeastZeroAndNotBothZero() throws Exception {
        assertThat(failure(write("    ramp: {from: -1, to: 5}\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.ramp.from: must be a number of at least 0, found -1");
        assertThat(failure(write("    ramp: {from: 0, to: 0}\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.ramp: from and to are both 0; at least one must be above 0");
        assertThat(failure(write("    ramp: {from: 5}\n" + REQUESTS)).detail())
                .isEqualTo("missing key 'to' in traffic.synth.ramp");
    }

    @Test
    void stepsOutOfOrderAreReportedAtTheirAt() throws Exception {
        Path file = write("""
                    steps:
                      - {at: 0s, rate: 10}
                      - {at: 30s, rate: 20}
                      - {at: 20s, rate: 5}
                """ + REQUESTS);

        ScenarioException e = failure(file);

        assertThat(e.getMessage()).isEqualTo(file + ":13:10: traffic.synth.steps[2].at: steps must be in increasing"
                + " order of at: '20s' is not after the previous step's '30s'");
        assertThat(e.key()).isEqualTo("traffic.synth.steps[2].at");
    }

    @Test
    void stepRulesNameTheStep() throws Exception {
        assertThat(failure(write("    steps: [{at: 0s, rate: 10}, {at: 60s, rate: 20}]\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.steps[1].at: '60s' is not within the duration (60s)");
        assertThat(failure(write("    steps: [{at: 5s, rate: 10}]\n" + REQUESTS)).detail())
                .startsWith("traffic.synth.steps[0].at: the first step must be at 0s");
        assertThat(failure(write("    steps: [{at: 0s, rate: 0}, {at: 5s, rate: 0}]\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.steps: every step's rate is 0; at least one must be above 0");
        assertThat(failure(write("    steps: [{at: 0s, rate: -3}]\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.steps[0].rate: must be a number of at least 0, found -3");
        assertThat(failure(write("    steps: []\n" + REQUESTS)).detail())
                .startsWith("traffic.synth.steps: needs at least one step");
    }

    @Test
    void diurnalAmplitudeCannotExceedTheBase() throws Exception {
        Path file = write("    diurnal: {base: 300, amplitude: 400, period: 2m}\n" + REQUESTS);

        assertThat(failure(file).getMessage()).isEqualTo(file + ":10:26: traffic.synth.diurnal.amplitude: must be at"
                + " most base (300), so the rate never goes below 0, found 400");
    }

    @Test
    void diurnalNeedsAPositivePeriodAndABase() throws Exception {
        assertThat(failure(write("    diurnal: {base: 3, amplitude: 1, period: 0s}\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.diurnal.period: must be greater than 0, found '0s'");
        assertThat(failure(write("    diurnal: {base: 0, amplitude: 0, period: 1m}\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.diurnal.base: must be a number greater than 0, found 0");
    }

    @Test
    void aZeroFixedRateIsStillRefused() throws Exception {
        assertThat(failure(write("    rate: 0\n" + REQUESTS)).detail())
                .isEqualTo("traffic.synth.rate: must be a number greater than 0, found 0");
    }

    private TrafficSpec load(String synth) throws Exception {
        return ScenarioLoader.load(write(synth)).scenario().traffic().synth();
    }

    private Path write(String synth) throws IOException {
        return Files.writeString(dir.resolve("synth-" + files++ + ".yaml"), HEAD + synth, StandardCharsets.UTF_8);
    }
}
