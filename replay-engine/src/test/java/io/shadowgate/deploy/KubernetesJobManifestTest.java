package io.shadowgate.deploy;

import static io.shadowgate.deploy.KubernetesFixtures.DEPLOY;
import static io.shadowgate.deploy.KubernetesFixtures.IMAGE;
import static io.shadowgate.deploy.KubernetesFixtures.RUN_ID;
import static io.shadowgate.deploy.KubernetesFixtures.RUN_SH;
import static io.shadowgate.deploy.KubernetesFixtures.SCENARIO;
import static io.shadowgate.deploy.KubernetesFixtures.bash;
import static io.shadowgate.deploy.KubernetesFixtures.command;
import static io.shadowgate.deploy.KubernetesFixtures.env;
import static io.shadowgate.deploy.KubernetesFixtures.launcherInImage;
import static io.shadowgate.deploy.KubernetesFixtures.onlyContainer;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Job and Pod manifests in {@code deploy/kubernetes/} as {@code run.sh --render} fills them in
 * (for several shard counts), checked for what a sharded run relies on: every shard once at the
 * same instant without retries, the merge reading every shard from the same volume, and pods that
 * are locked down. No cluster is needed; bash is.
 */
class KubernetesJobManifestTest {

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

    // ---- helpers ----------------------------------------------------------------------------------

    /** run.sh --render for this many shards, by role: shard, merge, fetch. */
    private Map<String, JsonNode> rendered(int shards) throws Exception {
        Result r = bash(tmp, List.of(RUN_SH.toString(), "--render", "--image", IMAGE, "--shards", String.valueOf(shards),
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

    private static String dockerfileUser() throws IOException {
        String user = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream().filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("the Dockerfile sets no USER"));
        String uid = user.substring("USER ".length()).split(":")[0].trim();
        assertThat(uid).as("a numeric, non-root USER").matches("[1-9][0-9]*");
        return uid;
    }
}
