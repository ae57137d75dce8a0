package io.shadowgate.compare.response;

import io.shadowgate.traffic.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Responses for the tests, built from real JSON and text. */
final class Responses {

    private Responses() {
    }

    static ResponseSnapshot json(String body) {
        return response(200, "application/json", body);
    }

    static ResponseSnapshot response(int status, String contentType, String body) {
        return new ResponseSnapshot(status, List.of(new Header("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response with the given headers as name, value, name, value... */
    static ResponseSnapshot withHeaders(String body, String... nameValues) {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.add(new Header(nameValues[i], nameValues[i + 1]));
        }
        return new ResponseSnapshot(200, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
