package io.shadowgate.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class SocketErrorsTest {

    @Test
    void everyTransportsFailureReadsInTheOperatingSystemsWords() {
        assertThat(SocketErrors.reason(new IOException("io_uring connect(..) failed with error(-111): Connection refused")))
                .isEqualTo("Connection refused");
        assertThat(SocketErrors.reason(new IOException("finishConnect(..) failed with error(-111): Connection refused")))
                .isEqualTo("Connection refused");
        assertThat(SocketErrors.reason(new IOException("bind(..) failed with error(-98): Address already in use")))
                .isEqualTo("Address already in use");
        assertThat(SocketErrors.reason(new IOException("bind(..) failed: Address already in use")))
                .isEqualTo("Address already in use");
        // NIO's words come bare, and an address after them stays.
        assertThat(SocketErrors.reason(new ConnectException("Connection refused: /127.0.0.1:9")))
                .isEqualTo("Connection refused: /127.0.0.1:9");
    }

    @Test
    void failuresWithoutWordsAreNamedByTheirKind() {
        assertThat(SocketErrors.reason(null)).isEqualTo("unknown error");
        assertThat(SocketErrors.reason(new UnresolvedAddressException())).isEqualTo("cannot resolve the host name");
        assertThat(SocketErrors.reason(new ConnectException())).isEqualTo("ConnectException");
    }
}
