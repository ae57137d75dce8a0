package io.shadowgate.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LooksTest {

    @Test
    void theErrorSpentOverAnyNumberOfLooksStaysWithinTheBudget() {
        double c = 0.99;
        // Rows: look j spends (1 - C)/(j(j+1)): 1/2, 1/6, 1/12 ... of the 1 % budget.
        assertThat(Looks.interim(c, 1)).isCloseTo(1 - 0.01 / 2, within(1e-12));
        assertThat(Looks.interim(c, 2)).isCloseTo(1 - 0.01 / 6, within(1e-12));
        assertThat(Looks.interim(c, 3)).isCloseTo(1 - 0.01 / 12, within(1e-12));
        for (int m = 0; m <= 1000; m += 37) {
            double spent = 0;
            for (int j = 1; j <= m; j++) {
                spent += 1 - Looks.interim(c, j);
            }
            // The closing judgement gets exactly what the m looks left.
            spent += 1 - Looks.closing(c, m);
            assertThat(spent).isCloseTo(0.01, within(1e-12));
        }
    }
}
