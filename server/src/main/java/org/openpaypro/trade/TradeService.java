package org.openpaypro.trade;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.channel.ChannelAttemptRepository;
import org.openpaypro.channel.ChannelResult;
import org.openpaypro.channel.Channels;
import org.openpaypro.channel.Connector;
import org.openpaypro.channel.CreateOutcome;
import org.openpaypro.channel.PayinInstructions;
import org.openpaypro.channel.PayinRequest;
import org.openpaypro.channel.RailResult;
import org.openpaypro.channel.SubmissionRepository;
import org.openpaypro.channel.Submitter;
import org.openpaypro.channel.TradeRef;
import org.openpaypro.country.Countries;
import org.openpaypro.country.Operation;
import org.openpaypro.db.GroupCommit;
import org.openpaypro.error.Rejection;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.logs.RequestIds;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.protocol.Amounts;
import org.openpaypro.protocol.TradeStatus;
import org.slf4j.MDC;

/**
 * Trade use cases and their transaction boundaries (DESIGN §3, §6, §13): create a pay-in or payout, apply a channel
 * result, query. A rail never hears of a trade before it is stored: a pay-in is stored, then its channel asked; a
 * payout is stored, frozen and queued for submission in one transaction. A result is one statement (state change
 * + ledger movement + outbox row), applied only to a processing trade, so a repeated result changes nothing.
 * Thread-safe.
 */
public final class TradeService {
    /** When the reconciler first asks the rail about an accepted pay-in (in case its webhook was lost). */
    static final Duration PAYIN_FIRST_QUERY = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    /**
     * Pay-in rows (and, after the rail, instruction updates) written in one statement, at most; one lane for all
     * merchants, since a batch locks no shared row (only the new rows and the unique index).
     */
    static final int PAYIN_BATCH = 256;
    /** How long a pay-in waits for its batch's commit before it is answered 5000 (outcome unknown). */
    static final Duration PAYIN_WAIT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final TradeRepository trades;
    private final Ledger ledger;
    private final AuditLog audit = new AuditLog();
    private final Channels channels;
    private final Countries countries;
    private final int settlementDelayDays;
    private final PayoutWriter payoutWriter;
    private final SubmissionRepository submissions;
    private final ChannelAttemptRepository attempts;
    private final GroupCommit<Boolean, NewTrade, Optional<Trade>> payinInserts =
            new GroupCommit<>(PAYIN_BATCH, PAYIN_WAIT, this::insertPayins);
    private final GroupCommit<Boolean, TradeRepository.Instruction, Boolean> payinInstructions =
            new GroupCommit<>(PAYIN_BATCH, PAYIN_WAIT, this::storeInstructions);
    private volatile Runnable finishedListener = () -> { };

    /** The trade after a result, and whether this result changed it (false: it was already final). */
    public record Completion(Trade trade, boolean changed) {
    }

    public TradeService(Jdbi jdbi, TradeRepository trades, Ledger ledger, Channels channels,
                        SubmissionRepository submissions, ChannelAttemptRepository attempts, Countries countries,
                        int settlementDelayDays) {
        this.jdbi = jdbi;
        this.trades = trades;
        this.ledger = ledger;
        this.channels = channels;
        this.countries = countries;
        this.settlementDelayDays = settlementDelayDays;
        this.submissions = submissions;
        this.attempts = attempts;
        this.payoutWriter = new PayoutWriter(jdbi, trades, ledger);
    }

    /**
     * Creates a pay-in (DESIGN §13): stored in {@code 0015} first, then the routed channels are asked for payment
     * instructions in route order until one accepts. A refusal tries the next channel; when all refuse, the trade
     * ends {@code 00029} with the last reason (and is answered so). No answer is asked again once with the same
     * request; still no answer: the trade stays processing for the reconciler and the merchant gets {@code 5000}.
     * Nothing is written when no channel serves the merchant's country, the fee eats the amount or the tradeNo is
     * taken. The insert and the stored instructions are group-committed with concurrent pay-ins (one statement per
     * batch of at most {@value #PAYIN_BATCH}); each request goes on only after its own batch committed.
     */
    public Trade createPayin(Merchant merchant, TradeCommand command) {
        List<String> route = channels.route(merchant.id(), merchant.country(), Operation.PAYIN.name());
        if (route.isEmpty()) {
            throw Rejection.NO_CHANNEL.with(merchant.country(), "payin");
        }
        long fee = merchant.payinFee().feeFor(command.amountUnits());
        if (fee >= command.amountUnits()) {
            throw Rejection.AMOUNT_BELOW_FEE.with(Amounts.formatTrimmed(fee));
        }
        NewTrade draft = draft(merchant, command, Direction.PAYIN, fee, route.get(0));
        // Committed (with the concurrent pay-ins' rows) before any rail hears of it.
        Trade stored = payinInserts.submit(Boolean.TRUE, draft).orElseThrow(Rejection.DUPLICATE_TRADE_NO::with);
        PayinRequest request = new PayinRequest(stored.platformTradeNo(), stored.country(), stored.currency(),
                major(stored.amountUnits()), merchant.name(), stored.remark(), stored.details(), stored.createdAt());
        String refusal = "no channel could take the pay-in";
        for (String name : route) {
            Optional<Connector> connector = channels.connector(name);
            if (connector.isEmpty()) {
                continue;
            }
            CreateOutcome<PayinInstructions> outcome = connector.get().createPayin(request);
            if (outcome instanceof CreateOutcome.Unknown<PayinInstructions>) {
                attempt(stored, name, outcome, null);
                outcome = connector.get().createPayin(request);
            }
            if (outcome instanceof CreateOutcome.Accepted<PayinInstructions> accepted) {
                return instructed(stored, name, accepted.value());
            }
            if (outcome instanceof CreateOutcome.Refused<PayinInstructions> refused) {
                attempt(stored, name, outcome, null);
                refusal = refused.reason();
                continue;
            }
            attempt(stored, name, outcome, null);
            jdbi.useHandle(handle -> trades.rail(handle, stored.platformTradeNo(), name, null,
                    Instant.now().plus(Submitter.UNKNOWN_FIRST_QUERY)));
            throw Rejection.OUTCOME_UNKNOWN.with();
        }
        return complete(stored.platformTradeNo(), ChannelResult.failure(refusal)).map(Completion::trade)
                .orElse(stored);
    }

    private Trade instructed(Trade stored, String channel, PayinInstructions instructions) {
        Map<String, String> details = new LinkedHashMap<>(stored.details());
        if (instructions.paymentUrl() != null) {
            details.put("paymentUrl", instructions.paymentUrl());
        }
        if (instructions.qrCode() != null) {
            details.put("qrCode", instructions.qrCode());
        }
        Map<String, String> kept = Map.copyOf(details);
        boolean updated = payinInstructions.submit(Boolean.TRUE, new TradeRepository.Instruction(stored.id(), channel,
                kept, instructions.channelRef(), Instant.now().plus(PAYIN_FIRST_QUERY)));
        if (!updated) {
            return find(stored.platformTradeNo()).orElseThrow();
        }
        return stored.toBuilder().details(kept).channel(channel).channelRef(instructions.channelRef()).build();
    }

    /** One batch of new pay-ins, one INSERT in autocommit (its own synchronous commit); empty: tradeNo taken. */
    private List<Optional<Trade>> insertPayins(List<NewTrade> drafts) {
        Map<String, Trade> inserted = new HashMap<>();
        for (Trade trade : trades.insertAll(jdbi, drafts, "Paying")) {
            inserted.put(trade.platformTradeNo(), trade);
        }
        return drafts.stream().map(draft -> Optional.ofNullable(inserted.get(draft.platformTradeNo()))).toList();
    }

    /** One batch of accepted pay-ins: attempt rows and trade updates in one statement; true: the trade updated. */
    private List<Boolean> storeInstructions(List<TradeRepository.Instruction> batch) {
        Set<Long> updated = trades.instructed(jdbi, batch);
        return batch.stream().map(instruction -> updated.contains(instruction.tradeId())).toList();
    }

    private void attempt(Trade trade, String channel, CreateOutcome<?> outcome, String channelRef) {
        jdbi.useHandle(handle -> attempts.record(handle, trade.id(), trade.direction().name(), channel, outcome,
                channelRef));
    }

    /**
     * Creates a payout in {@code 0015}, freezing amount + fee, with its submission-queue row in the same
     * transaction; the submitter hands it to the rail after the commit. Refused (nothing written) when funds are
     * short or no channel serves the merchant's country. Written through the batching {@link PayoutWriter} (one
     * queue for all merchants).
     */
    public Trade createPayout(Merchant merchant, TradeCommand command) {
        List<String> route = channels.route(merchant.id(), merchant.country(), Operation.PAYOUT.name());
        if (route.isEmpty()) {
            throw Rejection.NO_CHANNEL.with(merchant.country(), "payout");
        }
        long fee = merchant.payoutFee().feeFor(command.amountUnits());
        long total = Math.addExact(command.amountUnits(), fee);
        return payoutWriter.create(draft(merchant, command, Direction.PAYOUT, fee, route.get(0)), total);
    }

    /** Applies a rail's result (major units) to a processing trade; true when it changed the trade. */
    public boolean completeRail(String platformTradeNo, RailResult result) {
        Optional<Trade> found = find(platformTradeNo);
        if (found.isEmpty() || found.get().status().terminal()) {
            return false;
        }
        Trade trade = found.get();
        Long paid = null;
        if (result.success() && result.amount() != null && trade.direction() == Direction.PAYIN) {
            long units = units(result.amount());
            paid = units > 0 && units < trade.amountUnits() ? units : null;
        }
        TradeStatus status = !result.success() ? TradeStatus.FAILED
                : paid != null && countries.get(trade.country()).partialPayins() ? TradeStatus.PARTIAL
                : TradeStatus.SUCCESS;
        String message = result.message() != null ? result.message() : result.success() ? "SUCCESS" : "FAILED";
        return complete(trade, new ChannelResult(status, paid, message, result.railRef()), null)
                .map(Completion::changed).orElse(false);
    }

    /** An amount in scale-4 units as an exact decimal in the major unit, without trailing zeros. */
    public static BigDecimal major(long units) {
        BigDecimal value = BigDecimal.valueOf(units, 4).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** An exact decimal in the major unit as scale-4 units; more than 4 decimals is an error, never rounded. */
    public static long units(BigDecimal major) {
        return major.movePointRight(4).longValueExact();
    }

    /** What a connector needs to ask its rail about the trade. */
    public static TradeRef ref(Trade trade) {
        return new TradeRef(trade.platformTradeNo(), trade.direction() == Direction.PAYOUT, trade.channelRef(),
                trade.currency(), major(trade.amountUnits()));
    }

    /** Applies a channel result to a processing trade; a trade already final is returned unchanged. */
    public Optional<Completion> complete(String platformTradeNo, ChannelResult result) {
        return complete(platformTradeNo, result, (Actor) null);
    }

    /** Like {@link #complete(String, ChannelResult)}; an operator's change ({@code actor} not null) is audited. */
    public Optional<Completion> complete(String platformTradeNo, ChannelResult result, Actor actor) {
        Optional<Trade> found = find(platformTradeNo);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return complete(found.get(), result, actor);
    }

    /**
     * Applies a result to {@code seen}, a trade the caller has read (its immutable fields decide the rules; whether
     * it is still processing is decided by the update itself, not by this read). A trade already final is answered
     * as it is now, unchanged.
     */
    public Optional<Completion> complete(Trade seen, ChannelResult result, Actor actor) {
        Optional<Completion> completion = seen.status().terminal() ? Optional.of(new Completion(seen, false))
                : Optional.of(apply(seen, result, actor));
        if (completion.get().changed()) {
            finishedListener.run();
        }
        return completion;
    }

    /**
     * The result: one statement does the trade's update (only while processing on the channel it was read with), its
     * outbox row and its ledger movement (balances, journal, postings) ({@link TradeRepository#finish}). Alone it
     * commits by itself; a payout's queue row and an operator's audit row join it in one transaction. An update that
     * matches nothing means another result won (the trade is answered unchanged) or the trade moved to another
     * channel since it was read (applied again to the trade as it is now, a few times at most).
     */
    private Completion apply(Trade seen, ChannelResult result, Actor actor) {
        validate(seen, result, countries.get(seen.country()).partialPayins());
        TradeRepository.PayinCredit credit = credit(seen, result);
        String requestId = MDC.get(RequestIds.REQUEST_ID);
        boolean alone = actor == null && seen.direction() == Direction.PAYIN;
        Trade basis = seen;
        for (int round = 0; round < 3; round++) {
            Trade read = basis;
            Completion completion = alone ? jdbi.withHandle(handle -> finish(handle, read, result, credit, null,
                    requestId)) : jdbi.inTransaction(handle -> finish(handle, read, result, credit, actor, requestId));
            if (completion.changed() || completion.trade().status().terminal()) {
                return completion;
            }
            basis = completion.trade();
        }
        throw new IllegalStateException("trade " + seen.platformTradeNo() + " kept changing its channel");
    }

    /** What a result credits: for a pay-in paid in full or in part, the paid amount, its fee and when it settles. */
    private TradeRepository.PayinCredit credit(Trade seen, ChannelResult result) {
        if (seen.direction() != Direction.PAYIN || result.status() == TradeStatus.FAILED) {
            return null;
        }
        long paid = result.paidUnits() == null ? seen.amountUnits() : result.paidUnits();
        return new TradeRepository.PayinCredit(paid, PartialPayinFee.onPaid(seen.amountUnits(), seen.feeUnits(), paid),
                settleAt(seen.country()));
    }

    /** One application of the result on {@code handle}: changed, or the trade as it is now (unchanged). */
    private Completion finish(Handle handle, Trade seen, ChannelResult result, TradeRepository.PayinCredit credit,
                              Actor actor, String requestId) {
        Ledger.Movement movement = movement(handle, seen, result, credit);
        Optional<Trade> finished;
        try {
            finished = trades.finish(handle, seen, result, credit, movement, requestId);
        } catch (RuntimeException e) {
            throw movement.refusal(e);
        }
        if (finished.isEmpty()) {
            return new Completion(trades.findById(handle, seen.id()).orElseThrow(), false);
        }
        Trade trade = finished.get();
        if (trade.direction() == Direction.PAYOUT) {
            submissions.finished(handle, trade.id());
        }
        if (actor != null) {
            audit.write(handle, actor, "trade.complete", trade.platformTradeNo(), "status="
                    + result.status().wire() + (result.paidUnits() == null ? ""
                    : ", paidUnits=" + result.paidUnits()));
        }
        return new Completion(trade, true);
    }

    /** The ledger movement of the result (on the channel {@code seen} was read with). */
    private Ledger.Movement movement(Handle handle, Trade seen, ChannelResult result,
                                     TradeRepository.PayinCredit credit) {
        if (credit != null) {
            return ledger.payinSuccess(handle, seen.merchantId(), seen.currency(), seen.channel(), credit.paidUnits(),
                    credit.feeUnits());
        }
        if (seen.direction() == Direction.PAYOUT && result.status() == TradeStatus.SUCCESS) {
            return ledger.payoutSuccess(handle, seen.merchantId(), seen.currency(), seen.channel(), seen.amountUnits(),
                    seen.feeUnits());
        }
        if (seen.direction() == Direction.PAYOUT) {
            return ledger.payoutFailure(seen.merchantId(),
                    Ledger.addExact(seen.amountUnits(), seen.feeUnits(), "the payout"));
        }
        return Ledger.Movement.NONE;
    }

    private static void validate(Trade trade, ChannelResult result, boolean partialAllowed) {
        if (!result.status().terminal()) {
            throw new IllegalArgumentException("a result must be final, not " + result.status().wire());
        }
        if (result.status() == TradeStatus.PARTIAL && (trade.direction() != Direction.PAYIN || !partialAllowed)) {
            throw new IllegalArgumentException("partial payment (0001) exists only for pay-ins of countries that "
                    + "have it (ID, MX), not for this " + trade.country() + " " + trade.direction());
        }
        if (result.status() == TradeStatus.PARTIAL && (result.paidUnits() == null
                || result.paidUnits() >= trade.amountUnits())) {
            throw new IllegalArgumentException("a partial payment needs a paidAmount below the trade amount");
        }
        if (result.paidUnits() != null && (result.paidUnits() <= 0 || result.paidUnits() > trade.amountUnits())) {
            throw new IllegalArgumentException("paid amount must be positive and at most the trade amount");
        }
    }

    /** A merchant's trade by its tradeNo, in {@code direction} (null: either). */
    public Trade query(Merchant merchant, String tradeNo, Direction direction) {
        return trades.findByTradeNo(jdbi, merchant.id(), tradeNo, direction)
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
        return trades.findByPlatformNo(jdbi, platformTradeNo);
    }

    /** T+N: local midnight of the country, N days after today there; T+0: now ({@link SettlementDate}). */
    private Instant settleAt(String country) {
        return SettlementDate.settleAt(Instant.now(), countries.get(country).zone(), settlementDelayDays);
    }

    private NewTrade draft(Merchant merchant, TradeCommand command, Direction direction, long feeUnits,
                           String channel) {
        return NewTrade.builder().platformTradeNo(newPlatformTradeNo()).merchantId(merchant.id())
                .tradeNo(command.tradeNo()).direction(direction).country(merchant.country())
                .currency(merchant.currency()).amountUnits(command.amountUnits()).amountText(command.amountText())
                .feeUnits(feeUnits).notifyUrl(command.notifyUrl()).returnUrl(command.returnUrl())
                .remark(command.remark()).details(command.details()).channel(channel).build();
    }

    /**
     * 16 random lowercase base36 characters (spec §1.7), about 82 bits. One draw from the {@link SecureRandom} per
     * number (sixteen {@code nextInt} calls were sixteen trips through its lock); a byte of 252 or more is skipped so
     * that every character stays equally likely.
     */
    static String newPlatformTradeNo() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        char[] chars = new char[16];
        int filled = 0;
        int next = 0;
        while (filled < chars.length) {
            if (next == random.length) {
                RANDOM.nextBytes(random);
                next = 0;
            }
            int value = random[next++] & 0xFF;
            if (value < 252) {
                chars[filled++] = BASE36[value % BASE36.length];
            }
        }
        return new String(chars);
    }
}
