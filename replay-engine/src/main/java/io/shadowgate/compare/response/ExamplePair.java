package io.shadowgate.compare.response;

import java.util.List;

/**
 * The responses of the pair being recorded, redacted and cut once however many paths keep it.
 * Lives for one {@link SingleWriterDiffAccumulator#record} call; single writer.
 */
final class ExamplePair {
    private final ExampleRedaction redaction;
    private final String endpoint;
    private final long sequence;
    private final PairType type;
    private final ResponseSnapshot baseline;
    private final ResponseSnapshot other;
    private ResponseSnapshot redactedBaseline;
    private ResponseSnapshot redactedOther;

    ExamplePair(ExampleRedaction redaction, String endpoint, long sequence, PairType type, ResponseSnapshot baseline,
            ResponseSnapshot other) {
        this.redaction = redaction;
        this.endpoint = endpoint;
        this.sequence = sequence;
        this.type = type;
        this.baseline = baseline;
        this.other = other;
    }

    /** The request's sequence number, its id. */
    long sequence() {
        return sequence;
    }

    DiffExample example(List<Difference> differences) {
        if (redactedBaseline == null) {
            redactedBaseline = redaction.snapshot(endpoint, baseline);
            redactedOther = redaction.snapshot(endpoint, other);
        }
        return new DiffExample(sequence, type, differences, redactedBaseline, redactedOther,
                baseline.body().length, other.body().length);
    }
}
