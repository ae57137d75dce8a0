package io.shadowgate.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The service the capture proxy forwards to: plain HTTP, a host and a port, no path.
 *
 * @param host name or address, IPv6 literals without brackets
 * @param port TCP port
 */
public record Upstream(String host, int port) {

    public Upstream {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("upstream port must be between 1 and 65535 (was " + port + ")");
        }
    }

    /**
     * Parses {@code http://HOST[:PORT]}.
     *
     * @throws IllegalArgumentException naming what is wrong: another scheme, a path, a missing host
     */
    public static Upstream parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme)) {
            throw new IllegalArgumentException("'" + text + "' must start with http:// (the proxy speaks plain HTTP/1.1 "
                    + "to its upstream)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + text + "' has no host; expected http://HOST:PORT");
        }
        boolean noPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
        if (!noPath || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + text + "' must be just http://HOST:PORT; requests keep their own "
                    + "paths");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Upstream(host, uri.getPort() < 0 ? 80 : uri.getPort());
    }

    /** The value of the Host header requests carry upstream; the port is left out when it is 80. */
    public String authority() {
        return port == 80 ? bracketed() : bracketed() + ":" + port;
    }

    /** {@code http://HOST:PORT}. */
    public URI uri() {
        return URI.create("http://" + bracketed() + ":" + port);
    }

    /** The host as a URI writes it: an IPv6 literal in brackets. */
    private String bracketed() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return uri().toString();
    }
}
