package org.openpaypro.reports;

import java.time.Instant;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;
import org.openpaypro.trade.Direction;

/**
 * One line of a trade list or export: what a person scans in a table. Amounts in scale-4 units ({@code amountText}
 * is the merchant's own string). Immutable.
 */
public record TradeRow(long id, String platformTradeNo, String tradeNo, String merchantNo, Direction direction,
                       String country, String currency, String amountText, long feeUnits, Long paidAmountUnits,
                       TradeStatus status, String message, String channel, Instant createdAt, Instant finishedAt) {

    public String feeText() {
        return Amounts.format(feeUnits, 4);
    }

    public String paidAmountText() {
        return paidAmountUnits == null ? "" : Amounts.format(paidAmountUnits, 4);
    }
}
