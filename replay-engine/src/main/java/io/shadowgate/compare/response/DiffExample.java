package io.shadowgate.compare.response;

import java.util.List;

/**
 * One pair kept as an example of a path's differences, with credentials redacted and bodies cut
 * to {@link AccumulatorLimits#exampleBodyBytes()}.
 *
 * @param sequence          the pair's request sequence number
 * @param type              candidate or noise pair
 * @param differences       this pair's differences at the path (at most
 *                          {@link CompareLimits#instancesPerPath()} per kind), values of redacted
 *                          fields and headers replaced by the redaction marker
 * @param baseline          the baseline response, redacted and cut
 * @param other             the candidate (or second baseline) response, redacted and cut
 * @param baselineBodyBytes the baseline body's length before it was cut
 * @param otherBodyBytes    the other body's length before it was cut
 */
public record DiffExample(long sequence, PairType type, List<Difference> differences, ResponseSnapshot baseline,
        ResponseSnapshot other, int baselineBodyBytes, int otherBodyBytes) {

    public DiffExample {
        differences = List.copyOf(differences);
    }
}
