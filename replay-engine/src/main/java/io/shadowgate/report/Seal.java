package io.shadowgate.report;

/**
 * The seal of a {@code verdict.json}: a digest of everything else in the file, so that any
 * change to it after it was written shows (see {@link VerdictSeal} for exactly what is hashed).
 * It proves the file is unmodified, not who wrote it: keep verdicts where only the pipeline
 * writes, or sign them, when that matters.
 *
 * @param algorithm the digest algorithm, {@value VerdictSeal#ALGORITHM}
 * @param value     the digest, lower-case hex
 */
public record Seal(String algorithm, String value) {
}
