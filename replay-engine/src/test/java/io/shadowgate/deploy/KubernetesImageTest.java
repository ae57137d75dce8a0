package io.shadowgate.deploy;

import static io.shadowgate.deploy.KubernetesFixtures.DEPLOY;
import static io.shadowgate.deploy.KubernetesFixtures.REPO;
import static io.shadowgate.deploy.KubernetesFixtures.launcherInImage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image the Kubernetes Jobs run ({@code deploy/kubernetes/Dockerfile}): a pinned JRE, and the
 * launcher and the jar where the launcher looks for it.
 */
class KubernetesImageTest {

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
}
