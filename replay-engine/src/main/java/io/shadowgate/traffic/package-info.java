/** The request model and the traffic sources a run replays: for now the workload synthesizer. */
package io.shadowgate.traffic;
