package io.shadowgate.traffic;

import java.util.List;

/**
 * The response production gave to a request, as captured or imported: kept so a replay can
 * be compared with what production saw.
 *
 * @param status        HTTP status
 * @param headers       headers in order
 * @param body          body bytes, empty for none
 * @param latencyMicros how long production took, or -1 when not recorded
 */
public record RecordedResponse(int status, List<Header> headers, byte[] body, long latencyMicros) {
}
