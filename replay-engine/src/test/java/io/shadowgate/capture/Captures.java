package io.shadowgate.capture;

import io.shadowgate.scenario.LatencyProfile;
import io.shadowgate.scenario.SimulatedProfile;
import io.shadowgate.traffic.Header;
import io.shadowgate.traffic.Request;
import io.shadowgate.traffic.TrafficFileReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the capture tests. */
final class Captures {

    static final SimulatedProfile INSTANT = new SimulatedProfile("2.4.1", LatencyProfile.INSTANT, 0,
            SimulatedProfile.DEFAULT_ERROR_STATUS, List.of());

    private Captures() {
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    static Upstream upstreamOf(URI address) {
        return Upstream.parse(address.toString());
    }

    /** Every record of a traffic file, read with the engine's own reader (which checks order and trailer). */
    static List<Request> read(Path file) {
        List<Request> out = new ArrayList<>();
        try (TrafficFileReader reader = TrafficFileReader.open(file, false)) {
            reader.forEachRemaining(out::add);
        }
        return out;
    }

    /** The value of the first header named {@code name}, any case, or null. */
    static String header(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst().orElse(null);
    }
}
