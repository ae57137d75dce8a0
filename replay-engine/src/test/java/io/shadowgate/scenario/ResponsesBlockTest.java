package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowgate.scenario.ResponseVariation.LabelFlip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code responses:} block of a simulated target, in a profile file and in a scenario. */
class ResponsesBlockTest {

    private static final String FULL_BLOCK = """
            responses:
              weightsOf: "2.3.1"
              scoreShift: 0.004
              flipLabels: {feature: 0, above: 0.8}
              renameFields: {score: confidence}
              dropFields: [modelVersion]
              stringFields: [score]
              nondeterministic: true
            """;

    @TempDir
    Path tmp;

    @Test
    void aProfileFileTakesTheWholeBlock() throws Exception {
        Path file = write("p.yaml", "version: \"2.4.0\"\n" + FULL_BLOCK);

        SimulatedProfile profile = ScenarioLoader.loadProfile(file);

        assertThat(profile.responses()).isEqualTo(new ResponseVariation("2.3.1", 0.004, new LabelFlip(0, 0.8),
                Map.of("score", "confidence"), List.of("modelVersion"), List.of("score"), true));
    }

    @Test
    void withoutTheBlockOrWithAnEmptyOneAnswersArePlain() throws Exception {
        assertThat(ScenarioLoader.loadProfile(write("a.yaml", "version: \"1\"\n")).responses())
                .isEqualTo(ResponseVariation.NONE);
        assertThat(ScenarioLoader.loadProfile(write("b.yaml", "version: \"1\"\nresponses: {}\n")).responses())
                .isEqualTo(ResponseVariation.NONE);
        assertThat(ScenarioLoader.loadProfile(write("c.yaml", "version: \"1\"\nresponses:\n")).responses())
                .isEqualTo(ResponseVariation.NONE);
    }

    @Test
    void aNumericWeightsOfKeepsItsDigits() throws Exception {
        Path file = write("p.yaml", "version: \"2.4\"\nresponses: {weightsOf: 2.10, nondeterministic: false}\n");
        assertThat(ScenarioLoader.loadProfile(file).responses().weightsOf()).isEqualTo("2.10");
    }

    @Test
    void aScenarioTargetTakesTheBlockUnderSimulated() throws Exception {
        Path file = write("s.yaml", """
                name: varied
                targets:
                  baseline:
                    simulated: {version: "2.4.0"}
                  candidate:
                    simulated:
                      version: "2.3.1"
                      responses:
                        flipLabels: {feature: 3, above: -0.5}
                        scoreShift: -0.25
                traffic:
                  synth:
                    duration: 10s
                    rate: 50
                    requests:
                      - {method: POST, path: /v1/predict, body: '{"features": {{features:4}}}'}
                """);

        Scenario s = ScenarioLoader.load(file).scenario();

        assertThat(s.baseline().simulated().responses()).isEqualTo(ResponseVariation.NONE);
        assertThat(s.candidate().simulated().responses()).isEqualTo(new ResponseVariation(null, -0.25,
                new LabelFlip(3, -0.5), Map.of(), List.of(), List.of(), false));
    }

    @Test
    void aScenarioErrorNamesTheFullPathAndItsPlace() throws Exception {
        Path file = write("s.yaml", """
                name: varied
                targets:
                  baseline:
                    url: http://127.0.0.1:8080
                  candidate:
                    simulated:
                      version: "2.3.1"
                      responses:
                        dropFields: [modelVersion, scores]
                traffic:
                  synth:
                    duration: 10s
                    rate: 50
                    requests:
                      - path: /healthz
                """);

        assertThatThrownBy(() -> ScenarioLoader.load(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(file + ":9:36: targets.candidate.simulated.responses.dropFields[1]: unknown field 'scores';"
                        + " the predict answer has requestId, modelVersion, label, score"
                        + " (and servedAt, traceId with nondeterministic: true)");
    }

    /** Rows: what is wrong, the lines after {@code responses:}, and the expected "line:column: message". */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a misspelt field to rename",
                        "  renameFields: {scor: confidence}",
                        "3:18: responses.renameFields.scor: unknown field 'scor'; the predict answer has requestId, "
                                + "modelVersion, label, score (and servedAt, traceId with nondeterministic: true)"),
                Arguments.of("a nondeterministic field without nondeterministic: true",
                        "  dropFields: [traceId]",
                        "3:16: responses.dropFields[0]: 'traceId' is only in the answer with nondeterministic: true"),
                Arguments.of("the same with the flag: the field list says so",
                        "  nondeterministic: true\n  stringFields: [servedat]",
                        "4:18: responses.stringFields[0]: unknown field 'servedat'; the predict answer has requestId, "
                                + "modelVersion, label, score, servedAt, traceId"),
                Arguments.of("a negative feature index",
                        "  flipLabels: {feature: -1, above: 0.5}",
                        "3:16: responses.flipLabels.feature: must be a feature index of at least 0, found -1"),
                Arguments.of("a flip range without its bound",
                        "  flipLabels: {feature: 2}",
                        "3:3: missing key 'above' in responses.flipLabels (labels are flipped where features[feature]"
                                + " is greater than it)"),
                Arguments.of("a shift beyond the score range",
                        "  scoreShift: 1.5",
                        "3:3: responses.scoreShift: must be a number between -1 and 1 (scores are in [0, 1]), found 1.5"),
                Arguments.of("a shift below the reported precision",
                        "  scoreShift: 0.0000001",
                        "3:3: responses.scoreShift: scores are reported to 6 decimals, so the shift must be a multiple"
                                + " of 0.000001, found 1.0E-7"),
                Arguments.of("a shift written as text",
                        "  scoreShift: a little",
                        "3:3: responses.scoreShift: expected a number, found 'a little'"),
                Arguments.of("a rename onto a field the answer has",
                        "  renameFields: {score: label}",
                        "3:18: responses.renameFields.score: cannot rename score to 'label': the answer already has a"
                                + " field of that name"),
                Arguments.of("two fields renamed to one name",
                        "  renameFields: {score: x, label: x}",
                        "3:28: responses.renameFields.label: cannot rename label to 'x': score is already renamed to it"),
                Arguments.of("a rename with no new name",
                        "  renameFields:\n    score:",
                        "4:5: responses.renameFields.score: expected the new name of score, e.g. {score: confidence}"),
                Arguments.of("a field both renamed and dropped",
                        "  renameFields: {label: verdict}\n  dropFields: [label]",
                        "4:16: responses.dropFields[0]: label is also renamed in renameFields; drop it or rename it,"
                                + " not both"),
                Arguments.of("a text field sent as text",
                        "  stringFields: [label]",
                        "3:18: responses.stringFields[0]: label is already sent as text; only score is a number"),
                Arguments.of("a dropped field sent as text",
                        "  dropFields: [score]\n  stringFields: [score]",
                        "4:18: responses.stringFields[0]: score is dropped (dropFields), so it cannot also be sent"
                                + " as text"),
                Arguments.of("a field listed twice",
                        "  dropFields: [score, score]",
                        "3:23: responses.dropFields[1]: score is listed twice"),
                Arguments.of("an empty weightsOf",
                        "  weightsOf: ' '",
                        "3:3: responses.weightsOf: expected a model version such as \"2.3.1\", found empty text"),
                Arguments.of("an unknown key",
                        "  flipLabel: {feature: 0, above: 1}",
                        "3:3: unknown key 'flipLabel' at responses (expected one of: weightsOf, scoreShift, flipLabels,"
                                + " renameFields, dropFields, stringFields, nondeterministic)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakesAreReportedAtTheirKey(String what, String lines, String expected) throws Exception {
        Path file = write("p.yaml", "version: \"1\"\nresponses:\n" + lines + "\n");

        assertThatThrownBy(() -> ScenarioLoader.loadProfile(file))
                .isInstanceOf(ScenarioException.class)
                .hasMessage(file + ":" + expected);
    }

    private Path write(String name, String content) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
