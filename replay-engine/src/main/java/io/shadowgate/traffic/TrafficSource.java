package io.shadowgate.traffic;

import java.util.Iterator;

/**
 * A stream of requests in intended-send order, read lazily so that memory never grows with
 * the length of the stream. Single consumer: only the scheduler thread may call it.
 */
public interface TrafficSource extends Iterator<Request>, AutoCloseable {

    /** Releases any file or buffer behind the stream; never throws checked exceptions. */
    @Override
    void close();
}
