/** Gates and the GO / NO_GO / INCONCLUSIVE decision, each with its evidence and deciding rule. */
package io.shadowgate.judge;
