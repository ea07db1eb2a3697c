package org.openpaypro.merchant;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;

/**
 * Creates merchants and finds them for the request path. Lookups by number are cached for a few seconds (merchants
 * change rarely; a disabled merchant is refused at most {@code CACHE_TTL} later); unknown numbers are never cached.
 * Thread-safe.
 */
public final class MerchantService {
    private static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final int CACHE_MAX = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final MerchantRepository repository;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AuditLog audit = new AuditLog();

    private record Cached(Merchant merchant, long expiresAtNanos) {
    }

    /** A new merchant with its secret, which is shown only in this answer. */
    public record Created(Merchant merchant) {
    }

    public MerchantService(Jdbi jdbi, MerchantRepository repository) {
        this.jdbi = jdbi;
        this.repository = repository;
    }

    /** Creates a merchant and, in the same transaction, its audit row (the summary never holds the secret). */
    public Created create(NewMerchant request, Actor actor) {
        String secret = SecretBox.newSecret();
        for (int attempt = 0; attempt < 20; attempt++) {
            String merchantNo = newMerchantNo();
            Optional<Merchant> merchant = jdbi.inTransaction(handle -> {
                Optional<Merchant> created = repository.insert(handle, request, merchantNo, secret)
                        .flatMap(id -> repository.findById(handle, id));
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
        Cached cached = cache.get(merchantNo);
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return Optional.of(cached.merchant);
        }
        Optional<Merchant> merchant = jdbi.withHandle(handle -> repository.findByNo(handle, merchantNo));
        merchant.ifPresent(found -> remember(merchantNo, found, now));
        return merchant;
    }

    /** By id, through the same short cache as {@link #find}. */
    public Optional<Merchant> findById(long id) {
        String key = "#" + id;
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return Optional.of(cached.merchant);
        }
        Optional<Merchant> merchant = jdbi.withHandle(handle -> repository.findById(handle, id));
        merchant.ifPresent(found -> remember(key, found, now));
        return merchant;
    }

    private void remember(String key, Merchant merchant, long now) {
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Cached(merchant, now + CACHE_TTL.toNanos()));
    }

    /** Ten digits, the first not zero (spec §1.3: 10-digit numbers, not zero-padded). */
    static String newMerchantNo() {
        return Long.toString(RANDOM.nextLong(1_000_000_000L, 10_000_000_000L));
    }
}
