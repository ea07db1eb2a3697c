package org.openpaypro.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void ok_carries_success_code_message_and_data() {
        long before = System.currentTimeMillis();
        Envelope envelope = Envelope.ok(Map.of("status", "0015"));
        assertThat(envelope.msg()).isEqualTo("success");
        assertThat(envelope.code()).isEqualTo(Codes.ACCEPTED);
        assertThat(envelope.success()).isTrue();
        assertThat(envelope.data()).isEqualTo(Map.of("status", "0015"));
        assertThat(envelope.timestamp()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void reject_carries_code_and_message_without_data() {
        Envelope envelope = Envelope.reject(Codes.REJECTED, "sign error");
        assertThat(envelope.msg()).isEqualTo("sign error");
        assertThat(envelope.code()).isEqualTo("8000");
        assertThat(envelope.success()).isFalse();
        assertThat(envelope.data()).isNull();
    }

    @Test
    void reject_with_the_success_code_or_missing_parts_is_a_programming_error() {
        assertThatThrownBy(() -> Envelope.reject(Codes.ACCEPTED, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.reject(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.reject(Codes.REJECTED, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outer_codes_match_the_spec() {
        assertThat(Codes.ACCEPTED).isEqualTo("0000");
        assertThat(Codes.SYSTEM_ERROR).isEqualTo("5000");
        assertThat(Codes.REJECTED).isEqualTo("8000");
    }
}
