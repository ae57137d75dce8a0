package io.shadowgate.cli;

import io.shadowgate.scenario.ValueParsers;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Command-line durations, in the scenario file's syntax: {@code 250ms}, {@code 5s}, {@code 1m30s};
 * and a bare {@code 0}, which needs no unit (e.g. {@code --window 0}).
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        if ("0".equals(value)) {
            return Duration.ZERO;
        }
        try {
            return ValueParsers.duration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: " + e.getMessage());
        }
    }
}
