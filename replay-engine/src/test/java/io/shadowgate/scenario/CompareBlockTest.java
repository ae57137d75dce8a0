package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.compare.response.ArrayRule;
import io.shadowgate.compare.response.DiffRules;
import io.shadowgate.compare.response.NumericTolerance;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code compare:} block and the gates on responses. */
class CompareBlockTest {

    private static final String HEAD = """
            name: c
            targets:
              baseline: {url: "http://127.0.0.1:1"}
              candidate: {url: "http://127.0.0.1:2"}
            traffic: {synth: {duration: 1s, rate: 1, requests: [{path: /}]}}
            """;

    private static final String FULL = """
            compare:
              noise: repeat
              examples: 3
              exampleBytes: 1024
              headers: [content-type, x-api-version]
              ignoreHeaders: [x-trace]
              endpoints:
                predict:
                  ignore: [$.traceId, $..servedAt]
                  tolerance:
                    $.score: {absolute: 0.01, relative: 2%}
                  normalize:
                    - {path: $.message, pattern: '[0-9]+', replace: N}
                  arrays:
                    $.items: {by: id}
                    $.tags: {match: set}
                  labelPath: $.label
                  scorePath: $.score
            gates:
              maxMismatchRate: 1%
              maxLabelFlipRate: 2%
              maxScoreDrift: 0.01
              schema: {breaking: 1}
            """;

    @TempDir
    Path tmp;

    private Scenario load(String text) throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).scenario();
    }

    @Test
    void theWholeBlockBecomesRulesPerEndpointAndGates() throws Exception {
        Scenario s = load(HEAD + FULL);

        ResponseComparison c = s.compare();
        assertThat(c.enabled()).isTrue();
        assertThat(c.noise()).isEqualTo(ResponseComparison.Noise.REPEAT);
        assertThat(c.examples()).isEqualTo(3);
        assertThat(c.exampleBytes()).isEqualTo(1024);
        DiffRules predict = c.rulesFor("predict");
        assertThat(predict.ignoredPaths()).containsExactly("$.traceId", "$..servedAt");
        assertThat(predict.tolerances()).containsExactly(new NumericTolerance("$.score", 0.01, 0.02));
        assertThat(predict.normalisations()).singleElement().satisfies(n -> assertThat(n.apply("took 15 ms"))
                .isEqualTo("took N ms"));
        assertThat(predict.arrayRules()).containsExactly(ArrayRule.byKey("$.items", "id"), ArrayRule.unordered("$.tags"));
        assertThat(predict.headers().compared()).contains("content-type", "x-api-version");
        assertThat(predict.headers().ignored()).contains("x-trace");
        // An endpoint without rules of its own gets the block's headers and nothing else.
        assertThat(c.rulesFor("healthz").ignoredPaths()).isEmpty();
        assertThat(c.rulesFor("healthz").headers()).isEqualTo(predict.headers());
        assertThat(c.modelFor("predict")).isNotNull();
        assertThat(c.modelFor("healthz")).isNull();
        assertThat(s.gates().responses()).isEqualTo(new ResponseGates(0.01, 0.02, 0.01, 1));
    }

    @Test
    void responsesAreComparedByDefaultAndTheContractGateIsOn() throws Exception {
        Scenario s = load(HEAD);
        assertThat(s.compare()).isEqualTo(ResponseComparison.DEFAULT);
        assertThat(s.gates().responses()).isEqualTo(ResponseGates.CONTRACT);

        Scenario off = load(HEAD + "compare: {enabled: false}\n");
        assertThat(off.compare().enabled()).isFalse();
        assertThat(off.gates().responses()).isEqualTo(ResponseGates.NONE);
    }

    @Test
    void aReplicaTargetMeasuresNoiseWithoutBeingAsked() throws Exception {
        Scenario s = load(HEAD.replace("  candidate:", "  baseline-replica: {url: \"http://127.0.0.1:3\"}\n  candidate:"));
        assertThat(s.compare().noise()).isEqualTo(ResponseComparison.Noise.REPLICA);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            compare: {endpoints: {predict: {ignore: ['$.a[']}}}                  | compare.endpoints.predict.ignore[0]
            compare: {endpoints: {predict: {normalize: [{pattern: '('}]}}}       | compare.endpoints.predict.normalize[0]
            compare: {endpoints: {predict: {normalize: [{replace: x}]}}}         | missing key 'pattern'
            compare: {endpoints: {predict: {tolerance: {$.s: {absolute: -1}}}}}  | compare.endpoints.predict.tolerance.$.s.absolute
            compare: {endpoints: {predict: {arrays: {$.items: {match: sorted}}}}} | expected order, set or key
            compare: {endpoints: {predict: {arrays: {$.items: {}}}}}              | expected {match: order}
            compare: {endpoints: {predict: {scorePath: 'score'}}}                | compare.endpoints.predict
            compare: {noise: replica}                                            | replica needs a baseline-replica target
            compare: {noise: often}                                              | compare.noise
            compare: {examples: 1000}                                            | must be at most 100
            gates: {schema: {}}                                                  | missing key 'breaking'
            """)
    void aBadRuleIsALocatedError(String block, String expected) {
        assertThatThrownBy(() -> load(HEAD + block + "\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(tmp.resolve("s.yaml") + ":")
                .hasMessageContaining(expected);
    }

    @Test
    void gatesOnResponsesNeedResponsesCompared() {
        assertThatThrownBy(() -> load(HEAD + "compare: {enabled: false}\ngates: {maxMismatchRate: 1%}\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("gates.maxMismatchRate: needs responses compared");
    }
}
