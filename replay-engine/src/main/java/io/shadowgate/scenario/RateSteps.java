package io.shadowgate.scenario;

import java.util.Arrays;
import java.util.List;

/**
 * A piecewise-constant rate: each step holds from its {@code at} until the next step, the last
 * one until the end of the run. A burst is a step up followed by a step back down. The first
 * step is at 0s, so the rate is defined everywhere. Immutable; equality is by the steps.
 */
public final class RateSteps implements RateCurve {

    private final List<RateCurve.Step> steps;
    /** Each step's start, in seconds. */
    private final double[] starts;
    /** Expected arrivals before each step starts: the integral's value at the step boundaries. */
    private final double[] countAtStart;

    public RateSteps(List<RateCurve.Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("rate steps need at least one step");
        }
        if (!steps.get(0).at().isZero()) {
            throw new IllegalArgumentException("the first rate step must be at 0s, was " + steps.get(0).at());
        }
        this.steps = List.copyOf(steps);
        this.starts = new double[steps.size()];
        this.countAtStart = new double[steps.size()];
        boolean anyPositive = false;
        for (int i = 0; i < steps.size(); i++) {
            starts[i] = RateCurve.seconds(steps.get(i).at());
            if (i > 0) {
                if (starts[i] <= starts[i - 1]) {
                    throw new IllegalArgumentException("rate steps must be in increasing order of at: "
                            + steps.get(i).at() + " after " + steps.get(i - 1).at());
                }
                countAtStart[i] = countAtStart[i - 1] + steps.get(i - 1).rate() * (starts[i] - starts[i - 1]);
            }
            anyPositive |= steps.get(i).rate() > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("at least one rate step must be above 0");
        }
    }

    public List<RateCurve.Step> steps() {
        return steps;
    }

    @Override
    public double rateAt(double seconds) {
        return steps.get(stepAt(seconds)).rate();
    }

    @Override
    public double countBy(double seconds) {
        if (seconds <= 0) {
            return 0;
        }
        int i = stepAt(seconds);
        return countAtStart[i] + steps.get(i).rate() * (seconds - starts[i]);
    }

    @Override
    public double secondsToCount(double count) {
        // The last step whose start the count has reached. A step with rate 0 starts at the
        // same count as the next one, so this search passes over idle steps by itself.
        int i = lastAtMost(countAtStart, Math.max(0, count));
        double rate = steps.get(i).rate();
        return rate > 0 ? starts[i] + (Math.max(0, count) - countAtStart[i]) / rate : Double.POSITIVE_INFINITY;
    }

    /** The step in force at {@code seconds}: a step starts exactly at its {@code at}. */
    private int stepAt(double seconds) {
        return lastAtMost(starts, seconds);
    }

    /** The last index whose value is at most {@code key}; 0 if none is (values[0] is 0). */
    private static int lastAtMost(double[] values, double key) {
        int low = 0;
        int high = values.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (values[mid] <= key) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RateSteps that && steps.equals(that.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    @Override
    public String toString() {
        return "RateSteps" + Arrays.toString(steps.toArray());
    }
}
