package io.shadowgate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded table that lets the requests of a stream share their repeated values. */
class SharedValuesTest {

    @Test
    void anEqualValueSeenBeforeIsHandedOutInsteadOfTheNewCopy() {
        SharedValues shared = new SharedValues();
        String first = shared.text(new String("application/json"));
        List<Header> headers = shared.headers(List.of(shared.header("Accept", "*/*")));

        assertThat(shared.text(new String("application/json"))).isSameAs(first);
        assertThat(shared.headers(List.of(new Header("Accept", "*/*")))).isSameAs(headers);
        assertThat(shared.text(null)).isNull();
        assertThat(shared.headers(new ArrayList<>())).isEmpty();
    }

    @Test
    void aStreamOfEverNewValuesGetsEachBackUnchangedAndRepeatedOnesStillShare() {
        // Far more distinct values than slots: each takes some slot's place, none is ever mixed up.
        SharedValues shared = new SharedValues();
        for (int i = 0; i < 20 * SharedValues.TEXT_SLOTS; i++) {
            String path = "/v1/items/" + i;
            assertThat(shared.text(path)).isEqualTo(path);
            String method = shared.text(new String("POST"));
            assertThat(method).isEqualTo("POST").isSameAs(shared.text(new String("POST")));
        }
    }
}
