package io.shadowgate.traffic;

/** One request or response header; names keep their case and may repeat. */
public record Header(String name, String value) {
}
