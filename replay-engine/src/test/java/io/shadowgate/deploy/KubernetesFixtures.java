package io.shadowgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the Kubernetes*Test classes share: where the deployment is, the values it is rendered
 * with, reading containers out of a manifest, and running bash from the repository root.
 */
final class KubernetesFixtures {

    static final Path REPO = repositoryRoot();
    static final Path DEPLOY = REPO.resolve("deploy/kubernetes");
    static final Path RUN_SH = DEPLOY.resolve("run.sh");
    static final Path SCENARIO = REPO.resolve("scenarios/demo-rollback.yaml");
    static final String IMAGE = "registry.example.com/shadowgate@sha256:0123abcd";
    static final String RUN_ID = "20260101-120000-beef";

    private KubernetesFixtures() {
    }

    static JsonNode onlyContainer(JsonNode pod) {
        assertThat(pod.path("containers")).hasSize(1);
        return pod.path("containers").get(0);
    }

    static List<String> command(JsonNode container) {
        List<String> words = new ArrayList<>();
        container.path("command").forEach(w -> words.add(w.asText()));
        container.path("args").forEach(w -> words.add(w.asText()));
        return words;
    }

    static String valueAfter(List<String> words, String option) {
        int i = words.indexOf(option);
        assertThat(i).as(option + " in " + words).isNotNegative().isLessThan(words.size() - 1);
        assertThat(words.lastIndexOf(option)).as(option + " once").isEqualTo(i);
        return words.get(i + 1);
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> assertThat(env.put(e.path("name").asText(), e)).as("declared once").isNull());
        return env;
    }

    /** Where the Dockerfile puts the launcher (COPY shadowgate DEST). */
    static String launcherInImage() throws IOException {
        return Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream()
                .filter(l -> l.startsWith("COPY shadowgate ")).map(l -> l.substring("COPY shadowgate ".length()).trim())
                .findFirst().orElseThrow(() -> new AssertionError("the Dockerfile copies no launcher"));
    }

    /** A file from src/test/resources/deploy/, copied into tmp (once) so that it can be run. */
    static Path testResource(Path tmp, String name) throws IOException {
        Path copy = tmp.resolve(name);
        if (Files.exists(copy)) {
            return copy;
        }
        try (InputStream in = KubernetesFixtures.class.getResourceAsStream("/deploy/" + name)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    record Result(int exit, String out, String err) { }

    static Result bash(Path tmp, List<String> args, Map<String, String> env) throws Exception {
        return finish(tmp, start(tmp, args, env));
    }

    /** bash ARGS from the repository root, its stdout and stderr into tmp/out.txt and tmp/err.txt. */
    static Process start(Path tmp, List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    static Result finish(Path tmp, Process process) throws Exception {
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
