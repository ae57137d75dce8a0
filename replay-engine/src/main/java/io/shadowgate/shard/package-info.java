/** Sharded runs: the versioned result a shard writes, and the exact merge of a complete set of them. */
package io.shadowgate.shard;
