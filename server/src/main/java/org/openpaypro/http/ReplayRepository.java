package org.openpaypro.http;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL of the seen signatures ({@code seen_sign}) for {@link ReplayGuard}. Stateless; runs on the caller's handle. */
final class ReplayRepository {

    /** Records the digest unless it is recorded and unexpired, committed without waiting for the disk; true if new. */
    boolean recordUnlessSeen(Handle handle, long merchantId, byte[] digest, Instant expiresAt) {
        handle.execute("SET LOCAL synchronous_commit = off");
        return handle.createUpdate("""
                INSERT INTO seen_sign (merchant_id, sign, expires_at) VALUES (:merchant, :sign, :expiresAt)
                ON CONFLICT (merchant_id, sign) DO UPDATE SET expires_at = excluded.expires_at
                WHERE seen_sign.expires_at < now()""")
                .bind("merchant", merchantId).bind("sign", digest).bind("expiresAt", expiresAt)
                .execute() == 1;
    }

    /** Deletes up to {@code batch} expired signatures; how many. */
    int deleteExpired(Handle handle, int batch) {
        return handle.createUpdate("""
                DELETE FROM seen_sign WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM seen_sign WHERE expires_at < now() LIMIT :batch))""")
                .bind("batch", batch).execute();
    }
}
