package org.openpaypro.channel.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.openpaypro.channel.Channel;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.channel.PayoutSubmission;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

/**
 * The sandbox rail (DESIGN §6). A pay-in gets a hosted cashier page and a real PIX BR Code; a person (or the
 * sandbox API) pays or fails it. A payout finishes by itself after the configured delay: successfully, unless its
 * amount's whole part ends in {@code 13} (e.g. 13, 113.50, 2013), which the simulated bank rejects. With the delay
 * off, payouts wait for the sandbox API. Account checks know every account except those ending in 0000.
 * Thread-safe (immutable).
 */
public final class SimulatorChannel implements Channel {
    public static final String NAME = "SIMULATOR";
    public static final String REJECTION_MESSAGE = "simulated bank rejection";
    static final String PIX_KEY = "pix@sandbox.openpaypro.org";
    private static final java.util.List<String> HOLDERS = java.util.List.of("BUDI SANTOSO", "SITI RAHAYU",
            "AGUS SETIAWAN", "DEWI LESTARI", "RUDI HARTONO", "SRI WAHYUNI", "ANDI PRATAMA", "RINA KUSUMA");

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
                receiptCode(trade.platformTradeNo()));
    }

    @Override
    public PayoutSubmission submitPayout(NewTrade trade, Instant now) {
        return new PayoutSubmission(transferReference(trade.platformTradeNo()),
                autocomplete == null ? null : now.plus(autocomplete));
    }

    /** A submitted wallet transaction id pays the pay-in in full, unless it starts with FAIL. */
    @Override
    public Optional<ChannelResult> payerSubmitted(Trade trade, String transactionId) {
        ChannelResult result = transactionId.startsWith("FAIL") ? ChannelResult.failure("wallet transaction not found")
                : ChannelResult.success();
        return Optional.of(new ChannelResult(result.status(), null, result.message(), transactionId));
    }

    /** Accounts ending in 0000 do not exist; every other account has a name derived from its number. */
    @Override
    public Optional<String> verifyAccount(String country, String bankCode, String accountNo) {
        if (accountNo.endsWith("0000")) {
            return Optional.empty();
        }
        int hash = Math.floorMod((bankCode + ":" + accountNo).hashCode(), HOLDERS.size());
        return Optional.of(HOLDERS.get(hash));
    }

    /** A 10-character uppercase receipt code in the style of M-Pesa's, derived from the trade number. */
    static String receiptCode(String platformTradeNo) {
        return ("S" + platformTradeNo.substring(0, 9)).toUpperCase(java.util.Locale.ROOT);
    }

    /** A 12-digit transfer reference (UTR-like), derived from the trade number. */
    static String transferReference(String platformTradeNo) {
        long value = Math.floorMod(Long.parseLong(platformTradeNo.substring(0, 12), 36), 1_000_000_000_000L);
        return String.format("%012d", value);
    }

    @Override
    public Optional<ChannelResult> poll(Trade trade) {
        if (trade.direction() != Direction.PAYOUT || autocomplete == null) {
            return Optional.empty();
        }
        return Optional.of(rejects(trade.amount()) ? ChannelResult.failure(REJECTION_MESSAGE)
                : ChannelResult.success());
    }

    /** The documented failing test amounts: whole part ending in 13. */
    public static boolean rejects(long amountUnits) {
        return (amountUnits / 10_000L) % 100 == 13;
    }
}
