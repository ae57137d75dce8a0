package io.shadowgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.cli.RunCommandTest.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shadowgate simulate}: bad input ends with exit 65 and says where. */
class SimulateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aBadProfileFileIsExit65WithItsPlace() throws IOException {
        Path profile = tmp.resolve("profile.yaml");
        Files.writeString(profile, "version: \"3.1\"\nerrorRate: 2%\nlatncy: {median: 5ms}\n");

        Result r = RunCommandTest.shadowgate("simulate", "--profile", profile.toString(), "--port", "0");

        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("shadowgate: " + profile + ":3:1: unknown key 'latncy'");
    }

    @Test
    void aBusyPortIsExit65NamingIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = RunCommandTest.shadowgate("simulate", "--port", String.valueOf(busy.getLocalPort()));

            assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }
}
