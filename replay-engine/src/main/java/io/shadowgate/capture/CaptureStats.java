package io.shadowgate.capture;

import java.nio.file.Path;
import java.util.List;

/**
 * What a capture did so far (or in all, once closed). Every exchange the proxy saw is either
 * not sampled, or sampled and then recorded, dropped, late or incomplete — or still in flight.
 *
 * @param exchanges  requests the proxy received (all were forwarded, unless the upstream was down)
 * @param notSampled exchanges forwarded but, by the sampling fraction, not recorded
 * @param recorded   records written to the traffic files
 * @param dropped    sampled exchanges not recorded because the writer was behind (its queue or buffer was full)
 * @param late       sampled exchanges not recorded because they ended after the writer had stopped waiting
 *                   for them to keep the file in arrival order
 * @param incomplete sampled exchanges that ended without a whole response: the client or the upstream
 *                   went away, or the upstream could not be reached (answered 502 by the proxy)
 * @param files      the traffic files written, in order
 * @param failure    why writing failed, or null
 */
public record CaptureStats(
        long exchanges,
        long notSampled,
        long recorded,
        long dropped,
        long late,
        long incomplete,
        List<Path> files,
        String failure) {

    public CaptureStats {
        files = List.copyOf(files);
    }
}
