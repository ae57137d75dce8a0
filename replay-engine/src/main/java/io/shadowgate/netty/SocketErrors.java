package io.shadowgate.netty;

import java.nio.channels.UnresolvedAddressException;
import java.util.regex.Pattern;

/** Socket failures in the operating system's own words, for messages people read. */
public final class SocketErrors {

    /**
     * What the native transports put before the OS's words: epoll's "bind(..) failed with
     * error(-98): ", io_uring's "io_uring connect(..) failed with error(-111): ". NIO puts nothing.
     */
    private static final Pattern NATIVE_PREFIX = Pattern.compile("^(io_uring )?\\w+\\(\\.\\.\\) failed( with error\\(-?\\d+\\))?: ");

    private SocketErrors() {
    }

    /** The OS's words without the transport's prefix: "Address already in use", "Connection refused". */
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
        return withoutNativePrefix(message);
    }

    /** {@code message} without a native transport's prefix, if it has one. */
    public static String withoutNativePrefix(String message) {
        return NATIVE_PREFIX.matcher(message).replaceFirst("");
    }
}
