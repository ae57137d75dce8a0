package io.shadowgate.cli;

/**
 * Where a proxy command listens, from {@code --listen [HOST:]PORT}: the host defaults to
 * loopback, and a bracketed IPv6 literal ({@code [::1]:8081}) loses its brackets.
 *
 * @param host address to bind
 * @param port port to bind, 0 for a free one
 */
record ListenAddress(String host, int port) {

    /**
     * Parses {@code --listen}.
     *
     * @throws IllegalArgumentException worded for the user, naming the option
     */
    static ListenAddress parse(String text, String defaultHost) {
        String host = defaultHost;
        String port = text.trim();
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            host = colon == 0 ? host : port.substring(0, colon).replace("[", "").replace("]", "");
            port = port.substring(colon + 1);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen '" + text + "' is not [HOST:]PORT");
        }
        if (number < 0 || number > 65_535) {
            throw new IllegalArgumentException("--listen port must be between 0 and 65535, was " + number);
        }
        return new ListenAddress(host, number);
    }
}
