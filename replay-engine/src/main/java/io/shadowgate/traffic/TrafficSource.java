package io.shadowgate.traffic;

import java.util.Iterator;
import java.util.function.UnaryOperator;

/**
 * A stream of requests in intended-send order, read lazily so that memory never grows with
 * the length of the stream. Single consumer: only the scheduler thread may call it.
 */
public interface TrafficSource extends Iterator<Request>, AutoCloseable {

    /** Releases any file or buffer behind the stream; never throws checked exceptions. */
    @Override
    void close();

    /** This stream with {@code f} applied to every request as it is read (to count, hash or redact it). */
    default TrafficSource map(UnaryOperator<Request> f) {
        TrafficSource source = this;
        return new TrafficSource() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Request next() {
                return f.apply(source.next());
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
