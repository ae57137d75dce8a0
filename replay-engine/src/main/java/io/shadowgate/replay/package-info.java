/** Open-loop scheduling, Netty HTTP client pools, shadow dispatch and outcome accounting. */
package io.shadowgate.replay;
