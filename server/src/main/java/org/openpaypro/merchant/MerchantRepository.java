package org.openpaypro.merchant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for merchants, their keys and settings (their ledger accounts are the ledger's: {@link MerchantService.Opening}).
 * Stateless; every method runs on the caller's handle.
 */
public final class MerchantRepository {
    private final SecretBox secrets;

    public MerchantRepository(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Inserts the merchant; empty when the number is taken. */
    public Optional<Long> insert(Handle handle, NewMerchant merchant, String merchantNo, String secret) {
        Optional<Long> id = handle.createQuery("""
                        INSERT INTO merchant (merchant_no, name, country, currency, notify_url, secret_enc,
                            payin_fee_rate_ppm, payin_fee_fixed, payout_fee_rate_ppm, payout_fee_fixed)
                        VALUES (:no, :name, :country, :currency, :notifyUrl, :secret, :pinRate, :pinFixed,
                            :poutRate, :poutFixed)
                        ON CONFLICT (merchant_no) DO NOTHING
                        RETURNING id""")
                .bind("no", merchantNo)
                .bind("name", merchant.name())
                .bind("country", merchant.country())
                .bind("currency", merchant.currency())
                .bind("notifyUrl", merchant.notifyUrl())
                .bind("secret", secrets.seal(secret, merchantNo))
                .bind("pinRate", merchant.payinFee().ratePpm())
                .bind("pinFixed", merchant.payinFee().fixedUnits())
                .bind("poutRate", merchant.payoutFee().ratePpm())
                .bind("poutFixed", merchant.payoutFee().fixedUnits())
                .mapTo(Long.class)
                .findOne();
        return id;
    }

    public void setTotpRequired(Handle handle, long merchantId, boolean required) {
        handle.createUpdate("UPDATE merchant SET totp_required = :r WHERE id = :id")
                .bind("r", required).bind("id", merchantId).execute();
    }

    public Optional<Merchant> findByNo(Handle handle, String merchantNo) {
        return handle.createQuery("SELECT * FROM merchant WHERE merchant_no = :no")
                .bind("no", merchantNo)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Newest first: the merchant numbered {@code query} and those whose name contains it; all when it is empty. */
    public List<Merchant> search(Handle handle, String query, int limit) {
        return handle.createQuery("""
                        SELECT * FROM merchant
                        WHERE :q = '' OR merchant_no = :q OR position(lower(:q) IN lower(name)) > 0
                        ORDER BY id DESC LIMIT :limit""")
                .bind("q", query)
                .bind("limit", limit)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    public Optional<Merchant> findById(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM merchant WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /** Locks the merchant's row for a change of its settings or keys in the caller's transaction. */
    public Optional<Merchant> lockByNo(Handle handle, String merchantNo) {
        return handle.createQuery("SELECT * FROM merchant WHERE merchant_no = :no FOR UPDATE")
                .bind("no", merchantNo)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * Makes {@code newSecret} the newest key; the current newest becomes the previous one until
     * {@code previousValidUntil}, or stops at once when that is null. Whatever was previous before ends now.
     */
    public void rotate(Handle handle, Merchant merchant, String newSecret, Instant previousValidUntil) {
        handle.createUpdate("""
                        UPDATE merchant SET secret_enc = :secret, previous_secret_enc = :previous,
                            previous_valid_until = :until, newest_key_used = :used
                        WHERE id = :id""")
                .bind("secret", secrets.seal(newSecret, merchant.merchantNo()))
                .bind("previous", previousValidUntil == null ? null
                        : secrets.seal(merchant.secret(), merchant.merchantNo()))
                .bind("until", previousValidUntil == null ? null : OffsetDateTime.ofInstant(previousValidUntil,
                        ZoneOffset.UTC))
                .bind("used", previousValidUntil == null)
                .bind("id", merchant.id())
                .execute();
    }

    /** Records that the merchant signed with its newest key; true when this call changed the flag. */
    public boolean markNewestKeyUsed(Handle handle, long merchantId) {
        return handle.createUpdate("UPDATE merchant SET newest_key_used = true WHERE id = :id AND NOT newest_key_used")
                .bind("id", merchantId)
                .execute() == 1;
    }

    public void setIpAllowlist(Handle handle, long merchantId, List<String> cidrs) {
        handle.createUpdate("UPDATE merchant SET ip_allowlist = :cidrs WHERE id = :id")
                .bindArray("cidrs", String.class, cidrs)
                .bind("id", merchantId)
                .execute();
    }

    /** Writes the changeable settings of {@code changed} (status, notify URL, fees, signature scheme). */
    public void updateSettings(Handle handle, Merchant changed) {
        handle.createUpdate("""
                        UPDATE merchant SET status = :status, notify_url = :notifyUrl,
                            payin_fee_rate_ppm = :pinRate, payin_fee_fixed = :pinFixed,
                            payout_fee_rate_ppm = :poutRate, payout_fee_fixed = :poutFixed,
                            signature_scheme = :scheme, totp_required = :totpRequired
                        WHERE id = :id""")
                .bind("status", changed.status().name())
                .bind("notifyUrl", changed.notifyUrl())
                .bind("pinRate", changed.payinFee().ratePpm())
                .bind("pinFixed", changed.payinFee().fixedUnits())
                .bind("poutRate", changed.payoutFee().ratePpm())
                .bind("poutFixed", changed.payoutFee().fixedUnits())
                .bind("scheme", changed.signatureScheme().name())
                .bind("totpRequired", changed.totpRequired())
                .bind("id", changed.id())
                .execute();
    }

    private Merchant map(ResultSet rs) throws SQLException {
        String merchantNo = rs.getString("merchant_no");
        byte[] previous = rs.getBytes("previous_secret_enc");
        Timestamp previousValidUntil = rs.getTimestamp("previous_valid_until");
        return Merchant.builder()
                .id(rs.getLong("id"))
                .merchantNo(merchantNo)
                .name(rs.getString("name"))
                .country(rs.getString("country"))
                .currency(rs.getString("currency"))
                .notifyUrl(rs.getString("notify_url"))
                .secret(secrets.open(rs.getBytes("secret_enc"), merchantNo))
                .payinFee(new FeePlan(rs.getLong("payin_fee_rate_ppm"), rs.getLong("payin_fee_fixed")))
                .payoutFee(new FeePlan(rs.getLong("payout_fee_rate_ppm"), rs.getLong("payout_fee_fixed")))
                .status(Merchant.Status.valueOf(rs.getString("status")))
                .createdAt(rs.getTimestamp("created_at").toInstant())
                .previousSecret(previous == null ? null : secrets.open(previous, merchantNo))
                .previousValidUntil(previousValidUntil == null ? null : previousValidUntil.toInstant())
                .newestKeyUsed(rs.getBoolean("newest_key_used"))
                .ipAllowlist(List.of((String[]) rs.getArray("ip_allowlist").getArray()))
                .signatureScheme(Merchant.SignatureScheme.valueOf(rs.getString("signature_scheme")))
                .totpRequired(rs.getBoolean("totp_required"))
                .build();
    }
}
