/** The picocli commands: parse, call the stages, map outcomes to exit codes. */
package io.shadowgate.cli;
