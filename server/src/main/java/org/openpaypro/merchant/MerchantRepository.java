package org.openpaypro.merchant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for merchants and their three ledger accounts. Stateless; every method runs on the caller's handle. */
public final class MerchantRepository {
    private final SecretBox secrets;

    public MerchantRepository(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Inserts the merchant and its AVAILABLE/FROZEN/UNSETTLED accounts; false when the number is taken. */
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
        id.ifPresent(merchantId -> handle.createUpdate("""
                        INSERT INTO account (merchant_id, kind, currency)
                        VALUES (:id, 'AVAILABLE', :currency), (:id, 'FROZEN', :currency), (:id, 'UNSETTLED', :currency)""")
                .bind("id", merchantId)
                .bind("currency", merchant.currency())
                .execute());
        return id;
    }

    public Optional<Merchant> findByNo(Handle handle, String merchantNo) {
        return handle.createQuery("SELECT * FROM merchant WHERE merchant_no = :no")
                .bind("no", merchantNo)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    public Optional<Merchant> findById(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM merchant WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private Merchant map(ResultSet rs) throws SQLException {
        String merchantNo = rs.getString("merchant_no");
        return new Merchant(
                rs.getLong("id"),
                merchantNo,
                rs.getString("name"),
                rs.getString("country"),
                rs.getString("currency"),
                rs.getString("notify_url"),
                secrets.open(rs.getBytes("secret_enc"), merchantNo),
                new FeePlan(rs.getLong("payin_fee_rate_ppm"), rs.getLong("payin_fee_fixed")),
                new FeePlan(rs.getLong("payout_fee_rate_ppm"), rs.getLong("payout_fee_fixed")),
                "ACTIVE".equals(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant());
    }
}
