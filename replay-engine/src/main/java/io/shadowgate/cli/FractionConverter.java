package io.shadowgate.cli;

import io.shadowgate.scenario.ValueParsers;
import picocli.CommandLine;

/** Command-line shares, in the scenario file's syntax: {@code 2%} or a fraction such as {@code 0.02}. */
final class FractionConverter implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        try {
            double fraction = ValueParsers.fraction(value);
            if (fraction > 1) {
                throw new CommandLine.TypeConversionException("'" + value + "' is more than 100%");
            }
            return fraction;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a share: " + e.getMessage());
        }
    }
}
