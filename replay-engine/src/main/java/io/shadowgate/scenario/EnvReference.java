package io.shadowgate.scenario;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value written as {@code ${env:NAME}}: read from the environment when a run starts, so a
 * secret lives in neither the scenario file nor any report.
 */
public final class EnvReference {

    static final Pattern PATTERN = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private EnvReference() {
    }

    /**
     * The value itself, or the named variable's value when it is a reference.
     *
     * @return empty when it is a reference to a variable that is not set
     */
    public static Optional<String> resolve(String value, Map<String, String> environment) {
        Matcher m = PATTERN.matcher(value);
        if (!m.matches()) {
            return Optional.of(value);
        }
        return Optional.ofNullable(environment.get(m.group(1)));
    }

    /** The variable a value names, or null when it is a plain value. */
    public static String variable(String value) {
        Matcher m = PATTERN.matcher(value);
        return m.matches() ? m.group(1) : null;
    }
}
