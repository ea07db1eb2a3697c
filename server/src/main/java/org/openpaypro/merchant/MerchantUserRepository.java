package org.openpaypro.merchant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for merchant users. Stateless; every method runs on the caller's handle. */
final class MerchantUserRepository {

    /** A stored user row; secrets still sealed. */
    record Row(long id, long merchantId, String email, MerchantUsers.Role role, String passwordHash,
               boolean mustChangePassword, byte[] totpSecretSealed, byte[] totpPendingSealed, long totpLastStep,
               int failedLogins, Instant loginBlockedUntil) {
        @Override
        public String toString() {
            return "MerchantUser[" + email + ", " + role + "]";
        }
    }

    /** False when the email is taken (by any merchant). */
    boolean insert(Handle handle, long merchantId, String email, MerchantUsers.Role role, String passwordHash) {
        return handle.createUpdate("""
                        INSERT INTO merchant_user (merchant_id, email, role, password_hash)
                        VALUES (:merchantId, :email, :role, :hash)
                        ON CONFLICT (email) DO NOTHING""")
                .bind("merchantId", merchantId)
                .bind("email", email)
                .bind("role", role.name())
                .bind("hash", passwordHash)
                .execute() == 1;
    }

    Optional<Row> find(Handle handle, String email, boolean forUpdate) {
        return handle.createQuery("SELECT * FROM merchant_user WHERE email = :email" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("email", email)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Optional<Row> findById(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM merchant_user WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    java.util.List<Row> listByMerchant(Handle handle, long merchantId) {
        return handle.createQuery("SELECT * FROM merchant_user WHERE merchant_id = :merchantId ORDER BY email")
                .bind("merchantId", merchantId)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    /** False when the merchant has no user with this email. */
    boolean delete(Handle handle, long merchantId, String email) {
        return handle.createUpdate("DELETE FROM merchant_user WHERE merchant_id = :merchantId AND email = :email")
                .bind("merchantId", merchantId)
                .bind("email", email)
                .execute() == 1;
    }

    /** Counts a failure; the {@code limit}-th in a row blocks the account until {@code blockUntil}. */
    void recordFailure(Handle handle, long id, int limit, Instant blockUntil) {
        handle.createUpdate("""
                        UPDATE merchant_user SET
                            login_blocked_until = CASE WHEN failed_logins + 1 >= :limit THEN :until
                                                       ELSE login_blocked_until END,
                            failed_logins = CASE WHEN failed_logins + 1 >= :limit THEN 0 ELSE failed_logins + 1 END
                        WHERE id = :id""")
                .bind("limit", limit)
                .bind("until", utc(blockUntil))
                .bind("id", id)
                .execute();
    }

    /** Resets the failure count; with a TOTP step, only when that step is later than the last one (else false). */
    boolean recordSuccess(Handle handle, long id, long totpStep) {
        return handle.createUpdate("""
                        UPDATE merchant_user SET failed_logins = 0, login_blocked_until = NULL,
                            totp_last_step = greatest(totp_last_step, :step)
                        WHERE id = :id AND (:step = 0 OR totp_last_step < :step)""")
                .bind("step", totpStep)
                .bind("id", id)
                .execute() == 1;
    }

    void setPassword(Handle handle, long id, String passwordHash) {
        handle.createUpdate("UPDATE merchant_user SET password_hash = :hash, must_change_password = false, "
                        + "failed_logins = 0, login_blocked_until = NULL WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("id", id)
                .execute();
    }

    void setPendingTotp(Handle handle, long id, byte[] sealed) {
        handle.createUpdate("UPDATE merchant_user SET totp_pending_enc = :sealed WHERE id = :id")
                .bind("sealed", sealed)
                .bind("id", id)
                .execute();
    }

    void activateTotp(Handle handle, long id, long step) {
        handle.createUpdate("""
                        UPDATE merchant_user SET totp_secret_enc = totp_pending_enc, totp_pending_enc = NULL,
                            totp_last_step = :step
                        WHERE id = :id""")
                .bind("step", step)
                .bind("id", id)
                .execute();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Row map(ResultSet rs) throws SQLException {
        Timestamp blocked = rs.getTimestamp("login_blocked_until");
        return new Row(rs.getLong("id"), rs.getLong("merchant_id"), rs.getString("email"),
                MerchantUsers.Role.valueOf(rs.getString("role")), rs.getString("password_hash"),
                rs.getBoolean("must_change_password"), rs.getBytes("totp_secret_enc"),
                rs.getBytes("totp_pending_enc"), rs.getLong("totp_last_step"), rs.getInt("failed_logins"),
                blocked == null ? null : blocked.toInstant());
    }
}
