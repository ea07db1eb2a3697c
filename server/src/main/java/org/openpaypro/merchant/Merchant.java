package org.openpaypro.merchant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A merchant with its decrypted keys, as the request path needs it. {@code secret} is the newest key;
 * {@code previousSecret} the one it replaced, valid until {@code previousValidUntil} (exclusive), both null when
 * there is none. Immutable.
 *
 * @param status whether the merchant may call the API (its name is the wire's and the database's value)
 * @param newestKeyUsed whether the merchant has signed a request with the newest key since it was rotated
 * @param ipAllowlist CIDRs a request must come from; empty: any address
 */
public record Merchant(
        long id,
        String merchantNo,
        String name,
        String country,
        String currency,
        String notifyUrl,
        String secret,
        FeePlan payinFee,
        FeePlan payoutFee,
        Status status,
        Instant createdAt,
        String previousSecret,
        Instant previousValidUntil,
        boolean newestKeyUsed,
        List<String> ipAllowlist,
        SignatureScheme signatureScheme,
        boolean totpRequired) {

    /** Whether a merchant may call the API; the names are the values of the API and of {@code merchant.status}. */
    public enum Status {
        ACTIVE, DISABLED;

        /** The status named {@code text} exactly, or empty. */
        public static Optional<Status> parse(String text) {
            for (Status status : values()) {
                if (status.name().equals(text)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }

    /** How merchant requests must be signed. */
    public enum SignatureScheme {
        /** PayPro's MD5 {@code sign} (spec §2); an HMAC header is accepted as well. */
        MD5,
        /** Only the {@code X-OpenPayPro-Signature} HMAC-SHA256 header; the MD5 sign is refused. */
        HMAC_SHA256
    }

    public Merchant {
        ipAllowlist = List.copyOf(ipAllowlist);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The keys that verify a request at {@code now}: the newest first, then the previous one inside its grace. */
    public List<String> keysValidAt(Instant now) {
        return previousValidAt(now) ? List.of(secret, previousSecret) : List.of(secret);
    }

    /**
     * The key callbacks are signed with at {@code now} (DESIGN §14): the newest once the merchant has signed a
     * request with it; until then the previous one, as long as that still verifies requests.
     */
    public String callbackKeyAt(Instant now) {
        return !newestKeyUsed && previousValidAt(now) ? previousSecret : secret;
    }

    private boolean previousValidAt(Instant now) {
        return previousSecret != null && now.isBefore(previousValidUntil);
    }

    @Override
    public String toString() {
        return "Merchant[" + merchantNo + ", " + country + "]";
    }
}
