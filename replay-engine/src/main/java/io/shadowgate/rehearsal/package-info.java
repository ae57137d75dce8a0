/**
 * Staged traffic shifting: split mode's router, the per-stage ledger of routed requests and
 * their outcomes, and the rollout that judges each stage, promotes it, extends it or aborts
 * the shift and sends the traffic back to the baseline.
 */
package io.shadowgate.rehearsal;
