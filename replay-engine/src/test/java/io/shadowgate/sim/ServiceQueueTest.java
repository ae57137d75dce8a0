package io.shadowgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A server's service slots as a pure function of arrival and service times; no clock involved. */
class ServiceQueueTest {

    @Test
    void twoSlotsServeTenSimultaneousRequestsInFiveWaves() {
        ServiceQueue queue = ServiceQueue.of(2);
        long[] finishes = new long[10];
        for (int i = 0; i < 10; i++) {
            finishes[i] = queue.finishNanos(1_000, 50);
        }
        assertThat(finishes).containsExactly(1_050, 1_050, 1_100, 1_100, 1_150, 1_150, 1_200, 1_200, 1_250, 1_250);
    }

    @Test
    void aRequestWaitsOnlyWhileEverySlotIsBusy() {
        ServiceQueue queue = ServiceQueue.of(2);
        // Rows: arrival, service, finish (comment: why).
        assertThat(queue.finishNanos(0, 100)).isEqualTo(100);   // a free slot
        assertThat(queue.finishNanos(10, 30)).isEqualTo(40);    // the other free slot
        assertThat(queue.finishNanos(20, 10)).isEqualTo(50);    // both busy: waits for the one freeing at 40
        assertThat(queue.finishNanos(60, 10)).isEqualTo(70);    // the slot freed at 50 is free again
        assertThat(queue.finishNanos(61, 5)).isEqualTo(75);     // busy until 70 and 100: waits for 70
        assertThat(queue.finishNanos(500, 5)).isEqualTo(505);   // idle: no wait at all
    }

    @Test
    void firstComeFirstServedWithOneSlot() {
        ServiceQueue queue = ServiceQueue.of(1);
        assertThat(queue.finishNanos(0, 40)).isEqualTo(40);
        assertThat(queue.finishNanos(5, 1)).isEqualTo(41);     // a short request still waits its turn
        assertThat(queue.finishNanos(6, 40)).isEqualTo(81);
    }

    @Test
    void unlimitedNeverWaits() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(ServiceQueue.UNLIMITED.finishNanos(7, 50)).isEqualTo(57);
        }
        assertThat(ServiceQueue.of(0)).isSameAs(ServiceQueue.UNLIMITED);
        assertThat(ServiceQueue.UNLIMITED.finishNanos(Long.MAX_VALUE - 1, 50)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ServiceQueue.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
