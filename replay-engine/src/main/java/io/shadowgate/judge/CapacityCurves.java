package io.shadowgate.judge;

/**
 * Both versions against one budget: one chart of the report, one row of the knee table.
 *
 * @param budget    the budget
 * @param baseline  the baseline's curve and knee
 * @param candidate the candidate's
 */
public record CapacityCurves(CapacityBudget budget, CapacityCurve baseline, CapacityCurve candidate) {
}
