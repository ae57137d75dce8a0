package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final Request REQUEST = new Request(0, 0, "POST /login", "POST", "/login",
            List.of(new Header("Authorization", "Bearer abc"), new Header("Accept", "*/*"), new Header("cookie", "s=1"),
                    new Header("X-Api-Key", "k")),
            utf8("{\"user\":\"ann\",\"password\":\"hunter2\",\"nested\":[{\"password\":\"x\"}]}"), "ann",
            new RecordedResponse(200, List.of(new Header("Set-Cookie", "s=2"), new Header("Content-Type", "application/json")),
                    utf8("{\"token\":\"t\"}"), 10));

    @Test
    void credentialsAreRedactedByDefaultEverywhereTheyAppear() {
        Request r = Redactor.withDefaults(List.of("X-Api-Key"), List.of("password", "token")).redact(REQUEST);

        assertThat(r.headers()).containsExactly(new Header("Authorization", "[REDACTED]"), new Header("Accept", "*/*"),
                new Header("cookie", "[REDACTED]"), new Header("X-Api-Key", "[REDACTED]"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"user\":\"ann\",\"password\":\"[REDACTED]\",\"nested\":[{\"password\":\"[REDACTED]\"}]}");
        assertThat(r.recorded().headers().get(0)).isEqualTo(new Header("Set-Cookie", "[REDACTED]"));
        assertThat(new String(r.recorded().body(), StandardCharsets.UTF_8)).isEqualTo("{\"token\":\"[REDACTED]\"}");
        assertThat(r.sessionKey()).isEqualTo("ann");
    }

    @Test
    void aBodyWithoutMatchingFieldsKeepsItsExactBytes() {
        byte[] spaced = utf8("{ \"a\" : 1 }");
        Request plain = new Request(0, 0, "e", "POST", "/", List.of(), spaced);

        assertThat(Redactor.withDefaults(List.of(), List.of("password")).redact(plain).body()).isSameAs(spaced);
        Request binary = new Request(0, 0, "e", "POST", "/", List.of(), new byte[] {0, 1, 2});
        assertThat(Redactor.withDefaults(List.of(), List.of("password")).redact(binary).body()).containsExactly(0, 1, 2);
    }

    @Test
    void theDescriptionSaysWhatWasRemoved() {
        assertThat(Redactor.withDefaults(List.of("X-Api-Key"), List.of("password")).description())
                .isEqualTo(new TrafficHeader.Redaction(true,
                        List.of("authorization", "cookie", "proxy-authorization", "set-cookie", "x-api-key"), List.of("password")));
        assertThat(Redactor.none().description()).isEqualTo(TrafficHeader.Redaction.NONE);
        assertThat(Redactor.none().redact(REQUEST)).isSameAs(REQUEST);
    }
}
