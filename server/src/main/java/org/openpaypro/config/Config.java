package org.openpaypro.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openpaypro.logs.LogFormat;
import org.openpaypro.net.Cidr;

/**
 * The gateway's settings, read once from environment variables at start, validated, then frozen.
 * A bad value throws {@link ConfigException} with one line naming the variable. Immutable, thread-safe.
 *
 * @param dbUrl null means: start the embedded PostgreSQL in {@code dataDir}
 * @param adminToken null means: read or generate the token file in {@code dataDir}
 * @param masterKey null means: in sandbox mode read or generate the key file in {@code dataDir}
 * @param simulatorAutocomplete null means "off": payouts wait for the sandbox API
 * @param timestampWindow null means the freshness check is switched off
 * @param trustedProxies empty means X-Forwarded-For is never believed
 * @param adjustmentApprovalLimitUnits null means: adjustments need no approval (unless a currency override says so)
 * @param bodyDeadline a request body not complete after this long gets 408 and its connection is closed
 * @param ledgerCheckInterval null means "off": the ledger check runs only when an operator asks for it
 */
public record Config(
        int httpPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Path dataDir,
        String adminToken,
        Mode mode,
        String masterKey,
        String publicUrl,
        List<Duration> notifySchedule,
        Duration notifyConnectTimeout,
        Duration notifyReadTimeout,
        int notifyWorkers,
        int notifyPerHostLimit,
        Duration simulatorAutocomplete,
        Duration timestampWindow,
        int maxBodyBytes,
        int dbPoolSize,
        int settlementDelayDays,
        Duration settlementInterval,
        Map<String, Long> maxAmountUnits,
        List<String> brandPrefixes,
        Map<String, String> pathAliases,
        Path countryDataDir,
        // Merchant access (issue 13): peers whose X-Forwarded-For is believed.
        List<Cidr> trustedProxies,
        // notify limits (issue 10, security 3): concurrent callbacks per merchant
        int notifyPerMerchantLimit,
        // access (issue 13): four eyes on adjustments, throttling of failed operator authentication
        Long adjustmentApprovalLimitUnits,
        Map<String, Long> adjustmentApprovalLimitUnitsByCurrency,
        int adminAuthFailuresPerMinute,
        // HTTP edge (issue 10): how long a request body may take to arrive in full
        Duration bodyDeadline,
        // failover (issue 16): the longest a statement may run, and so roughly the longest a request waits on the
        // database (the pool wait and the socket timeout are derived from it, see Database)
        Duration dbStatementTimeout,
        // logs (issue 17): JSON lines or text on stdout (auto: text on a terminal); read by the log encoder itself,
        // validated here so a typo stops the start
        LogFormat logFormat,
        // metrics (issue 17): when a processing trade counts as stuck; how often the ledger check runs by itself
        Duration stuckTradeAfter,
        Duration ledgerCheckInterval,
        // rails (issue 12): the longest one call to a payment rail may take before its outcome counts as unknown
        Duration channelTimeout,
        // web (issue 14): a portal or console session ends after this long without a request; failed logins per
        // client address and minute before the login pages answer "too many attempts"
        Duration webSessionIdle,
        int webLoginFailuresPerMinute,
        // rails (issue 12): how long until a processing trade's rail is asked again, and so how long a node that
        // died while asking holds the trade
        Duration railRepoll) {

    public enum Mode { SANDBOX, LIVE }

    public static final String PREFIX = "OPENPAYPRO_";

    public boolean sandbox() {
        return mode == Mode.SANDBOX;
    }

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    public static Config fromEnv() {
        return from(System.getenv());
    }

    /** Reads the settings from {@code env} (the process environment in production, a map in tests). */
    public static Config from(Map<String, String> env) {
        return read(new Reader(env)).build();
    }

    /**
     * A builder holding the defaults {@link #fromEnv()} uses when no variable is set, for code and tests that need
     * a Config with a few settings changed: {@code Config.builder().httpPort(0).notifyWorkers(4).build()}.
     * A new setting needs a component, a field and setter here, and one line in {@code read}.
     */
    public static Builder builder() {
        return read(new Reader(Map.of()));
    }

    private static Builder read(Reader reader) {
        Mode mode = reader.oneOf("MODE", "sandbox", Mode.class);
        int port = reader.integer("HTTP_PORT", 8080, 0, 65535);
        String publicUrl = reader.text("PUBLIC_URL", null);
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s]+")) {
            throw reader.bad("PUBLIC_URL", publicUrl, "an http(s) URL such as https://pay.example.com");
        }
        if (publicUrl == null) {
            publicUrl = "http://localhost:" + (port == 0 ? 8080 : port);
        }
        publicUrl = publicUrl.replaceAll("/+$", "");
        String masterKey = reader.text("MASTER_KEY", null);
        if (masterKey == null && mode == Mode.LIVE) {
            throw new ConfigException(PREFIX + "MASTER_KEY is required in live mode "
                    + "(64 hex characters, e.g. from `openssl rand -hex 32`)");
        }
        if (masterKey != null && !masterKey.matches("[0-9a-fA-F]{64}")) {
            throw reader.bad("MASTER_KEY", "<hidden>",
                    "64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`");
        }
        String adminToken = reader.text("ADMIN_TOKEN", null);
        if (adminToken != null && adminToken.length() < 16) {
            throw reader.bad("ADMIN_TOKEN", "<hidden>", "at least 16 characters");
        }
        String dbUrl = reader.text("DB_URL", null);
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw reader.bad("DB_URL", dbUrl,
                    "a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/openpaypro");
        }
        if (dbUrl != null && multiHost(dbUrl) && !dbUrl.matches("(?i).*[?&]targetServerType=(primary|master).*")) {
            throw reader.bad("DB_URL", dbUrl, "targetServerType=primary with several hosts, such as "
                    + "jdbc:postgresql://db1:5432,db2:5432/openpaypro?targetServerType=primary");
        }
        String settlement = reader.text("SETTLEMENT_DELAY", "T+1");
        Matcher settlementMatch = Pattern.compile("T\\+([0-9])").matcher(settlement);
        if (!settlementMatch.matches()) {
            throw reader.bad("SETTLEMENT_DELAY", settlement, "T+0 .. T+9");
        }
        return new Builder()
                .httpPort(port)
                .dbUrl(dbUrl)
                .dbUser(reader.text("DB_USER", dbUrl == null ? null : "postgres"))
                .dbPassword(reader.text("DB_PASSWORD", null))
                .dataDir(Path.of(reader.text("DATA_DIR", "./openpaypro-data")).toAbsolutePath().normalize())
                .adminToken(adminToken)
                .mode(mode)
                .masterKey(masterKey)
                .publicUrl(publicUrl)
                .notifySchedule(reader.durations("NOTIFY_SCHEDULE", "2s,5s,10s,30s,1h,3h,3h,3h"))
                .notifyConnectTimeout(reader.duration("NOTIFY_CONNECT_TIMEOUT", "10s", false))
                .notifyReadTimeout(reader.duration("NOTIFY_READ_TIMEOUT", "10s", false))
                .notifyWorkers(reader.integer("NOTIFY_WORKERS", 32, 1, 256))
                .notifyPerHostLimit(reader.integer("NOTIFY_PER_HOST_LIMIT", 16, 1, 256))
                .simulatorAutocomplete(reader.duration("SIMULATOR_AUTOCOMPLETE", "5s", true))
                .timestampWindow(reader.duration("TIMESTAMP_WINDOW", "15m", true))
                .maxBodyBytes(reader.integer("MAX_BODY_BYTES", 65536, 1024, 16 * 1024 * 1024))
                .dbPoolSize(reader.integer("DB_POOL_SIZE", 16, 2, 512))
                .settlementDelayDays(Integer.parseInt(settlementMatch.group(1)))
                .settlementInterval(reader.duration("SETTLEMENT_INTERVAL", "60s", false))
                .maxAmountUnits(reader.maxAmounts())
                .brandPrefixes(reader.brandPrefixes())
                .pathAliases(reader.aliases())
                .countryDataDir(reader.text("COUNTRY_DATA_DIR", null) == null ? null
                        : Path.of(reader.text("COUNTRY_DATA_DIR", null)).toAbsolutePath().normalize())
                .trustedProxies(reader.cidrs("TRUSTED_PROXIES"))
                // notify limits (issue 10, security 3)
                .notifyPerMerchantLimit(reader.integer("NOTIFY_PER_MERCHANT_LIMIT", 8, 1, 256))
                .adjustmentApprovalLimitUnits(reader.approvalLimit("ADJUSTMENT_APPROVAL_LIMIT"))
                .adjustmentApprovalLimitUnitsByCurrency(reader.approvalLimitsByCurrency())
                .adminAuthFailuresPerMinute(reader.integer("ADMIN_AUTH_FAILURES_PER_MINUTE", 20, 1, 1_000_000))
                // HTTP edge (issue 10)
                .bodyDeadline(reader.duration("BODY_DEADLINE", "10s", false))
                // failover (issue 16)
                .dbStatementTimeout(reader.durationBetween("DB_STATEMENT_TIMEOUT", "5s",
                        Duration.ofMillis(100), Duration.ofMinutes(10)))
                // logs (issue 17)
                .logFormat(reader.oneOf("LOG_FORMAT", "auto", LogFormat.class))
                // metrics (issue 17)
                .stuckTradeAfter(reader.duration("STUCK_TRADE_AFTER", "15m", false))
                .ledgerCheckInterval(reader.duration("LEDGER_CHECK_INTERVAL", "6h", true))
                // rails (issue 12)
                .channelTimeout(reader.durationBetween("CHANNEL_TIMEOUT", "10s",
                        Duration.ofMillis(100), Duration.ofMinutes(2)))
                // web (issue 14)
                .webSessionIdle(reader.durationBetween("WEB_SESSION_IDLE", "30m", Duration.ofSeconds(1),
                        Duration.ofHours(24)))
                .webLoginFailuresPerMinute(reader.integer("WEB_LOGIN_FAILURES_PER_MINUTE", 10, 1, 1_000_000))
                .railRepoll(reader.durationBetween("RAIL_REPOLL", "60s", Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** True for a JDBC URL naming several hosts ({@code jdbc:postgresql://a:5432,b:5432/db}): failover, issue 16. */
    public static boolean multiHost(String jdbcUrl) {
        Matcher hosts = Pattern.compile("jdbc:postgresql://([^/?]*).*").matcher(jdbcUrl);
        return hosts.matches() && hosts.group(1).contains(",");
    }

    /**
     * The four-eyes limit for a manual adjustment in {@code currency} (scale-4 units), or null when no approval is
     * needed: {@code OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_<CURRENCY>} overrides the general limit.
     */
    public Long adjustmentApprovalLimitUnits(String currency) {
        Long specific = adjustmentApprovalLimitUnitsByCurrency.get(currency);
        return specific != null ? specific : adjustmentApprovalLimitUnits;
    }

    /** Parses "500ms", "2s", "10m", "3h", "1d". */
    static Duration parseDuration(String text) {
        Matcher match = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)").matcher(text.trim());
        if (!match.matches()) {
            return null;
        }
        long value = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "ms" -> Duration.ofMillis(value);
            case "s" -> Duration.ofSeconds(value);
            case "m" -> Duration.ofMinutes(value);
            case "h" -> Duration.ofHours(value);
            default -> Duration.ofDays(value);
        };
    }

    /** Collects the settings of a {@link Config}; start from {@link Config#builder()}. Not thread-safe. */
    public static final class Builder {
        private int httpPort;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private Path dataDir;
        private String adminToken;
        private Mode mode;
        private String masterKey;
        private String publicUrl;
        private List<Duration> notifySchedule;
        private Duration notifyConnectTimeout;
        private Duration notifyReadTimeout;
        private int notifyWorkers;
        private int notifyPerHostLimit;
        private Duration simulatorAutocomplete;
        private Duration timestampWindow;
        private int maxBodyBytes;
        private int dbPoolSize;
        private int settlementDelayDays;
        private Duration settlementInterval;
        private Map<String, Long> maxAmountUnits;
        private List<String> brandPrefixes;
        private Map<String, String> pathAliases;
        private Path countryDataDir;
        private List<Cidr> trustedProxies;
        private int notifyPerMerchantLimit;
        private Long adjustmentApprovalLimitUnits;
        private Map<String, Long> adjustmentApprovalLimitUnitsByCurrency;
        private int adminAuthFailuresPerMinute;
        private Duration bodyDeadline;
        private Duration dbStatementTimeout;
        private LogFormat logFormat;
        private Duration stuckTradeAfter;
        private Duration ledgerCheckInterval;
        private Duration channelTimeout;
        private Duration webSessionIdle;
        private int webLoginFailuresPerMinute;
        private Duration railRepoll;

        private Builder() {
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder dbUrl(String dbUrl) {
            this.dbUrl = dbUrl;
            return this;
        }

        public Builder dbUser(String dbUser) {
            this.dbUser = dbUser;
            return this;
        }

        public Builder dbPassword(String dbPassword) {
            this.dbPassword = dbPassword;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder masterKey(String masterKey) {
            this.masterKey = masterKey;
            return this;
        }

        public Builder publicUrl(String publicUrl) {
            this.publicUrl = publicUrl;
            return this;
        }

        public Builder notifySchedule(List<Duration> notifySchedule) {
            this.notifySchedule = notifySchedule;
            return this;
        }

        public Builder notifyConnectTimeout(Duration notifyConnectTimeout) {
            this.notifyConnectTimeout = notifyConnectTimeout;
            return this;
        }

        public Builder notifyReadTimeout(Duration notifyReadTimeout) {
            this.notifyReadTimeout = notifyReadTimeout;
            return this;
        }

        public Builder notifyWorkers(int notifyWorkers) {
            this.notifyWorkers = notifyWorkers;
            return this;
        }

        public Builder notifyPerHostLimit(int notifyPerHostLimit) {
            this.notifyPerHostLimit = notifyPerHostLimit;
            return this;
        }

        public Builder simulatorAutocomplete(Duration simulatorAutocomplete) {
            this.simulatorAutocomplete = simulatorAutocomplete;
            return this;
        }

        public Builder timestampWindow(Duration timestampWindow) {
            this.timestampWindow = timestampWindow;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder dbPoolSize(int dbPoolSize) {
            this.dbPoolSize = dbPoolSize;
            return this;
        }

        public Builder settlementDelayDays(int settlementDelayDays) {
            this.settlementDelayDays = settlementDelayDays;
            return this;
        }

        public Builder settlementInterval(Duration settlementInterval) {
            this.settlementInterval = settlementInterval;
            return this;
        }

        public Builder maxAmountUnits(Map<String, Long> maxAmountUnits) {
            this.maxAmountUnits = maxAmountUnits;
            return this;
        }

        public Builder brandPrefixes(List<String> brandPrefixes) {
            this.brandPrefixes = brandPrefixes;
            return this;
        }

        public Builder pathAliases(Map<String, String> pathAliases) {
            this.pathAliases = pathAliases;
            return this;
        }

        public Builder countryDataDir(Path countryDataDir) {
            this.countryDataDir = countryDataDir;
            return this;
        }

        public Builder trustedProxies(List<Cidr> trustedProxies) {
            this.trustedProxies = trustedProxies;
            return this;
        }

        public Builder notifyPerMerchantLimit(int notifyPerMerchantLimit) {
            this.notifyPerMerchantLimit = notifyPerMerchantLimit;
            return this;
        }

        public Builder adjustmentApprovalLimitUnits(Long adjustmentApprovalLimitUnits) {
            this.adjustmentApprovalLimitUnits = adjustmentApprovalLimitUnits;
            return this;
        }

        public Builder adjustmentApprovalLimitUnitsByCurrency(
                Map<String, Long> adjustmentApprovalLimitUnitsByCurrency) {
            this.adjustmentApprovalLimitUnitsByCurrency = adjustmentApprovalLimitUnitsByCurrency;
            return this;
        }

        public Builder adminAuthFailuresPerMinute(int adminAuthFailuresPerMinute) {
            this.adminAuthFailuresPerMinute = adminAuthFailuresPerMinute;
            return this;
        }

        public Builder bodyDeadline(Duration bodyDeadline) {
            this.bodyDeadline = bodyDeadline;
            return this;
        }

        public Builder dbStatementTimeout(Duration dbStatementTimeout) {
            this.dbStatementTimeout = dbStatementTimeout;
            return this;
        }

        public Builder logFormat(LogFormat logFormat) {
            this.logFormat = logFormat;
            return this;
        }

        public Builder stuckTradeAfter(Duration stuckTradeAfter) {
            this.stuckTradeAfter = stuckTradeAfter;
            return this;
        }

        public Builder ledgerCheckInterval(Duration ledgerCheckInterval) {
            this.ledgerCheckInterval = ledgerCheckInterval;
            return this;
        }

        public Builder channelTimeout(Duration channelTimeout) {
            this.channelTimeout = channelTimeout;
            return this;
        }

        public Builder webSessionIdle(Duration webSessionIdle) {
            this.webSessionIdle = webSessionIdle;
            return this;
        }

        public Builder webLoginFailuresPerMinute(int webLoginFailuresPerMinute) {
            this.webLoginFailuresPerMinute = webLoginFailuresPerMinute;
            return this;
        }

        public Builder railRepoll(Duration railRepoll) {
            this.railRepoll = railRepoll;
            return this;
        }

        public Config build() {
            return new Config(
                    httpPort, dbUrl, dbUser, dbPassword, dataDir, adminToken, mode, masterKey, publicUrl,
                    notifySchedule, notifyConnectTimeout, notifyReadTimeout, notifyWorkers, notifyPerHostLimit,
                    simulatorAutocomplete, timestampWindow, maxBodyBytes, dbPoolSize, settlementDelayDays,
                    settlementInterval, maxAmountUnits, brandPrefixes, pathAliases, countryDataDir, trustedProxies,
                    notifyPerMerchantLimit, adjustmentApprovalLimitUnits, adjustmentApprovalLimitUnitsByCurrency,
                    adminAuthFailuresPerMinute, bodyDeadline, dbStatementTimeout, logFormat, stuckTradeAfter,
                    ledgerCheckInterval, channelTimeout, webSessionIdle, webLoginFailuresPerMinute, railRepoll);
        }
    }

    private static final class Reader {
        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String text(String name, String fallback) {
            String value = env.get(PREFIX + name);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        ConfigException bad(String name, String value, String expected) {
            return new ConfigException(PREFIX + name + "=" + value + " is invalid: expected " + expected);
        }

        int integer(String name, int fallback, int min, int max) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw bad(name, value, "an integer from " + min + " to " + max);
        }

        <E extends Enum<E>> E oneOf(String name, String fallback, Class<E> type) {
            String value = text(name, fallback);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw bad(name, value, "one of " + String.join(", ", names));
        }

        Duration duration(String name, String fallback, boolean offAllowed) {
            String value = text(name, fallback);
            if (offAllowed && value.equalsIgnoreCase("off")) {
                return null;
            }
            Duration parsed = parseDuration(value);
            if (parsed == null || (!offAllowed && parsed.isZero())) {
                throw bad(name, value, "a duration like 500ms, 10s, 15m, 3h" + (offAllowed ? " or off" : ""));
            }
            return parsed;
        }

        /** A duration from {@code min} to {@code max} inclusive (failover, issue 16). */
        Duration durationBetween(String name, String fallback, Duration min, Duration max) {
            String value = text(name, fallback);
            Duration parsed = parseDuration(value);
            if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                throw bad(name, value, "a duration from " + min.toMillis() + "ms to " + max.toMinutes() + "m, like 5s");
            }
            return parsed;
        }

        /** The first path segments of the gateway's own routes, which a brand prefix may not take. */
        private static final Set<String> GATEWAY_PATHS = Set.of("admin", "cashier", "channels", "console", "docs",
                "health", "metrics", "openapi", "portal", "sandbox", "static", "voucher");

        /**
         * OPENPAYPRO_BRAND_PREFIXES=/v1/acmepay,/v2/other: white-label API family prefixes next to /v1/paypro; none
         * under a path of the gateway's own (its webhook and sandbox routes are matched before the merchant API).
         */
        List<String> brandPrefixes() {
            String value = text("BRAND_PREFIXES", "");
            List<String> prefixes = new ArrayList<>();
            for (String part : value.split(",")) {
                String prefix = part.trim();
                if (prefix.isEmpty()) {
                    continue;
                }
                if (!prefix.matches("(/[A-Za-z0-9_-]{1,40}){1,4}")) {
                    throw bad("BRAND_PREFIXES", value, "comma-separated path prefixes such as /v1/acmepay");
                }
                String first = prefix.substring(1).split("/")[0].toLowerCase(Locale.ROOT);
                if (GATEWAY_PATHS.contains(first)) {
                    throw bad("BRAND_PREFIXES", value, "path prefixes outside the gateway's own /" + first);
                }
                prefixes.add(prefix);
            }
            return List.copyOf(prefixes);
        }

        /** OPENPAYPRO_PATH_ALIASES=checkout=PAYIN,...: extra endpoint names for an operation, in every family. */
        Map<String, String> aliases() {
            String value = text("PATH_ALIASES", "checkout=PAYIN,disbursements=PAYOUT,payinSubmit=PAYIN_SUBMIT");
            Map<String, String> aliases = new java.util.LinkedHashMap<>();
            if (value.equalsIgnoreCase("off")) {
                return Map.of();
            }
            for (String part : value.split(",")) {
                String[] pair = part.trim().split("=");
                if (pair.length != 2 || !pair[0].trim().matches("[A-Za-z][A-Za-z0-9_-]{0,40}")
                        || !pair[1].trim().matches("PAYIN|PAYOUT|QUERY_PAYIN|QUERY_PAYOUT|BALANCE|ACCOUNT_VERIFY"
                        + "|VOUCHER|QUERY_BY_CODE|PAYIN_SUBMIT")) {
                    throw bad("PATH_ALIASES", value, "comma-separated name=OPERATION pairs such as checkout=PAYIN "
                            + "(operations: PAYIN, PAYOUT, QUERY_PAYIN, QUERY_PAYOUT, BALANCE, ACCOUNT_VERIFY, "
                            + "VOUCHER, QUERY_BY_CODE, PAYIN_SUBMIT), or off");
                }
                aliases.put(pair[0].trim(), pair[1].trim());
            }
            return Map.copyOf(aliases);
        }

        /** OPENPAYPRO_MAX_AMOUNT_BR=500000.00 lowers or raises one country's maximum request amount. */
        Map<String, Long> maxAmounts() {
            Map<String, Long> limits = new java.util.TreeMap<>();
            for (Map.Entry<String, String> entry : env.entrySet()) {
                Matcher key = Pattern.compile(PREFIX + "MAX_AMOUNT_([A-Z]{2})").matcher(entry.getKey());
                if (key.matches()) {
                    try {
                        long units = org.openpaypro.protocol.Amounts.parse(entry.getValue().trim(), 4);
                        if (units > 0) {
                            limits.put(key.group(1), units);
                            continue;
                        }
                    } catch (IllegalArgumentException ignored) {
                        // reported below
                    }
                    throw bad("MAX_AMOUNT_" + key.group(1), entry.getValue(),
                            "a positive decimal amount like 500000.00");
                }
            }
            return Map.copyOf(limits);
        }

        /** OPENPAYPRO_TRUSTED_PROXIES=10.0.0.0/8,::1: comma-separated IPv4/IPv6 CIDRs or addresses; empty: none. */
        List<Cidr> cidrs(String name) {
            String value = text(name, "");
            List<Cidr> cidrs = new ArrayList<>();
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                cidrs.add(Cidr.parse(part).orElseThrow(() -> bad(name, value,
                        "comma-separated IPv4/IPv6 CIDRs such as 10.0.0.0/8,fd00::/8 (address literals, no names)")));
            }
            return List.copyOf(cidrs);
        }

        /** A non-negative decimal amount in scale-4 units, e.g. 10000.00; unset is null. */
        Long approvalLimit(String name) {
            String value = text(name, null);
            if (value == null) {
                return null;
            }
            try {
                return org.openpaypro.protocol.Amounts.parse(value, 4);
            } catch (IllegalArgumentException e) {
                throw bad(name, value, "a decimal amount of at most 4 decimals such as 10000.00");
            }
        }

        /** OPENPAYPRO_ADJUSTMENT_APPROVAL_LIMIT_BRL=50000.00: the four-eyes limit for one currency. */
        Map<String, Long> approvalLimitsByCurrency() {
            Map<String, Long> limits = new java.util.TreeMap<>();
            String prefix = PREFIX + "ADJUSTMENT_APPROVAL_LIMIT_";
            for (String key : env.keySet()) {
                if (!key.startsWith(prefix)) {
                    continue;
                }
                String currency = key.substring(prefix.length());
                if (!currency.matches("[A-Z]{3}")) {
                    throw new ConfigException(key + " is invalid: expected " + prefix
                            + "<CURRENCY> with an upper-case ISO 4217 code such as " + prefix + "BRL");
                }
                Long limit = approvalLimit("ADJUSTMENT_APPROVAL_LIMIT_" + currency);
                if (limit != null) {
                    limits.put(currency, limit);
                }
            }
            return Map.copyOf(limits);
        }

        List<Duration> durations(String name, String fallback) {
            String value = text(name, fallback);
            List<Duration> list = new ArrayList<>();
            for (String part : value.split(",")) {
                Duration parsed = parseDuration(part);
                if (parsed == null) {
                    throw bad(name, value, "a comma-separated list of durations like 2s,5s,10s,30s,1h,3h,3h,3h");
                }
                list.add(parsed);
            }
            if (list.size() > 32) {
                throw bad(name, value, "at most 32 retry delays");
            }
            return List.copyOf(list);
        }
    }
}
