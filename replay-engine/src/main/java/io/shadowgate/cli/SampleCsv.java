package io.shadowgate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a CSV file (RFC 4180: comma-separated, fields optionally in double
 * quotes, a doubled quote standing for one) into fields. Only what sample files need: a
 * quoted field may not span lines. Unquoted fields are trimmed.
 */
final class SampleCsv {

    private SampleCsv() {
    }

    /**
     * The fields of {@code line}.
     *
     * @throws IllegalArgumentException with what is wrong, when a quote is left open or
     *     followed by something other than a comma
     */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = at;
            while (at < line.length() && line.charAt(at) == ' ') {
                at++;
            }
            if (at < line.length() && line.charAt(at) == '"') {
                StringBuilder field = new StringBuilder();
                at++;
                while (true) {
                    if (at >= line.length()) {
                        throw new IllegalArgumentException("a quoted field is not closed (fields spanning lines are not supported)");
                    }
                    char ch = line.charAt(at++);
                    if (ch != '"') {
                        field.append(ch);
                    } else if (at < line.length() && line.charAt(at) == '"') {
                        field.append('"');
                        at++;
                    } else {
                        break;
                    }
                }
                while (at < line.length() && line.charAt(at) == ' ') {
                    at++;
                }
                if (at < line.length() && line.charAt(at) != ',') {
                    throw new IllegalArgumentException("expected a comma after the quoted field \"" + field + "\"");
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', start);
                at = comma < 0 ? line.length() : comma;
                fields.add(line.substring(start, at).trim());
            }
            if (at >= line.length()) {
                return fields;
            }
            at++; // the comma
        }
    }
}
