/** Output formats (verdict JSON, HTML), each rendered from a stored RunResult. */
package io.shadowgate.report;
