/** Statistical comparisons of baseline and candidate (error rates, latency) that the judge's gates use. */
package io.shadowgate.compare;
