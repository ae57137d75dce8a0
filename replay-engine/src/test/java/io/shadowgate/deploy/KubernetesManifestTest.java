package io.shadowgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes deployment in {@code deploy/kubernetes/}, checked for what a sharded run relies
 * on: the manifests as {@code run.sh --render} fills them in (for several shard counts), the
 * image they run, and the driver's control flow against a stand-in kubectl, down to its exit code
 * being the merge's verdict. No cluster is needed; bash is.
 */
class KubernetesManifestTest {

    private static final Path REPO = repositoryRoot();
    private static final Path DEPLOY = REPO.resolve("deploy/kubernetes");
    private static final Path RUN_SH = DEPLOY.resolve("run.sh");
    private static final Path SCENARIO = REPO.resolve("scenarios/demo-rollback.yaml");
    private static final String IMAGE = "registry.example.com/shadowgate@sha256:0123abcd";
    private static final String RUN_ID = "20260101-120000-beef";
    private static final long START_AT = 1_767_268_800_000L;
    private static final Pattern K8S_VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 3, 16})
    void theShardJobRunsEveryShardOnceAtTheSameInstantWithoutRetries(int shards) throws Exception {
        JsonNode job = rendered(shards).get("shard");
        JsonNode spec = job.path("spec");
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        assertThat(spec.path("completions").isInt()).as("completions is a number").isTrue();
        assertThat(spec.path("completions").asInt()).isEqualTo(shards);
        assertThat(spec.path("parallelism").asInt()).as("parallelism == completions").isEqualTo(shards);

        // No retries: not by the Job, not by the kubelet, not per index, not by a lenient rule.
        assertThat(spec.path("backoffLimit").isInt()).isTrue();
        assertThat(spec.path("backoffLimit").asInt()).isZero();
        assertThat(spec.has("backoffLimitPerIndex")).isFalse();
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = onlyContainer(pod);
        for (JsonNode rule : spec.path("podFailurePolicy").path("rules")) {
            assertThat(rule.path("action").asText()).as(rule.toString()).isEqualTo("FailJob");
            if (rule.has("onExitCodes")) {
                assertThat(rule.path("onExitCodes").path("containerName").asText()).isEqualTo(container.path("name").asText());
            }
        }
        assertThat(spec.path("activeDeadlineSeconds").asInt()).as("a Pending shard cannot hold the run forever").isPositive();

        // shadowgate run /scenario/scenario.yaml --shards N --start-at $(START_AT) --out <results>/.../shard-$(JOB_COMPLETION_INDEX)
        List<String> command = command(container);
        assertThat(command.get(0)).isEqualTo(launcherInImage());
        assertThat(command.subList(1, 3)).containsExactly("run", mountPath(pod, "scenario") + "/scenario.yaml");
        assertThat(volume(pod, "scenario").has("configMap")).isTrue();
        assertThat(valueAfter(command, "--shards")).isEqualTo(String.valueOf(shards));
        assertThat(command).doesNotContain("--shard");
        assertThat(valueAfter(command, "--start-at")).isEqualTo("$(START_AT)");
        assertThat(env(container).get("START_AT").path("value").asText()).isEqualTo(String.valueOf(START_AT));
        String out = valueAfter(command, "--out");
        assertThat(out).startsWith(mountPath(pod, "results") + "/").endsWith("/shard-$(JOB_COMPLETION_INDEX)");
        assertThat(env(container).get("JOB_COMPLETION_INDEX").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertEveryReferenceIsDeclared(command, container);

        // Shards of one run on different nodes.
        JsonNode antiAffinity = pod.path("affinity").path("podAntiAffinity").path("requiredDuringSchedulingIgnoredDuringExecution");
        assertThat(antiAffinity).as("required pod anti-affinity").hasSize(1);
        assertThat(antiAffinity.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        JsonNode matchLabels = antiAffinity.get(0).path("labelSelector").path("matchLabels");
        JsonNode podLabels = spec.path("template").path("metadata").path("labels");
        assertThat(matchLabels.size()).isPositive();
        matchLabels.fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).as(label.getKey()).isEqualTo(label.getValue().asText()));
        assertThat(matchLabels.path("app.kubernetes.io/instance").asText()).as("only this run's shards repel").isEqualTo(RUN_ID);

        assertThat(container.path("resources").path("limits").path("cpu").asText()).isEqualTo("2");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("2Gi");
    }

    @Test
    void theMergeReadsEveryShardFromTheSameVolumeAndWritesTheReportThere() throws Exception {
        Map<String, JsonNode> docs = rendered(4);
        JsonNode shardPod = docs.get("shard").path("spec").path("template").path("spec");
        JsonNode merge = docs.get("merge");
        JsonNode mergePod = merge.path("spec").path("template").path("spec");
        assertThat(merge.path("kind").asText()).isEqualTo("Job");
        assertThat(merge.path("spec").path("backoffLimit").asInt()).isZero();
        assertThat(mergePod.path("restartPolicy").asText()).isEqualTo("Never");

        // The same claim at the same path, in the shards, the merge and the pod the report is copied from.
        String claim = volume(shardPod, "results").path("persistentVolumeClaim").path("claimName").asText();
        assertThat(claim).isEqualTo("shadowgate-results");
        String path = mountPath(shardPod, "results");
        for (JsonNode pod : List.of(mergePod, docs.get("fetch").path("spec"))) {
            assertThat(volume(pod, "results").path("persistentVolumeClaim").path("claimName").asText()).isEqualTo(claim);
            assertThat(mountPath(pod, "results")).isEqualTo(path);
        }

        // sh -c 'exec <launcher> merge "/results/$SHADOWGATE_RUN_ID"/shard-* --out "/results/$SHADOWGATE_RUN_ID/merged"':
        // the glob must name exactly the directories the shards write, whatever the index.
        JsonNode mergeContainer = onlyContainer(mergePod);
        List<String> command = command(mergeContainer);
        assertThat(command.subList(0, 2)).containsExactly("/bin/sh", "-c");
        List<String> words = List.of(command.get(2).replace("\"", "").trim().split("\\s+"));
        assertThat(words.subList(0, 3)).containsExactly("exec", launcherInImage(), "merge");
        String shardOut = valueAfter(command(onlyContainer(shardPod)), "--out");
        String expectedGlob = K8S_VAR.matcher(shardOut).replaceAll("\\$$1").replace("$JOB_COMPLETION_INDEX", "*");
        assertThat(words.get(3)).isEqualTo(expectedGlob);
        assertThat(words.get(3)).startsWith(path + "/").endsWith("/shard-*");
        assertThat(valueAfter(words, "--out")).startsWith(path + "/").doesNotContain("shard-");
        assertThat(words).hasSize(6);
        // $SHADOWGATE_RUN_ID is the same value on both sides: this run's label.
        String runIdFrom = "metadata.labels['app.kubernetes.io/instance']";
        for (JsonNode c : List.of(onlyContainer(shardPod), mergeContainer)) {
            assertThat(env(c).get("SHADOWGATE_RUN_ID").path("valueFrom").path("fieldRef").path("fieldPath").asText())
                    .isEqualTo(runIdFrom);
        }
        for (JsonNode job : List.of(docs.get("shard"), merge)) {
            assertThat(job.path("spec").path("template").path("metadata").path("labels").path("app.kubernetes.io/instance").asText())
                    .isEqualTo(RUN_ID);
        }
    }

    @Test
    void everyPodIsGuaranteedNonRootAndReadOnlyWithNoTokenAndNoNamespace() throws Exception {
        String uid = dockerfileUser();
        for (Map.Entry<String, JsonNode> doc : rendered(2).entrySet()) {
            JsonNode object = doc.getValue();
            JsonNode pod = object.path("kind").asText().equals("Pod") ? object.path("spec")
                    : object.path("spec").path("template").path("spec");
            String what = doc.getKey();
            assertThat(object.path("metadata").has("namespace")).as(what + ": namespace is run.sh's parameter").isFalse();
            assertThat(object.path("metadata").path("labels").path("app.kubernetes.io/name").asText()).isEqualTo("shadowgate");
            assertThat(pod.path("automountServiceAccountToken").isBoolean()).as(what).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).as(what).isFalse();
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(what).isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asText()).as(what + ": the image's user").isEqualTo(uid);
            assertThat(pod.has("initContainers")).isFalse();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.path("image").asText()).isEqualTo(IMAGE);
                JsonNode resources = container.path("resources");
                assertThat(resources.path("requests").path("cpu").isMissingNode()).as(what + " cpu").isFalse();
                assertThat(resources.path("requests").path("memory").isMissingNode()).as(what + " memory").isFalse();
                assertThat(resources.path("requests")).as(what + ": requests == limits (Guaranteed QoS)")
                        .isEqualTo(resources.path("limits"));
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").isBoolean()).as(what).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean()).as(what).isFalse();
                assertThat(security.path("capabilities").path("drop").toString()).as(what).isEqualTo("[\"ALL\"]");
                for (JsonNode env : container.path("env")) {
                    assertThat(env.path("name").asText()).as("no credentials in the manifest")
                            .doesNotContainIgnoringCase("token").doesNotContainIgnoringCase("password");
                }
            }
        }
    }

    @Test
    void theImageHoldsTheLauncherAndTheJarWhereTheLauncherLooksOnAPinnedJre() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).hasSize(1);
        assertThat(from.get(0)).matches("FROM eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-[a-z]+(@sha256:[0-9a-f]{64})?");
        String launcher = launcherInImage();
        assertThat(lines).contains("COPY shadowgate " + launcher);
        // The launcher runs $here/replay-engine/target/shadowgate.jar.
        assertThat(Files.readString(REPO.resolve("shadowgate"))).contains("jar=\"$here/replay-engine/target/shadowgate.jar\"");
        String dir = launcher.substring(0, launcher.lastIndexOf('/'));
        assertThat(lines).contains("COPY replay-engine/target/shadowgate.jar " + dir + "/replay-engine/target/shadowgate.jar");
        assertThat(lines).contains("ENTRYPOINT [\"" + launcher + "\"]");
        assertThat(Files.readAllLines(DEPLOY.resolve("Dockerfile.dockerignore")))
                .contains("*", "!shadowgate", "!replay-engine/target/shadowgate.jar");
    }

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

    /** run.sh --render for this many shards, by role: shard, merge, fetch. */
    private Map<String, JsonNode> rendered(int shards) throws Exception {
        Result r = bash(List.of(RUN_SH.toString(), "--render", "--image", IMAGE, "--shards", String.valueOf(shards),
                "--run-id", RUN_ID, "--start-at", String.valueOf(START_AT), SCENARIO.toString()), Map.of());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).as("every placeholder filled in").doesNotContainPattern("\\$\\{[A-Z_]+\\}");
        Map<String, JsonNode> byRole = new HashMap<>();
        for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class).readValues(r.out()).readAll().stream()
                .map(JsonNode.class::cast).toList()) {
            String role = doc.path("metadata").path("labels").path("app.kubernetes.io/component").asText();
            assertThat(byRole.put(role, doc)).as("one " + role).isNull();
        }
        assertThat(byRole).containsOnlyKeys("shard", "merge", "fetch");
        return byRole;
    }

    /** run.sh for real, against fake-kubectl.sh, with a lead of 0 so that nothing waits. */
    private Result driver(Map<String, String> fake, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--lead", "0"));
        args.addAll(List.of(options));
        return finish(driverProcess(fake, args.toArray(String[]::new)));
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
        return start(args, env);
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

    private static JsonNode onlyContainer(JsonNode pod) {
        assertThat(pod.path("containers")).hasSize(1);
        return pod.path("containers").get(0);
    }

    private static List<String> command(JsonNode container) {
        List<String> words = new ArrayList<>();
        container.path("command").forEach(w -> words.add(w.asText()));
        container.path("args").forEach(w -> words.add(w.asText()));
        return words;
    }

    private static String valueAfter(List<String> words, String option) {
        int i = words.indexOf(option);
        assertThat(i).as(option + " in " + words).isNotNegative().isLessThan(words.size() - 1);
        assertThat(words.lastIndexOf(option)).as(option + " once").isEqualTo(i);
        return words.get(i + 1);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> assertThat(env.put(e.path("name").asText(), e)).as("declared once").isNull());
        return env;
    }

    /** Kubernetes leaves $(NAME) as it is when NAME is not in the container's env: each must be. */
    private static void assertEveryReferenceIsDeclared(List<String> command, JsonNode container) {
        Map<String, JsonNode> env = env(container);
        for (String word : command) {
            Matcher m = K8S_VAR.matcher(word);
            while (m.find()) {
                assertThat(env).as("$(" + m.group(1) + ") in " + word).containsKey(m.group(1));
            }
        }
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name + " in " + pod);
    }

    private static String mountPath(JsonNode pod, String volume) {
        volume(pod, volume);
        List<String> paths = new ArrayList<>();
        for (JsonNode m : onlyContainer(pod).path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                assertThat(m.has("subPath") || m.has("subPathExpr")).as("the whole volume").isFalse();
                paths.add(m.path("mountPath").asText());
            }
        }
        assertThat(paths).as("mounts of " + volume).hasSize(1);
        return paths.get(0);
    }

    /** Where the Dockerfile puts the launcher (COPY shadowgate DEST). */
    private static String launcherInImage() throws IOException {
        return Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY shadowgate ")).map(l -> l.substring("COPY shadowgate ".length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("the Dockerfile copies no launcher"));
    }

    private static String dockerfileUser() throws IOException {
        String user = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream().filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("the Dockerfile sets no USER"));
        String uid = user.substring("USER ".length()).split(":")[0].trim();
        assertThat(uid).as("a numeric, non-root USER").matches("[1-9][0-9]*");
        return uid;
    }

    private Path testResource(String name) throws IOException {
        Path copy = tmp.resolve(name);
        if (Files.exists(copy)) {
            return copy;
        }
        try (InputStream in = getClass().getResourceAsStream("/deploy/" + name)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    private record Result(int exit, String out, String err) { }

    private Result bash(List<String> args, Map<String, String> env) throws Exception {
        return finish(start(args, env));
    }

    /** bash ARGS from the repository root, its stdout and stderr into out.txt and err.txt. */
    private Process start(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private Result finish(Process process) throws Exception {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bash did not finish in 60 s: " + Files.readString(tmp.resolve("err.txt")));
        }
        return new Result(process.exitValue(), Files.readString(tmp.resolve("out.txt")),
                Files.readString(tmp.resolve("err.txt")));
    }

    /** The repository root: the first directory up from the module that has deploy/kubernetes/run.sh. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/kubernetes/run.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/kubernetes/run.sh above " + Path.of("").toAbsolutePath());
    }
}
