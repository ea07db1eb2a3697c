package org.openpaypro.channel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openpaypro.channel.Channel;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

/**
 * The sandbox rail (DESIGN §6). A pay-in gets a hosted cashier page and a real PIX BR Code; a person (or the
 * sandbox API) pays or fails it. A payout finishes by itself after the configured delay: successfully, unless its
 * amount's whole part ends in {@code 13} (e.g. 13, 113.50, 2013), which the simulated bank rejects. With the delay
 * off, payouts wait for the sandbox API. Thread-safe (immutable).
 */
public final class SimulatorChannel implements Channel {
    public static final String NAME = "SIMULATOR";
    public static final String REJECTION_MESSAGE = "simulated bank rejection";
    static final String PIX_KEY = "pix@sandbox.openpaypro.org";

    private final String publicUrl;
    private final Duration autocomplete;

    public SimulatorChannel(String publicUrl, Duration autocomplete) {
        this.publicUrl = publicUrl;
        this.autocomplete = autocomplete;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PayinInstructions createPayin(NewTrade trade, Merchant merchant) {
        String qrCode = "BRL".equals(trade.currency())
                ? BrCode.build(PIX_KEY, merchant.name(), "SAO PAULO", trade.amount() / 100, trade.platformTradeNo())
                : null;
        return new PayinInstructions(publicUrl + "/cashier/" + trade.platformTradeNo(), qrCode,
                "sim-" + trade.platformTradeNo());
    }

    @Override
    public Optional<Instant> firstPayoutPoll(Instant now) {
        return autocomplete == null ? Optional.empty() : Optional.of(now.plus(autocomplete));
    }

    @Override
    public Optional<ChannelResult> poll(Trade trade) {
        if (trade.direction() != Direction.PAYOUT || autocomplete == null) {
            return Optional.empty();
        }
        return Optional.of(rejects(trade.amount()) ? ChannelResult.failure(REJECTION_MESSAGE) : ChannelResult.success());
    }

    /** The documented failing test amounts: whole part ending in 13. */
    public static boolean rejects(long amountUnits) {
        return (amountUnits / 10_000L) % 100 == 13;
    }
}
