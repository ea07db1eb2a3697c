package org.openpaypro.channel;

import java.time.Instant;
import java.util.Optional;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.trade.NewTrade;
import org.openpaypro.trade.Trade;

/**
 * A payment rail connector (DESIGN §6). Implementations must be thread-safe. Results never change trades directly:
 * they come back as {@link ChannelResult}s that the trade service applies, so every source goes through one path.
 */
public interface Channel {
    String name();

    /** Payment instructions for a new pay-in (called before the trade is stored). */
    PayinInstructions createPayin(NewTrade trade, Merchant merchant);

    /**
     * Hands a new payout to the rail (called before the trade is stored): the rail's reference and when the
     * reconciler should first ask for its outcome (null: only an event finishes it).
     */
    PayoutSubmission submitPayout(NewTrade trade, Instant now);

    /** The rail's verdict on a wallet transaction id the merchant submitted for a pay-in (Bangladesh). */
    Optional<ChannelResult> payerSubmitted(Trade trade, String transactionId);

    /** The holder's name of a bank account, if the rail knows the account (Indonesia's account check). */
    Optional<String> verifyAccount(String country, String bankCode, String accountNo);

    /** The final outcome if the rail knows it; empty while it is still processing or unknown. */
    Optional<ChannelResult> poll(Trade trade);
}
