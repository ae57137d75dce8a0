package io.shadowgate.traffic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The bad records a tolerant reader skipped, in words, for the verdict: the first
 * {@value #MAX_KEPT} kept word for word, the rest only counted, so a badly damaged file
 * cannot fill the report. Single-threaded, like the readers that own it.
 */
final class ProblemLog {

    static final int MAX_KEPT = 100;

    private final List<String> kept = new ArrayList<>();
    private long count;

    void add(TrafficFormatException problem) {
        count++;
        if (kept.size() < MAX_KEPT) {
            kept.add(problem.getMessage());
        }
    }

    List<String> lines() {
        List<String> out = new ArrayList<>(kept);
        if (count > kept.size()) {
            out.add("… and " + (count - kept.size()) + " more problems");
        }
        return Collections.unmodifiableList(out);
    }
}
