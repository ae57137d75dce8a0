/**
 * Response diffs: compares one baseline response with one candidate (or second baseline)
 * response field by field under per-endpoint rules ({@link io.shadowgate.compare.response.ResponseComparator}),
 * and tallies the differences per endpoint and canonical JSON path with bounded examples,
 * separating regressions from noise ({@link io.shadowgate.compare.response.SingleWriterDiffAccumulator}).
 *
 * <p>A pure library: no I/O, no clocks, no threads of its own. Scenario loading maps YAML onto
 * {@link io.shadowgate.compare.response.DiffRules}; the run pipeline feeds pairs in and reads a
 * {@link io.shadowgate.compare.response.ResponseDiffSummary} out at the end.
 */
package io.shadowgate.compare.response;
