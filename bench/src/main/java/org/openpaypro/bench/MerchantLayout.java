package org.openpaypro.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the merchants and their accounts are, so a pgbench script picks "merchant i" by arithmetic: created one after
 * the other on a fresh database their ids ({@code mbase + i * mstep}) and accounts ({@code abase_kind + i * astep})
 * are evenly spaced; checked, not assumed ({@code problem}: why not, or null). Immutable.
 */
record MerchantLayout(long[] merchantIds, Map<String, long[]> accountIds, String problem) {
    static final List<String> KINDS = List.of("AVAILABLE", "FROZEN", "UNSETTLED");

    static MerchantLayout lookup(Psql psql, List<BenchMerchant> merchants) throws IOException, InterruptedException {
        Map<String, Integer> indexByNo = new HashMap<>();
        merchants.forEach(merchant -> indexByNo.put(merchant.merchantNo(), merchant.index()));
        long[] merchantIds = new long[merchants.size()];
        Map<String, long[]> accounts = new LinkedHashMap<>();
        KINDS.forEach(kind -> accounts.put(kind, new long[merchants.size()]));
        for (String[] row : psql.rows("SELECT m.merchant_no, m.id, a.kind, a.id FROM merchant m JOIN account a ON"
                + " a.merchant_id = m.id WHERE m.merchant_no IN ('" + String.join("','", indexByNo.keySet()) + "');")) {
            int index = indexByNo.get(row[0]);
            merchantIds[index] = Long.parseLong(row[1]);
            if (accounts.containsKey(row[2])) {
                accounts.get(row[2])[index] = Long.parseLong(row[3]);
            }
        }
        return new MerchantLayout(merchantIds, accounts, check(merchantIds, accounts));
    }

    /** The platform accounts (merchant_id NULL) as {@code plat_<kind>[_<channel>]_<currency>} → id. */
    static Map<String, String> platform(Psql psql) throws IOException, InterruptedException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String[] row : psql.rows("SELECT kind, channel, currency, id FROM account WHERE merchant_id IS NULL"
                + " ORDER BY id;")) {
            variables.put(platformVariable(row[0], row[1], row[2]), row[3]);
        }
        return variables;
    }

    static String platformVariable(String kind, String channel, String currency) {
        String name = "plat_" + kind + (channel.isEmpty() ? "" : "_" + channel) + "_" + currency.trim();
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    static String check(long[] merchantIds, Map<String, long[]> accounts) {
        if (merchantIds.length < 2) {
            return "fewer than two merchants";
        }
        long astep = accounts.get("AVAILABLE")[1] - accounts.get("AVAILABLE")[0];
        for (int i = 0; i < merchantIds.length; i++) {
            if (merchantIds[i] != merchantIds[0] + i * (merchantIds[1] - merchantIds[0])) {
                return "merchant ids are not evenly spaced (merchant " + i + " has id " + merchantIds[i] + ")";
            }
            for (Map.Entry<String, long[]> kind : accounts.entrySet()) {
                if (kind.getValue()[i] != kind.getValue()[0] + i * astep) {
                    return kind.getKey() + " account ids are not evenly spaced (merchant " + i + ")";
                }
            }
        }
        return null;
    }

    /** Values to pass with pgbench {@code -D}: layout, merchant count, hot merchant index, platform accounts. */
    Map<String, String> variables(int hotIndex, Map<String, String> platformNow) {
        Map<String, String> variables = new LinkedHashMap<>(Map.of("merchants", Integer.toString(merchantIds.length),
                "hot", Integer.toString(hotIndex), "mbase", Long.toString(merchantIds[0]), "mstep",
                Long.toString(merchantIds[1] - merchantIds[0]), "astep",
                Long.toString(accountIds.get("AVAILABLE")[1] - accountIds.get("AVAILABLE")[0])));
        KINDS.forEach(kind -> variables.put("abase_" + kind.toLowerCase(Locale.ROOT), Long.toString(
                accountIds.get(kind)[0])));
        variables.putAll(platformNow);
        return variables;
    }

    /** The script lines that turn {@code mi} (merchant index) into ids. */
    static List<String> merchantLines(boolean hot) {
        return List.of(hot ? "\\set mi :hot" : "\\set mi random(0, :merchants - 1)", "\\set mid :mbase + :mi * :mstep",
                "\\set acc_available :abase_available + :mi * :astep", "\\set acc_frozen :abase_frozen + :mi * :astep",
                "\\set acc_unsettled :abase_unsettled + :mi * :astep");
    }
}
