package io.shadowgate.judge;

import java.util.List;

/**
 * One version's windows against one budget, in order of offered rate, and its knee.
 *
 * @param version {@code baseline} or {@code candidate}
 * @param points  every window that was offered traffic, by rate (then window index); too-few windows included
 * @param knee    the knee and its interval
 * @param level   the one-sided level each window's bounds were computed at, 1 − (1 − C)/(2·W); NaN without data
 */
public record CapacityCurve(String version, List<CapacityPoint> points, Knee knee, double level) {

    public CapacityCurve {
        points = List.copyOf(points);
    }
}
