package org.openpaypro.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

class MeteredChannelTest {
    /** A rail whose account check answers and whose polls fail, as a broken connection would. */
    private static final class FlakyRail implements Channel {
        @Override
        public String name() {
            return "FLAKY";
        }

        @Override
        public PayinInstructions createPayin(NewTrade trade, Merchant merchant) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PayoutSubmission submitPayout(NewTrade trade, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ChannelResult> payerSubmitted(Trade trade, String transactionId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
            return Optional.empty();
        }

        @Override
        public Optional<ChannelResult> poll(Trade trade) {
            throw new IllegalStateException("connection reset by the rail");
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MeteredChannel channel = new MeteredChannel(new FlakyRail(), registry);

    @Test
    void every_counter_exists_at_zero_before_the_first_call() {
        for (String operation : MeteredChannel.OPERATIONS) {
            assertThat(count("openpaypro_channel_requests", operation)).isZero();
            assertThat(count("openpaypro_channel_errors", operation)).isZero();
        }
    }

    @Test
    void a_call_that_throws_counts_as_a_request_and_an_error_and_the_exception_goes_on_unchanged() {
        assertThatThrownBy(() -> channel.poll(null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("connection reset by the rail");
        assertThat(count("openpaypro_channel_requests", "poll")).isEqualTo(1);
        assertThat(count("openpaypro_channel_errors", "poll")).isEqualTo(1);
    }

    @Test
    void an_empty_answer_is_a_request_but_not_an_error() {
        assertThat(channel.verifyAccount("ID", "BCA", "123")).isEmpty();
        assertThat(count("openpaypro_channel_requests", "verify_account")).isEqualTo(1);
        assertThat(count("openpaypro_channel_errors", "verify_account")).isZero();
        assertThat(channel.name()).isEqualTo("FLAKY");
    }

    private double count(String name, String operation) {
        return registry.get(name).tag("channel", "FLAKY").tag("operation", operation).counter().count();
    }
}
