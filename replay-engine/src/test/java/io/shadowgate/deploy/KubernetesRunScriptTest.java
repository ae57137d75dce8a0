package io.shadowgate.deploy;

import static io.shadowgate.deploy.KubernetesFixtures.IMAGE;
import static io.shadowgate.deploy.KubernetesFixtures.REPO;
import static io.shadowgate.deploy.KubernetesFixtures.RUN_ID;
import static io.shadowgate.deploy.KubernetesFixtures.RUN_SH;
import static io.shadowgate.deploy.KubernetesFixtures.SCENARIO;
import static io.shadowgate.deploy.KubernetesFixtures.command;
import static io.shadowgate.deploy.KubernetesFixtures.env;
import static io.shadowgate.deploy.KubernetesFixtures.finish;
import static io.shadowgate.deploy.KubernetesFixtures.onlyContainer;
import static io.shadowgate.deploy.KubernetesFixtures.start;
import static io.shadowgate.deploy.KubernetesFixtures.valueAfter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.shadowgate.deploy.KubernetesFixtures.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver {@code deploy/kubernetes/run.sh}: its options, and its control flow against a
 * stand-in kubectl ({@code src/test/resources/deploy/fake-kubectl.sh}), down to its exit code
 * being the merge's verdict. No cluster is needed; bash is.
 */
class KubernetesRunScriptTest {

    @TempDir
    Path tmp;

    @Test
    void theScriptsParse() throws Exception {
        for (Path script : List.of(RUN_SH, REPO.resolve("shadowgate"), testResource("fake-kubectl.sh"))) {
            Result r = bash(List.of("-n", script.toString()), Map.of());
            assertThat(r.exit()).as(script + ": " + r.err()).isZero();
        }
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() throws Exception {
        record Case(List<String> args, String message) { }
        for (Case c : List.of(
                new Case(List.of("--shards", "0"), "--shards"),
                new Case(List.of("--shards", "four"), "--shards"),
                new Case(List.of("--memory", "2G; rm -rf /"), "--memory"),
                new Case(List.of("--run-id", "Not_A_Label"), "--run-id"),
                new Case(List.of("--lead", "600", "--deadline", "300"), "--deadline"),
                new Case(List.of("--no-such-option"), "--no-such-option"))) {
            List<String> args = new ArrayList<>(List.of(RUN_SH.toString(), "--render", "--image", IMAGE));
            args.addAll(c.args());
            args.add(SCENARIO.toString());
            Result r = bash(args, Map.of());
            assertThat(r.exit()).as(c.args() + ": " + r.err()).isEqualTo(64);
            assertThat(r.err()).as(c.args().toString()).contains(c.message());
            assertThat(r.out()).isEmpty();
        }
    }

    // ---- The driver against a stand-in kubectl -------------------------------------------------

    @ParameterizedTest(name = "merge exit {0}")
    @ValueSource(ints = {0, 1, 2, 65})
    void theDriverExitsWithTheMergesCodeAndCopiesTheReportOut(int mergeExit) throws Exception {
        Path out = tmp.resolve("report");
        long before = System.currentTimeMillis();
        Result r = driver(Map.of("FAKE_MERGE_EXIT", String.valueOf(mergeExit)), "--out", out.toString());
        long after = System.currentTimeMillis();

        assertThat(r.exit()).as(r.err()).isEqualTo(mergeExit);
        assertThat(out.resolve("summary.md")).exists();
        List<String> calls = calls();
        int configMap = indexOf(calls, "create configmap shadowgate-scenario-" + RUN_ID);
        int creates = indexOf(calls, "create -f -");
        int copy = indexOf(calls, "cp shadowgate-fetch-" + RUN_ID + ":/results/" + RUN_ID + "/merged " + out);
        assertThat(configMap).isNotNegative().isLessThan(creates);
        assertThat(copy).isGreaterThan(creates);
        assertThat(calls).allMatch(c -> c.startsWith("--namespace team-a "), "every call in the namespace given");

        // Created in order: the shards, the merge, the fetch pod; START_AT is now + the lead (0 here).
        List<JsonNode> created = created();
        assertThat(created).extracting(d -> d.path("metadata").path("name").asText()).containsExactly(
                "shadowgate-shards-" + RUN_ID, "shadowgate-merge-" + RUN_ID, "shadowgate-fetch-" + RUN_ID);
        long startAt = Long.parseLong(env(onlyContainer(created.get(0).path("spec").path("template").path("spec")))
                .get("START_AT").path("value").asText());
        assertThat(startAt).isBetween(before - 1_000, after + 1_000);
        // The merge's output directory is what is copied out.
        List<String> mergeWords = List.of(command(onlyContainer(created.get(1).path("spec").path("template").path("spec")))
                .get(2).replace("\"", "").trim().split("\\s+"));
        assertThat(valueAfter(mergeWords, "--out").replace("$SHADOWGATE_RUN_ID", RUN_ID)).isEqualTo("/results/" + RUN_ID + "/merged");
        // Jobs are left for their logs; the ConfigMap and the fetch pod are cleaned up.
        assertThat(calls).anyMatch(c -> c.contains("delete configmap shadowgate-scenario-" + RUN_ID));
        assertThat(calls).anyMatch(c -> c.contains("delete pod shadowgate-fetch-" + RUN_ID));
        assertThat(calls).noneMatch(c -> c.contains("delete job"));
    }

    @Test
    void aFailedShardJobIsStillMergedSoTheVerdictSaysWhy() throws Exception {
        Result r = driver(Map.of("FAKE_SHARDS", "Failed", "FAKE_MERGE_EXIT", "2"), "--out", tmp.resolve("r").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the shard Job failed: BackoffLimitExceeded").contains("1 shadowgate-shards-x-1-fghij Failed 69");
        assertThat(created()).hasSize(3);
    }

    @Test
    void aClusterProblemIsNeverMistakenForAVerdict() throws Exception {
        Result r = driver(Map.of("FAKE_PVC", "missing"), "--out", tmp.resolve("r").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(70);
        assertThat(r.err()).contains("no PersistentVolumeClaim shadowgate-results in namespace team-a");
        assertThat(calls()).noneMatch(c -> c.contains("create"));

        // A kubectl call that fails where run.sh has no message of its own: exit 1 would read as NO_GO.
        Files.delete(tmp.resolve("calls.log"));
        r = driver(Map.of("FAKE_FAIL_ON", "label configmap"), "--out", tmp.resolve("r").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(70);
        assertThat(calls()).anyMatch(c -> c.contains("delete configmap shadowgate-scenario-" + RUN_ID));
    }

    @Test
    void stoppingTheDriverStopsTheRunAndIsNoVerdict() throws Exception {
        Process process = driverProcess(Map.of(), "--lead", "120", "--out", tmp.resolve("r").toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (calls().stream().noneMatch(c -> c.endsWith("create -f -")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(calls()).as("the shard Job was created").anyMatch(c -> c.endsWith("create -f -"));
            Thread.sleep(200);
            assertThat(process.isAlive()).as("waiting for the start time").isTrue();
            process.destroy();   // SIGTERM, as a CI job being cancelled gets
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stops at once, not at the start time").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(calls()).anyMatch(c -> c.endsWith("delete job shadowgate-shards-" + RUN_ID + " shadowgate-merge-" + RUN_ID
                + " --ignore-not-found --wait=false"));
        assertThat(calls()).noneMatch(c -> c.contains(" cp "));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** run.sh for real, against fake-kubectl.sh, with a lead of 0 so that nothing waits. */
    private Result driver(Map<String, String> fake, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--lead", "0"));
        args.addAll(List.of(options));
        return finish(tmp, driverProcess(fake, args.toArray(String[]::new)));
    }

    private Process driverProcess(Map<String, String> fake, String... options) throws IOException {
        Path kubectl = testResource("fake-kubectl.sh");
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = new HashMap<>(fake);
        env.put("KUBECTL", kubectl.toString());
        env.put("FAKE_DIR", tmp.toString());
        List<String> args = new ArrayList<>(List.of(RUN_SH.toString(), "--image", IMAGE, "--shards", "2",
                "--namespace", "team-a", "--run-id", RUN_ID));
        args.addAll(List.of(options));   // a later --lead wins
        args.add(SCENARIO.toString());
        return start(tmp, args, env);
    }

    private List<String> calls() throws IOException {
        Path log = tmp.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<JsonNode> created() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (int i = 0; Files.exists(tmp.resolve("created-" + i + ".yaml")); i++) {
            docs.add(new YAMLMapper().readTree(tmp.resolve("created-" + i + ".yaml").toFile()));
        }
        return docs;
    }

    private static int indexOf(List<String> calls, String call) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).endsWith(call) || calls.get(i).contains(call + " ")) {
                return i;
            }
        }
        return -1;
    }

    private Path testResource(String name) throws IOException {
        return KubernetesFixtures.testResource(tmp, name);
    }

    private Result bash(List<String> args, Map<String, String> env) throws Exception {
        return KubernetesFixtures.bash(tmp, args, env);
    }
}
