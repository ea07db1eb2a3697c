package org.openpaypro.merchant;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;

/**
 * Creates merchants and finds them for the request path. Lookups by number are cached for a few seconds (merchants
 * change rarely; a change made on another node is seen at most {@code CACHE_TTL} later) in an LRU of at most
 * {@code CACHE_MAX_ENTRIES}; unknown numbers are never cached. A change made through this service (rotation,
 * allow-list, settings) evicts the entry at once on this node, and a lookup that raced with it is not cached. Key
 * expiry never depends on the cache: the request path compares {@code previousValidUntil} with {@link #now()} on
 * every request. Changes through the operator API write their audit row in the same transaction. Thread-safe.
 */
public final class MerchantService {
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final int CACHE_MAX_ENTRIES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final MerchantRepository repository;
    private final ExpiringLru<String, Merchant> cache = new ExpiringLru<>(CACHE_MAX_ENTRIES, CACHE_TTL);
    private final AtomicLong evictions = new AtomicLong();
    private final Clock clock;
    private final AuditLog audit;
    private final Opening opening;

    /**
     * What else a new merchant needs, written in the transaction that creates it: the ledger opens its accounts
     * (merchant knows no ledger; the composition root passes {@code Ledger::openAccounts}).
     */
    @FunctionalInterface
    public interface Opening {
        void open(Handle handle, long merchantId, String currency);
    }

    /** For services that never create merchants (tests): creating one fails instead of leaving it without accounts. */
    private static final Opening NO_OPENING = (handle, merchantId, currency) -> {
        throw new IllegalStateException("this MerchantService was built without the ledger's account opening");
    };

    /** A new merchant with its secret, which is shown only in this answer. */
    public record Created(Merchant merchant) {
    }

    /** The new newest key (shown only in this answer) and when the one it replaced stops (now for grace 0). */
    public record Rotated(String secretKey, Instant previousValidUntil) {
        @Override
        public String toString() {
            return "Rotated[previousValidUntil=" + previousValidUntil + "]";
        }
    }

    public MerchantService(Jdbi jdbi, MerchantRepository repository) {
        this(jdbi, repository, Clock.systemUTC(), new AuditLog());
    }

    public MerchantService(Jdbi jdbi, MerchantRepository repository, Clock clock, AuditLog audit) {
        this(jdbi, repository, clock, audit, NO_OPENING);
    }

    public MerchantService(Jdbi jdbi, MerchantRepository repository, Clock clock, AuditLog audit, Opening opening) {
        this.jdbi = jdbi;
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
        this.opening = opening;
    }

    /** The time key validity is judged by (millisecond precision, like what is stored and shown). */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Creates a merchant and, in the same transaction, its ledger accounts and its audit row (the summary never holds
     * the secret).
     */
    public Created create(NewMerchant request, Actor actor) {
        String secret = SecretBox.newSecret();
        for (int attempt = 0; attempt < 20; attempt++) {
            String merchantNo = newMerchantNo();
            Optional<Merchant> merchant = jdbi.inTransaction(handle -> {
                Optional<Merchant> created = repository.insert(handle, request, merchantNo, secret)
                        .flatMap(id -> repository.findById(handle, id));
                created.ifPresent(found -> opening.open(handle, found.id(), request.currency()));
                created.ifPresent(found -> audit.write(handle, actor, "merchant.create", merchantNo,
                        "name=" + request.name() + ", country=" + request.country()));
                return created;
            });
            if (merchant.isPresent()) {
                return new Created(merchant.get());
            }
        }
        throw new IllegalStateException("no free merchant number after 20 attempts");
    }

    public Optional<Merchant> find(String merchantNo) {
        long now = System.nanoTime();
        Merchant cached = cache.get(merchantNo, now);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = evictions.get();
        Optional<Merchant> merchant = jdbi.withHandle(handle -> repository.findByNo(handle, merchantNo));
        merchant.ifPresent(found -> remember(merchantNo, found, now, generation));
        return merchant;
    }

    /** By id, through the same short cache as {@link #find}. */
    public Optional<Merchant> findById(long id) {
        String key = "#" + id;
        long now = System.nanoTime();
        Merchant cached = cache.get(key, now);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation = evictions.get();
        Optional<Merchant> merchant = jdbi.withHandle(handle -> repository.findById(handle, id));
        merchant.ifPresent(found -> remember(key, found, now, generation));
        return merchant;
    }

    private void remember(String key, Merchant merchant, long now, long generation) {
        cache.put(key, merchant, now);
        if (evictions.get() != generation) {
            cache.remove(key); // a change committed while we read: what we read may be older than it
        }
    }

    private void evict(Merchant merchant) {
        evictions.incrementAndGet();
        cache.remove(merchant.merchantNo());
        cache.remove("#" + merchant.id());
    }

    /**
     * Rotates the merchant's key (DESIGN §14): a new newest key; the current one stays valid for {@code graceHours}
     * (0: stops at once); a key older than the current one ends now. Empty when there is no such merchant.
     */
    public Optional<Rotated> rotate(String merchantNo, int graceHours, Actor actor) {
        if (graceHours < 0 || graceHours > 168) {
            throw new IllegalArgumentException("graceHours must be 0-168");
        }
        String newSecret = SecretBox.newSecret();
        record Done(Merchant merchant, Rotated rotated) {
        }
        Optional<Done> done = jdbi.inTransaction(handle -> repository.lockByNo(handle, merchantNo).map(m -> {
            Instant now = now();
            Instant until = graceHours == 0 ? null : now.plus(Duration.ofHours(graceHours));
            repository.rotate(handle, m, newSecret, until);
            audit.write(handle, actor, "merchant.secret.rotate", merchantNo, graceHours == 0
                    ? "new key; previous key stopped at once" : "new key; previous key valid until " + until
                    + " (" + graceHours + " h)");
            return new Done(m, new Rotated(newSecret, until == null ? now : until));
        }));
        done.ifPresent(d -> evict(d.merchant()));
        return done.map(Done::rotated);
    }

    /**
     * Notes that a request verified with {@code key}: the first request signed with the newest key after a
     * rotation switches callbacks to it.
     */
    public void noteSignedWith(Merchant merchant, String key) {
        if (!merchant.newestKeyUsed() && key.equals(merchant.secret())) {
            jdbi.useHandle(handle -> repository.markNewestKeyUsed(handle, merchant.id()));
            evict(merchant);
        }
    }

    /** Replaces the allow-list (already validated CIDRs; empty: off). Empty when there is no such merchant. */
    public Optional<Merchant> setIpAllowlist(String merchantNo, List<String> cidrs, Actor actor) {
        return changed(jdbi.inTransaction(handle -> repository.lockByNo(handle, merchantNo).map(m -> {
            repository.setIpAllowlist(handle, m.id(), cidrs);
            audit.write(handle, actor, "merchant.ip-allowlist.set", merchantNo,
                    cidrs.isEmpty() ? "allow-list off" : "cidrs=" + String.join(",", cidrs));
            return repository.findById(handle, m.id()).orElseThrow();
        })));
    }

    /**
     * Up to {@code limit} merchants whose number is {@code query} or whose name contains it (case-insensitive),
     * newest first; every merchant when {@code query} is empty (the console's merchant search).
     */
    public List<Merchant> search(String query, int limit) {
        return jdbi.withHandle(handle -> repository.search(handle, query, limit));
    }

    /** Applies a settings change (status, notify URL, fees, signature). Empty when there is no such merchant. */
    public Optional<Merchant> update(String merchantNo, MerchantSettings settings, Actor actor) {
        return changed(jdbi.inTransaction(handle -> repository.lockByNo(handle, merchantNo).map(m -> {
            repository.updateSettings(handle, settings.applyTo(m));
            audit.write(handle, actor, "merchant.update", merchantNo, settings.summary());
            return repository.findById(handle, m.id()).orElseThrow();
        })));
    }

    /** Sets whether every user of the merchant must log in with a TOTP code (the portal's owner switch). */
    void setTotpRequired(Merchant merchant, boolean required) {
        jdbi.useHandle(handle -> repository.setTotpRequired(handle, merchant.id(), required));
        evict(merchant);
    }

    private Optional<Merchant> changed(Optional<Merchant> merchant) {
        merchant.ifPresent(this::evict);
        return merchant;
    }

    /** Ten digits, the first not zero (spec §1.3: 10-digit numbers, not zero-padded). */
    static String newMerchantNo() {
        return Long.toString(RANDOM.nextLong(1_000_000_000L, 10_000_000_000L));
    }
}
