package io.shadowgate.traffic;

import java.util.Iterator;
import java.util.List;

/** Requests from a list, as a stream: for tests that build their traffic by hand. */
public final class ListTraffic {

    private ListTraffic() {
    }

    public static TrafficSource of(List<Request> requests) {
        Iterator<Request> it = requests.iterator();
        return new TrafficSource() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Request next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
