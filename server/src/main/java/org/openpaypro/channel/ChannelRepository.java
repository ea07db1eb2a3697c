package org.openpaypro.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.openpaypro.json.Json;

/**
 * SQL for channels, their sealed credentials, health and routes (tables {@code channel}, {@code channel_route}).
 * Stateless; every method runs on the caller's handle (and transaction).
 */
public final class ChannelRepository {
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {
    };

    /** A route's owner: a country's default route or a merchant's override. */
    public record RouteKey(String country, Long merchantId, String operation) {
    }

    public boolean insert(Handle handle, ChannelRecord channel, byte[] sealedCredentials) {
        return handle.createUpdate("""
                        INSERT INTO channel (name, type, countries, operations, config, credentials, credential_names,
                            webhook_token, status)
                        VALUES (:name, :type, :countries, :operations, CAST(:config AS jsonb), :credentials, :names,
                            :token, :status)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("name", channel.name())
                .bind("type", channel.type())
                .bind("countries", channel.countries().toArray(String[]::new))
                .bind("operations", channel.operations().toArray(String[]::new))
                .bind("config", json(channel.config()))
                .bind("credentials", sealedCredentials)
                .bind("names", channel.credentialNames().toArray(String[]::new))
                .bind("token", channel.webhookToken())
                .bind("status", channel.enabled() ? "ENABLED" : "DISABLED")
                .execute() == 1;
    }

    /** Replaces config, credentials and status; bumps the version so every node reopens the connector. */
    public void update(Handle handle, ChannelRecord channel, byte[] sealedCredentials) {
        handle.createUpdate("""
                        UPDATE channel SET config = CAST(:config AS jsonb), credentials = :credentials,
                            credential_names = :names, status = :status, version = version + 1, updated_at = now()
                        WHERE name = :name""")
                .bind("name", channel.name())
                .bind("config", json(channel.config()))
                .bind("credentials", sealedCredentials)
                .bind("names", channel.credentialNames().toArray(String[]::new))
                .bind("status", channel.enabled() ? "ENABLED" : "DISABLED")
                .execute();
    }

    public List<ChannelRecord> all(Handle handle) {
        return handle.createQuery("SELECT * FROM channel ORDER BY name").map((rs, ctx) -> map(rs)).list();
    }

    public Optional<ChannelRecord> find(Handle handle, String name) {
        return handle.createQuery("SELECT * FROM channel WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    /** Locks the row for a read-modify-write of config or credentials. */
    public Optional<ChannelRecord> lock(Handle handle, String name) {
        return handle.createQuery("SELECT * FROM channel WHERE name = :name FOR UPDATE").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne();
    }

    public byte[] sealedCredentials(Handle handle, String name) {
        return handle.createQuery("SELECT credentials FROM channel WHERE name = :name").bind("name", name)
                .mapTo(byte[].class).findOne().orElse(null);
    }

    public void recordSuccess(Handle handle, String name, Instant at) {
        handle.createUpdate("UPDATE channel SET last_success_at = :at WHERE name = :name")
                .bind("at", Timestamp.from(at)).bind("name", name).execute();
    }

    public void recordError(Handle handle, String name, Instant at, String error) {
        handle.createUpdate("""
                        UPDATE channel SET last_error_at = :at, last_error = :error, error_count = error_count + 1
                        WHERE name = :name""")
                .bind("at", Timestamp.from(at)).bind("error", error).bind("name", name).execute();
    }

    /** Every route row, grouped by owner, each route in position order. */
    /** Serialises the sandbox defaults between nodes starting at once (a transaction-scoped advisory lock). */
    public void lockSandboxDefaults(Handle handle) {
        handle.execute("SELECT pg_advisory_xact_lock(7242001)");
    }

    public Map<RouteKey, List<RouteEntry>> routes(Handle handle) {
        Map<RouteKey, List<RouteEntry>> routes = new LinkedHashMap<>();
        handle.createQuery("""
                        SELECT country, merchant_id, operation, channel, weight FROM channel_route
                        ORDER BY country, merchant_id, operation, position""")
                .map((rs, ctx) -> {
                    long merchant = rs.getLong("merchant_id");
                    Long merchantId = rs.wasNull() ? null : merchant;
                    String country = rs.getString("country");
                    routes.computeIfAbsent(new RouteKey(country, merchantId, rs.getString("operation")),
                            key -> new ArrayList<>()).add(new RouteEntry(rs.getString("channel"), rs.getInt("weight")));
                    return 0;
                })
                .list();
        return routes;
    }

    /** Replaces one route (an empty list removes it). */
    public void replaceRoute(Handle handle, RouteKey key, List<RouteEntry> entries) {
        handle.createUpdate("""
                        DELETE FROM channel_route WHERE operation = :op
                          AND coalesce(country, '') = coalesce(CAST(:country AS char(2)), '')
                          AND coalesce(merchant_id, 0) = coalesce(CAST(:merchant AS bigint), 0)""")
                .bind("op", key.operation()).bind("country", key.country()).bind("merchant", key.merchantId())
                .execute();
        for (int i = 0; i < entries.size(); i++) {
            handle.createUpdate("""
                            INSERT INTO channel_route (country, merchant_id, operation, position, channel, weight)
                            VALUES (:country, :merchant, :op, :position, :channel, :weight)""")
                    .bind("country", key.country()).bind("merchant", key.merchantId()).bind("op", key.operation())
                    .bind("position", i).bind("channel", entries.get(i).channel())
                    .bind("weight", entries.get(i).weight())
                    .execute();
        }
    }

    /** Whether a route of this owner exists (sandbox defaults never overwrite an operator's route). */
    public boolean hasRoute(Handle handle, RouteKey key) {
        return handle.createQuery("""
                        SELECT count(*) FROM channel_route WHERE operation = :op
                          AND coalesce(country, '') = coalesce(CAST(:country AS char(2)), '')
                          AND coalesce(merchant_id, 0) = coalesce(CAST(:merchant AS bigint), 0)""")
                .bind("op", key.operation()).bind("country", key.country()).bind("merchant", key.merchantId())
                .mapTo(Long.class).one() > 0;
    }

    private static ChannelRecord map(ResultSet rs) throws SQLException {
        try {
            return ChannelRecord.builder()
                    .name(rs.getString("name"))
                    .type(rs.getString("type"))
                    .countries(strings(rs.getArray("countries")))
                    .operations(strings(rs.getArray("operations")))
                    .config(Json.MAPPER.readValue(rs.getString("config"), STRINGS))
                    .credentialNames(strings(rs.getArray("credential_names")))
                    .webhookToken(rs.getString("webhook_token"))
                    .enabled("ENABLED".equals(rs.getString("status")))
                    .version(rs.getLong("version"))
                    .createdAt(instant(rs, "created_at"))
                    .lastSuccessAt(instant(rs, "last_success_at"))
                    .lastErrorAt(instant(rs, "last_error_at"))
                    .lastError(rs.getString("last_error"))
                    .errorCount(rs.getLong("error_count"))
                    .build();
        } catch (JsonProcessingException e) {
            throw new SQLException("channel config is not a JSON object of strings", e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String json(Map<String, String> values) {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
