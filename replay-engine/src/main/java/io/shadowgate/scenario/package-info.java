/** Scenario model (records), YAML loading, and validation with file:line:column errors. */
package io.shadowgate.scenario;
