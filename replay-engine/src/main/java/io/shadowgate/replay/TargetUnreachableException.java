package io.shadowgate.replay;

import java.net.URI;

/** No connection at all could be opened to a target before the run; the CLI exits 69. */
public final class TargetUnreachableException extends Exception {

    private final String target;
    private final URI address;

    public TargetUnreachableException(String target, URI address, String cause) {
        super("target '" + target + "' at " + address + " could not be reached: " + cause);
        this.target = target;
        this.address = address;
    }

    public String target() {
        return target;
    }

    public URI address() {
        return address;
    }
}
