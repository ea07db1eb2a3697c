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

    /** An empty builder: no IP allowlist, everything else zero, false or null. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this merchant's values, for a copy with a few of them changed. */
    public Builder toBuilder() {
        return builder().id(id).merchantNo(merchantNo).name(name).country(country).currency(currency)
                .notifyUrl(notifyUrl).secret(secret).payinFee(payinFee).payoutFee(payoutFee).status(status)
                .createdAt(createdAt).previousSecret(previousSecret).previousValidUntil(previousValidUntil)
                .newestKeyUsed(newestKeyUsed).ipAllowlist(ipAllowlist).signatureScheme(signatureScheme)
                .totpRequired(totpRequired);
    }

    /** Collects the values of a {@link Merchant}; start from {@link #builder()}. Not thread-safe. */
    public static final class Builder {
        private long id;
        private String merchantNo;
        private String name;
        private String country;
        private String currency;
        private String notifyUrl;
        private String secret;
        private FeePlan payinFee;
        private FeePlan payoutFee;
        private Status status;
        private Instant createdAt;
        private String previousSecret;
        private Instant previousValidUntil;
        private boolean newestKeyUsed;
        private List<String> ipAllowlist = List.of();
        private SignatureScheme signatureScheme;
        private boolean totpRequired;

        private Builder() {
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder merchantNo(String merchantNo) {
            this.merchantNo = merchantNo;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder notifyUrl(String notifyUrl) {
            this.notifyUrl = notifyUrl;
            return this;
        }

        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        public Builder payinFee(FeePlan payinFee) {
            this.payinFee = payinFee;
            return this;
        }

        public Builder payoutFee(FeePlan payoutFee) {
            this.payoutFee = payoutFee;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder previousSecret(String previousSecret) {
            this.previousSecret = previousSecret;
            return this;
        }

        public Builder previousValidUntil(Instant previousValidUntil) {
            this.previousValidUntil = previousValidUntil;
            return this;
        }

        public Builder newestKeyUsed(boolean newestKeyUsed) {
            this.newestKeyUsed = newestKeyUsed;
            return this;
        }

        public Builder ipAllowlist(List<String> ipAllowlist) {
            this.ipAllowlist = ipAllowlist;
            return this;
        }

        public Builder signatureScheme(SignatureScheme signatureScheme) {
            this.signatureScheme = signatureScheme;
            return this;
        }

        public Builder totpRequired(boolean totpRequired) {
            this.totpRequired = totpRequired;
            return this;
        }

        public Merchant build() {
            return new Merchant(id, merchantNo, name, country, currency, notifyUrl, secret, payinFee, payoutFee,
                    status, createdAt, previousSecret, previousValidUntil, newestKeyUsed, ipAllowlist,
                    signatureScheme, totpRequired);
        }
    }
}
