package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.judge.Decision;
import io.shadowgate.judge.Verdict;
import io.shadowgate.replay.Outcome;
import io.shadowgate.replay.OutcomeKind;
import io.shadowgate.replay.ResponseContent;
import io.shadowgate.report.RunInfo;
import io.shadowgate.report.RunResult;
import io.shadowgate.report.RunResultFixture;
import io.shadowgate.report.TargetIdentity;
import io.shadowgate.report.TargetIdentity.ObservedVersion;
import io.shadowgate.scenario.Scenario;
import io.shadowgate.scenario.ScenarioLoader;
import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What targets report as their version, counted per target without a socket. */
class VersionObserverTest {

    @TempDir
    Path dir;

    @Test
    void countsTheVersionEachTargetReportsInAHeaderOrAField() throws Exception {
        VersionObserver observer = new VersionObserver(scenario("{field: $.modelVersion}", "{header: X-Model-Version}",
                "    version: 2.4.0\n"));
        for (int i = 0; i < 8; i++) {
            observer.accept(answer("baseline", Map.of(), "{\"label\":\"a\",\"nested\":{\"modelVersion\":\"x\"},"
                    + "\"modelVersion\":\"2.4.0\"}"));
            observer.accept(answer("candidate", Map.of("x-model-version", " 2.3.1 "), "{}"));
        }
        // An error page without a version, a timeout (not an answer), and a body that is not JSON.
        observer.accept(answer("baseline", Map.of(), "{\"error\":\"injected\"}"));
        observer.accept(answer("baseline", Map.of(), "<html>503</html>"));
        observer.accept(new Outcome(99, "candidate", "/v1/predict", OutcomeKind.TIMEOUT, 0, 0, 0, 1, ResponseContent.NONE));

        Map<String, TargetIdentity> identities = observer.identities();

        assertThat(identities.get("baseline")).isEqualTo(new TargetIdentity("2.4.0", "field $.modelVersion", 10,
                List.of(new ObservedVersion("2.4.0", 8)), 0, 2));
        assertThat(identities.get("candidate")).isEqualTo(new TargetIdentity("2.3.1", "header X-Model-Version", 8,
                List.of(new ObservedVersion("2.3.1", 8)), 0, 0));
        assertThat(identities.get("candidate").describe("candidate"))
                .isEqualTo("candidate reported 2.3.1 in 100% of 8 responses (header X-Model-Version)");
        assertThat(identities.get("candidate").contradictions("candidate")).isEmpty();
        assertThat(observer.needsResponses()).isTrue();
    }

    @Test
    void aNestedFieldIsFoundThroughTheWholeBody() throws Exception {
        VersionObserver observer = new VersionObserver(scenario("{field: \"$.model['version']\"}", null));

        observer.accept(answer("baseline", Map.of(), "{\"model\":{\"name\":\"m\",\"version\":7}}"));

        assertThat(observer.identities().get("baseline").observed()).containsExactly(new ObservedVersion("7", 1));
    }

    @Test
    void keepsTheFirstFewDistinctValuesAndCountsTheRestTogether() throws Exception {
        VersionObserver observer = new VersionObserver(scenario(null, "{header: X-Model-Version}"));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    observer.accept(answer("candidate", Map.of("X-Model-Version", "v" + (i % 10)), ""));
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        TargetIdentity candidate = observer.identities().get("candidate");

        assertThat(candidate.observed()).hasSize(TargetIdentity.MAX_OBSERVED);
        assertThat(candidate.responses()).isEqualTo(4000);
        assertThat(candidate.observed().stream().mapToLong(ObservedVersion::responses).sum() + candidate.otherValues())
                .isEqualTo(4000);
        assertThat(candidate.otherValues()).isPositive();
        assertThat(candidate.contradictions("candidate")).hasSize(2)
                .anySatisfy(line -> assertThat(line).contains("more than one version answered"))
                .anySatisfy(line -> assertThat(line).contains("but is configured as 2.3.1"));
    }

    @Test
    void recordAddsIdentitiesConfiguredVersionsAndAReasonForAContradiction() throws Exception {
        Scenario scenario = scenario(null, "{header: X-Model-Version}", "    version: 2.4.0\n");
        VersionObserver observer = new VersionObserver(scenario);
        for (int i = 0; i < 4; i++) {
            observer.accept(answer("candidate", Map.of("X-Model-Version", "2.3.0"), ""));
        }
        RunResult go = RunResultFixture.go();
        RunInfo i = go.info();
        // As RunPipeline builds it today: a real target's version is "unknown".
        RunResult asRun = new RunResult(go.schemaVersion(), new RunInfo(i.scenarioName(), i.scenarioFile(),
                i.scenarioSha256(), i.toolVersion(), i.seed(), i.mode(), i.started(), i.finished(), false, i.command(),
                Map.of("baseline", "unknown", "candidate", "2.3.1"), i.traffic(), i.earlyStop()),
                go.verdict(), go.targets());

        RunResult recorded = observer.record(asRun);

        assertThat(recorded.info().targetVersions()).containsEntry("baseline", "2.4.0").containsEntry("candidate", "2.3.1");
        assertThat(recorded.info().targetIdentities().get("candidate").observed())
                .containsExactly(new ObservedVersion("2.3.0", 4));
        assertThat(recorded.verdict().decision()).isEqualTo(Decision.GO);
        assertThat(recorded.verdict().reasons()).last().isEqualTo(
                "candidate reported 2.3.0 in 100% of 4 responses (header X-Model-Version), but is configured as 2.3.1");
        assertThat(recorded.verdict().reasons()).hasSize(go.verdict().reasons().size() + 1);
    }

    @Test
    void aScenarioWithoutVersionFromNeedsNoResponsesAndAddsNoReasons() throws Exception {
        VersionObserver observer = new VersionObserver(scenario(null, null));
        RunResult go = RunResultFixture.go();

        assertThat(observer.needsResponses()).isFalse();
        Verdict verdict = observer.record(go).verdict();
        assertThat(verdict).isEqualTo(go.verdict());
        assertThat(observer.identities().get("candidate")).isEqualTo(TargetIdentity.configured("2.3.1"));
    }

    private Scenario scenario(String baselineFrom, String candidateFrom) throws Exception {
        return scenario(baselineFrom, candidateFrom, "");
    }

    private Scenario scenario(String baselineFrom, String candidateFrom, String baselineExtra) throws Exception {
        String text = "name: versions\n"
                + "targets:\n"
                + "  baseline:\n"
                + "    url: http://127.0.0.1:8080\n"
                + baselineExtra
                + (baselineFrom == null ? "" : "    versionFrom: " + baselineFrom + "\n")
                + "  candidate:\n"
                + "    simulated: {version: \"2.3.1\"}\n"
                + (candidateFrom == null ? "" : "    versionFrom: " + candidateFrom + "\n")
                + "traffic:\n"
                + "  synth: {duration: 1s, rate: 10, requests: [{path: /healthz}]}\n";
        Path file = Files.writeString(dir.resolve("versions.yaml"), text, StandardCharsets.UTF_8);
        return ScenarioLoader.load(file).scenario();
    }

    private static Outcome answer(String target, Map<String, String> headers, String body) {
        List<Header> list = headers.entrySet().stream().map(e -> new Header(e.getKey(), e.getValue())).toList();
        return new Outcome(1, target, "/v1/predict", OutcomeKind.RESPONSE, 200, 0, 0, 1,
                new ResponseContent(list, body.getBytes(StandardCharsets.UTF_8)));
    }
}
