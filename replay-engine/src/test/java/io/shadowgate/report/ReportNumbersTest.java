package io.shadowgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // three significant digits, padded so a column shows one precision
        "0.0123,   0.0123",
        "0.5,      0.500",
        "1.234,    1.23",
        "12.35,    12.4",
        "99.96,    100",
        // from 100 up, whole milliseconds: more digits than three, but never 1.23E+4
        "140.5,    141",
        "12345.6,  12346",
        "-0.4,     -0.400",
        "0,        0",
        "NaN,      —",
        "Infinity, —",
    })
    void sig3(double value, String expected) {
        assertThat(ReportNumbers.sig3(value)).isEqualTo(expected);
    }

    @Test
    void ratesAndChanges() {
        assertThat(ReportNumbers.percent(0.006)).isEqualTo("0.600%");
        assertThat(ReportNumbers.percent(Double.NaN)).isEqualTo("—");
        assertThat(ReportNumbers.signedPercent(0.4917)).isEqualTo("+49.2%");
        assertThat(ReportNumbers.signedPercent(-0.05)).isEqualTo("-5.00%");
        assertThat(ReportNumbers.points(0.005)).isEqualTo("+0.500 pp");
    }

    @Test
    void gateValuesFollowTheGateUnit() {
        assertThat(ReportNumbers.inUnit(0.1, "ratio")).isEqualTo("+10.0%");
        assertThat(ReportNumbers.inUnit(0.027, "points")).isEqualTo("+2.70 pp");
        assertThat(ReportNumbers.inUnit(250, "ms")).isEqualTo("250 ms");
        assertThat(ReportNumbers.inUnit(3, "widgets")).isEqualTo("3.00");
        assertThat(ReportNumbers.measured(48.2, "ratio")).isEqualTo("48.2 ms");
        assertThat(ReportNumbers.measured(0.033, "points")).isEqualTo("3.30%");
        assertThat(ReportNumbers.measured(Double.NaN, "ms")).isEqualTo("—");
    }

    @Test
    void countsLabelsAndDurations() {
        assertThat(ReportNumbers.confidence(0.99)).isEqualTo("99%");
        assertThat(ReportNumbers.confidence(0.999)).isEqualTo("99.9%");
        assertThat(ReportNumbers.count(1234567)).isEqualTo("1,234,567");
        assertThat(ReportNumbers.percentileLabel(50)).isEqualTo("p50");
        assertThat(ReportNumbers.percentileLabel(99.99)).isEqualTo("p99.99");
        assertThat(ReportNumbers.duration(Duration.ofMillis(45_300))).isEqualTo("45.3 s");
        assertThat(ReportNumbers.duration(Duration.ofMillis(300_250))).isEqualTo("5 min 0.250 s");
    }
}
