package io.shadowgate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.traffic.Header;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The small pure parts: sizes, upstream URLs, sampling, hop-by-hop headers. */
class CaptureValuesTest {

    @Test
    void sizesReadAsUsersWriteThem() {
        assertThat(ByteSizes.parse("512")).isEqualTo(512);
        assertThat(ByteSizes.parse("64KiB")).isEqualTo(65_536);
        assertThat(ByteSizes.parse("1 MiB")).isEqualTo(1 << 20);
        assertThat(ByteSizes.parse("2MB")).isEqualTo(2_000_000);
        assertThatThrownBy(() -> ByteSizes.parse("1.5MiB")).hasMessageContaining("not a size");
    }

    @Test
    void upstreamsAreHttpHostAndPortOnly() {
        assertThat(Upstream.parse("http://10.0.0.5:8080")).isEqualTo(new Upstream("10.0.0.5", 8080));
        assertThat(Upstream.parse("http://model.internal/").authority()).isEqualTo("model.internal");
        assertThat(Upstream.parse("http://[::1]:9000").authority()).isEqualTo("[::1]:9000");
        assertThatThrownBy(() -> Upstream.parse("https://x:443")).hasMessageContaining("http://");
        assertThatThrownBy(() -> Upstream.parse("http://x:80/v1")).hasMessageContaining("just http://HOST:PORT");
    }

    @Test
    void samplingKeepsAboutTheFractionAndTheSameArrivalsForASeed() {
        Sampler tenth = new Sampler(0.1, 42);
        long kept = LongStream.range(0, 100_000).filter(tenth::sample).count();
        assertThat(kept).isBetween(9_500L, 10_500L);
        Sampler again = new Sampler(0.1, 42);
        assertThat(LongStream.range(0, 1_000).filter(again::sample).toArray())
                .isEqualTo(LongStream.range(0, 1_000).filter(tenth::sample).toArray());
        assertThat(LongStream.range(0, 1_000).noneMatch(new Sampler(0, 1)::sample)).isTrue();
        assertThat(LongStream.range(0, 1_000).allMatch(new Sampler(1, 1)::sample)).isTrue();
    }

    @Test
    void connectionScopedHeadersAreNeitherForwardedNorRecorded() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Host", "proxy:8080")
                .add("Connection", "keep-alive, X-Hop, Transfer-Encoding")
                .add("X-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("Content-Length", "3")
                .add("Expect", "100-continue")
                .add("X-Model-Version", "2");

        assertThat(HopByHop.recordable(h)).containsExactly(new Header("Host", "proxy:8080"), new Header("X-Model-Version", "2"));
        HopByHop.strip(h);
        // Framing stays for the encoder even when Connection names it: no smuggling past it.
        assertThat(h.names()).containsExactlyInAnyOrder("Host", "Transfer-Encoding", "Content-Length", "Expect",
                "X-Model-Version");
    }
}
