package io.shadowgate.cli;

import picocli.CommandLine.Option;

/** The two addresses every reverse proxy command takes ({@code capture}, {@code proxy}): where to listen, where to forward. */
final class ReverseProxyAddresses {

    @Option(names = "--listen", required = true, paramLabel = "[HOST:]PORT",
            description = "Address to listen on; HOST defaults to 127.0.0.1 (loopback unless told otherwise), "
                    + "port 0 picks a free one.")
    String listen;

    @Option(names = "--upstream", required = true, paramLabel = "URL", description = "The service to forward to: http://HOST:PORT.")
    String upstream;
}
