package io.shadowgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueParsersTest {

    @ParameterizedTest
    @CsvSource({
        "250ms,  250000000",
        "2s,     2000000000",
        "1.5s,   1500000000",
        "5m,     300000000000",
        "100us,  100000",
        "1h,     3600000000000",
        "1m30s,  90000000000",   // parts add up
        "' 2 S', 2000000000",    // case and spacing are forgiven
        "0s,     0",
    })
    void durations(String text, long nanos) {
        assertThat(ValueParsers.duration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "1.5", "", "ms", "2 seconds", "-1s", "1s2", "2d"})
    void notDurations(String text) {
        assertThatThrownBy(() -> ValueParsers.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a duration such as 250ms or 2s");
    }

    @ParameterizedTest
    @CsvSource({
        "10%,   0.10",
        "0.5%,  0.005",
        "150%,  1.5",     // allowed here; probabilities are capped by the caller
        "0.25,  0.25",
        "1,     1.0",
        "0,     0.0",
    })
    void fractions(String text, double value) {
        assertThat(ValueParsers.fraction(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10    | write percentages with a % sign",
        "1.01  | write percentages with a % sign",
        "-1%   | must not be negative",
        "-0.1  | must not be negative",
        "ten   | expected a fraction",
        "%     | expected a fraction",
    })
    void notFractions(String text, String message) {
        assertThatThrownBy(() -> ValueParsers.fraction(text)).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"p50, 50.0", "p99, 99.0", "p99.9, 99.9", "p99.99, 99.99", "p0.1, 0.1"})
    void percentiles(String key, double value) {
        assertThat(ValueParsers.percentile(key)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p0", "p100", "p", "99", "P99x", "q99", "p-1", "median"})
    void notPercentiles(String key) {
        assertThatThrownBy(() -> ValueParsers.percentile(key))
                .hasMessageStartingWith("expected a percentile key like p99 or p99.9");
    }
}
