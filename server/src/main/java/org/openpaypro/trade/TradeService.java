package org.openpaypro.trade;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.channel.Channel;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.Channels;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.channel.PayoutSubmission;
import org.openpaypro.country.Countries;
import org.openpaypro.country.Operation;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.notify.Outbox;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;

/**
 * Trade use cases and their transaction boundaries (DESIGN §3, §6): create a pay-in or payout, apply a channel
 * result, query. A create is one transaction (trade row + payout freeze); a result is one transaction (state change
 * + ledger movement + outbox row), applied only to a processing trade, so a repeated result changes nothing.
 * Thread-safe.
 */
public final class TradeService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final Ledger ledger;
    private final AuditLog audit = new AuditLog();
    private final Outbox outbox;
    private final Channels channels;
    private final Countries countries;
    private final int settlementDelayDays;
    private final PayoutWriter payoutWriter;
    private volatile Runnable finishedListener = () -> { };

    /** The trade after a result, and whether this result changed it (false: it was already final). */
    public record Completion(Trade trade, boolean changed) {
    }

    public TradeService(Jdbi jdbi, TradeRepository trades, Ledger ledger, Outbox outbox, Channels channels,
                        Countries countries, int settlementDelayDays) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.ledger = ledger;
        this.outbox = outbox;
        this.channels = channels;
        this.countries = countries;
        this.settlementDelayDays = settlementDelayDays;
        this.payoutWriter = new PayoutWriter(jdbi, trades, ledger);
    }

    /**
     * Creates a pay-in in {@code 0015} with its payment instructions stored in the details; refused (nothing
     * written) when no channel serves the merchant's country.
     */
    public Trade createPayin(Merchant merchant, TradeCommand command) {
        Channel channel = channels.require(merchant.country(), Operation.PAYIN);
        long fee = merchant.payinFee().feeFor(command.amount());
        if (fee >= command.amount()) {
            throw Rejection.AMOUNT_BELOW_FEE.with(Amounts.formatTrimmed(fee));
        }
        NewTrade draft = draft(merchant, command, Direction.PAYIN, fee, channel);
        PayinInstructions instructions = channel.createPayin(draft, merchant);
        Map<String, String> details = new LinkedHashMap<>(command.details());
        details.put("paymentUrl", instructions.paymentUrl());
        if (instructions.qrCode() != null) {
            details.put("qrCode", instructions.qrCode());
        }
        NewTrade withDetails = draft.withChannel(Map.copyOf(details), instructions.channelRef(), null);
        // One INSERT: autocommit is its own transaction, one round trip less than BEGIN ... COMMIT.
        return jdbi.withHandle(handle -> trades.insert(handle, withDetails, "Paying")
                .orElseThrow(Rejection.DUPLICATE_TRADE_NO::with));
    }

    /**
     * Creates a payout in {@code 0015}, freezing amount + fee; refused (nothing written) when funds are short or
     * no channel serves the merchant's country. Written through the per-merchant batching {@link PayoutWriter}.
     */
    public Trade createPayout(Merchant merchant, TradeCommand command) {
        Channel channel = channels.require(merchant.country(), Operation.PAYOUT);
        long fee = merchant.payoutFee().feeFor(command.amount());
        long total = Math.addExact(command.amount(), fee);
        NewTrade draft = draft(merchant, command, Direction.PAYOUT, fee, channel);
        PayoutSubmission submission = channel.submitPayout(draft, Instant.now());
        NewTrade trade = draft.withChannel(draft.details(), submission.channelRef(), submission.firstPoll());
        return payoutWriter.create(trade, total);
    }

    /** Applies a channel result to a processing trade; a trade already final is returned unchanged. */
    public Optional<Completion> complete(String platformTradeNo, ChannelResult result) {
        return complete(platformTradeNo, result, null);
    }

    /** Like {@link #complete(String, ChannelResult)}; an operator's change ({@code actor} not null) is audited. */
    public Optional<Completion> complete(String platformTradeNo, ChannelResult result, Actor actor) {
        Optional<Completion> completion = apply(platformTradeNo, result, actor);
        if (completion.map(Completion::changed).orElse(false)) {
            finishedListener.run();
        }
        return completion;
    }

    private Optional<Completion> apply(String platformTradeNo, ChannelResult result, Actor actor) {
        return jdbi.inTransaction(handle -> {
            Optional<Trade> found = trades.findByPlatformNo(handle, platformTradeNo);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Trade trade = found.get();
            if (trade.status().terminal()) {
                return Optional.of(new Completion(trade, false));
            }
            validate(trade, result, countries.get(trade.country()).partialPayins());
            long paid = result.paidAmount() == null ? trade.amount() : result.paidAmount();
            boolean creditsPayin = trade.direction() == Direction.PAYIN && result.status() != TradeStatus.FAILED;
            long fee = PartialPayinFee.onPaid(trade.amount(), trade.fee(), paid);
            Optional<Trade> finished = trades.finish(handle, trade.id(), result.status(), result.message(),
                    creditsPayin ? paid : null, creditsPayin ? paid - fee : null,
                    creditsPayin ? settleAt(trade.country()) : null, result.channelRef());
            if (finished.isEmpty()) {
                return trades.findByPlatformNo(handle, platformTradeNo).map(now -> new Completion(now, false));
            }
            if (creditsPayin) {
                ledger.payinSucceeded(handle, trade.id(), trade.merchantId(), trade.currency(), trade.channel(), paid,
                        fee);
            } else if (trade.direction() == Direction.PAYOUT && result.status() == TradeStatus.SUCCESS) {
                ledger.payoutSucceeded(handle, trade.id(), trade.merchantId(), trade.currency(), trade.channel(),
                        trade.amount(), trade.fee());
            } else if (trade.direction() == Direction.PAYOUT) {
                ledger.payoutFailed(handle, trade.id(), trade.merchantId(), trade.amount() + trade.fee());
            }
            outbox.enqueue(handle, trade.id());
            if (actor != null) {
                audit.write(handle, actor, "trade.complete", platformTradeNo, "status=" + result.status().wire()
                        + (result.paidAmount() == null ? "" : ", paidUnits=" + result.paidAmount()));
            }
            return Optional.of(new Completion(finished.get(), true));
        });
    }

    private static void validate(Trade trade, ChannelResult result, boolean partialAllowed) {
        if (!result.status().terminal()) {
            throw new IllegalArgumentException("a result must be final, not " + result.status().wire());
        }
        if (result.status() == TradeStatus.PARTIAL && (trade.direction() != Direction.PAYIN || !partialAllowed)) {
            throw new IllegalArgumentException("partial payment (0001) exists only for pay-ins of countries that "
                    + "have it (ID, MX), not for this " + trade.country() + " " + trade.direction());
        }
        if (result.status() == TradeStatus.PARTIAL && (result.paidAmount() == null
                || result.paidAmount() >= trade.amount())) {
            throw new IllegalArgumentException("a partial payment needs a paidAmount below the trade amount");
        }
        if (result.paidAmount() != null && (result.paidAmount() <= 0 || result.paidAmount() > trade.amount())) {
            throw new IllegalArgumentException("paid amount must be positive and at most the trade amount");
        }
    }

    /** A merchant's trade by its tradeNo, in {@code direction} (null: either). */
    public Trade query(Merchant merchant, String tradeNo, Direction direction) {
        return jdbi.withHandle(handle -> trades.findByTradeNo(handle, merchant.id(), tradeNo, direction))
                .orElseThrow(Rejection.ORDER_NOT_FOUND::with);
    }

    public Optional<Trade> findByChannelRef(Merchant merchant, String channelRef) {
        return jdbi.withHandle(handle -> trades.findByChannelRef(handle, merchant.id(), channelRef));
    }

    public Optional<Trade> findById(long id) {
        return jdbi.withHandle(handle -> trades.findById(handle, id));
    }

    /** Runs after every committed state change, e.g. to wake the notify dispatcher on this node. */
    public void onFinished(Runnable listener) {
        this.finishedListener = listener;
    }

    public Optional<Trade> find(String platformTradeNo) {
        return jdbi.withHandle(handle -> trades.findByPlatformNo(handle, platformTradeNo));
    }

    /** T+N: local midnight of the country, N days after today there; T+0: now ({@link SettlementDate}). */
    private Instant settleAt(String country) {
        return SettlementDate.settleAt(Instant.now(), countries.get(country).zone(), settlementDelayDays);
    }

    private NewTrade draft(Merchant merchant, TradeCommand command, Direction direction, long fee,
                           Channel channel) {
        return new NewTrade(newPlatformTradeNo(), merchant.id(), command.tradeNo(), direction, merchant.country(),
                merchant.currency(), command.amount(), command.amountText(), fee, command.notifyUrl(),
                command.returnUrl(), command.remark(), command.details(), channel.name(), null, null);
    }

    /** 16 random lowercase base36 characters (spec §1.7), about 82 bits. */
    static String newPlatformTradeNo() {
        char[] chars = new char[16];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BASE36[RANDOM.nextInt(BASE36.length)];
        }
        return new String(chars);
    }
}
