package io.shadowgate.netty;

import java.nio.channels.UnresolvedAddressException;

/** Socket failures in the operating system's own words, for messages people read. */
public final class SocketErrors {

    private SocketErrors() {
    }

    /**
     * The OS's words without the transport's prefix: epoll says "bind(..) failed with
     * error(-98): Address already in use", NIO just "Address already in use".
     */
    public static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof UnresolvedAddressException) {
            return "cannot resolve the host name";
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        int colon = message.lastIndexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
