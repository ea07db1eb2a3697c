package org.openpaypro;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openpaypro.access.AuditLog;
import org.openpaypro.access.FailedAuthThrottle;
import org.openpaypro.access.Operators;
import org.openpaypro.admin.AdjustmentAdminRoutes;
import org.openpaypro.admin.ChannelAdminRoutes;
import org.openpaypro.admin.MerchantAccessRoutes;
import org.openpaypro.admin.MerchantAdminRoutes;
import org.openpaypro.admin.OperatorAdminRoutes;
import org.openpaypro.admin.ReportAdminRoutes;
import org.openpaypro.admin.TradeAdminRoutes;
import org.openpaypro.channel.ChannelAttemptRepository;
import org.openpaypro.channel.ChannelMetrics;
import org.openpaypro.channel.ChannelRepository;
import org.openpaypro.channel.ChannelService;
import org.openpaypro.channel.Channels;
import org.openpaypro.channel.ConnectorTypes;
import org.openpaypro.channel.CredentialBox;
import org.openpaypro.channel.Reconciler;
import org.openpaypro.channel.SubmissionRepository;
import org.openpaypro.channel.Submitter;
import org.openpaypro.channel.TradeSubmissions;
import org.openpaypro.channel.WebhookRoutes;
import org.openpaypro.channel.simulator.CashierGuard;
import org.openpaypro.channel.simulator.CashierRoutes;
import org.openpaypro.channel.simulator.SimulatorType;
import org.openpaypro.config.Config;
import org.openpaypro.config.Secrets;
import org.openpaypro.console.ConsoleRoutes;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryData;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Operation;
import org.openpaypro.db.DataDirLock;
import org.openpaypro.db.Database;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.http.ClientAddress;
import org.openpaypro.http.Http;
import org.openpaypro.http.HttpMetrics;
import org.openpaypro.http.MerchantAuth;
import org.openpaypro.http.MerchantEndpoints;
import org.openpaypro.http.ReplayGuard;
import org.openpaypro.ledger.Ledger;
import org.openpaypro.ledger.LedgerCheck;
import org.openpaypro.ledger.LedgerService;
import org.openpaypro.merchant.MerchantRepository;
import org.openpaypro.merchant.MerchantService;
import org.openpaypro.merchant.MerchantUsers;
import org.openpaypro.merchant.SecretBox;
import org.openpaypro.notify.CallbackSender;
import org.openpaypro.notify.NotificationRepository;
import org.openpaypro.notify.NotifyDispatcher;
import org.openpaypro.notify.NotifyUrlPolicy;
import org.openpaypro.openapi.AdminApiDocument;
import org.openpaypro.openapi.ApiDocsRoutes;
import org.openpaypro.openapi.MerchantApiDocument;
import org.openpaypro.ops.OpsMetrics;
import org.openpaypro.portal.PortalRoutes;
import org.openpaypro.reports.TradeSearch;
import org.openpaypro.settlement.SettlementService;
import org.openpaypro.trade.ChannelCallbacks;
import org.openpaypro.trade.Direction;
import org.openpaypro.trade.ExtraEndpoints;
import org.openpaypro.trade.TradeBacklogService;
import org.openpaypro.trade.TradeCallbackRepository;
import org.openpaypro.trade.TradeEndpoints;
import org.openpaypro.trade.TradeLedgerRules;
import org.openpaypro.trade.TradeRepository;
import org.openpaypro.trade.TradeService;
import org.openpaypro.trade.TradeSettlementService;
import org.openpaypro.web.Web;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part with {@code new}, starts them in order and stops them in reverse.
 * Tests start it in-process on port 0; {@link Main} starts it for real.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final DataDirLock lock;
    private final Database database;
    private final Javalin http;
    private final String adminToken;
    private final String adminTokenSource;
    private final List<AutoCloseable> workers = new ArrayList<>();

    private App(Config config) {
        this.config = config;
        this.lock = DataDirLock.acquire(config.dataDir());
        Database db = null;
        try {
            Path tokenFile = config.dataDir().resolve("admin-token");
            this.adminToken = config.adminToken() != null ? config.adminToken()
                    : Secrets.readOrCreate(tokenFile, App::newToken);
            this.adminTokenSource = config.adminToken() != null ? "from OPENPAYPRO_ADMIN_TOKEN" : "in " + tokenFile;
            String masterKey = config.masterKey() != null ? config.masterKey()
                    : Secrets.readOrCreate(config.dataDir().resolve("master.key"), SecretBox::newMasterKey);
            db = Database.open(config);
            this.database = db;
            this.http = wire(new SecretBox(masterKey), masterKey);
        } catch (RuntimeException e) {
            if (db != null) {
                db.close();
            }
            lock.close();
            throw e;
        }
    }

    public static App start(Config config) {
        App app = new App(config);
        app.http.start(config.httpPort());
        return app;
    }

    private Javalin wire(SecretBox secrets, String masterKey) {
        var jdbi = database.jdbi();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        Countries countries = new Countries(config.maxAmountUnits(), new CountryData(config.countryDataDir()));
        NotifyUrlPolicy notifyUrls = new NotifyUrlPolicy(config.sandbox());
        AuditLog auditLog = new AuditLog();
        Ledger ledger = new Ledger();
        MerchantService merchants = new MerchantService(jdbi, new MerchantRepository(secrets), Clock.systemUTC(),
                auditLog, ledger::openAccounts);
        LedgerService ledgerService = new LedgerService(jdbi, ledger, config::adjustmentApprovalLimitUnits);

        // rails (issue 12): channels and routes in the database; live mode offers no simulator (DESIGN §13)
        CredentialBox credentialBox = new CredentialBox() {
            @Override
            public byte[] seal(String plaintext, String name) {
                return secrets.seal(plaintext, "channel:" + name);
            }

            @Override
            public String open(byte[] sealed, String name) {
                return secrets.open(sealed, "channel:" + name);
            }
        };
        Channels channels = new Channels(jdbi, new ChannelRepository(), ConnectorTypes.available(config.sandbox(),
                new SimulatorType(config.publicUrl(), config.simulatorAutocomplete())), credentialBox,
                config.publicUrl(), config.sandbox(), config.channelTimeout(), metrics);
        ChannelService channelService = new ChannelService(jdbi, new ChannelRepository(), channels, credentialBox,
                countries.all().stream().map(CountryProfile::code).collect(Collectors.toSet()));
        if (config.sandbox()) {
            channelService.ensureSandboxDefaults();
        }
        SubmissionRepository submissionQueue = new SubmissionRepository();
        ChannelAttemptRepository channelAttempts = new ChannelAttemptRepository();
        TradeRepository tradeRepository = new TradeRepository();
        TradeService trades = new TradeService(jdbi, tradeRepository, ledger, channels,
                submissionQueue, channelAttempts, countries, config.settlementDelayDays());
        ChannelCallbacks tradeLink = new ChannelCallbacks(jdbi, tradeRepository, trades,
                id -> merchants.findById(id).map(m -> m.name()).orElse(""));
        SettlementService settlement = new SettlementService(jdbi, ledger, new TradeSettlementService(jdbi), merchants,
                metrics);
        Reconciler reconciler = new Reconciler(tradeLink, channels, config.railRepoll());
        workers.add(new Periodic("reconciler", Duration.ofMillis(500), reconciler::runOnce));
        // a lease outlasts two rail calls; four senders per node, more nodes add more (SKIP LOCKED)
        Submitter submitter = new Submitter(jdbi, submissionQueue, channels, tradeLink,
                config.channelTimeout().multipliedBy(2).plusSeconds(5));
        for (int i = 1; i <= 4; i++) {
            workers.add(new Periodic("payout-submitter-" + i, Duration.ofMillis(200), submitter::runOnce));
        }
        ChannelMetrics channelMetrics = new ChannelMetrics(jdbi, new ChannelRepository(), submissionQueue, metrics);
        workers.add(new Periodic("channel-metrics", Duration.ofSeconds(5), channelMetrics::refresh));
        workers.add(new Periodic("database-supervisor", Duration.ofSeconds(1), database::superviseEmbedded));
        workers.add(new Periodic("settlement", config.settlementInterval(), () -> settlement.run(Instant.now())));

        NotifyDispatcher.Settings notify = new NotifyDispatcher.Settings(config.notifySchedule(),
                config.notifyWorkers(), config.notifyPerHostLimit(), config.notifyPerMerchantLimit());
        CallbackSender callbacks = new CallbackSender(notifyUrls, config.notifyConnectTimeout(),
                config.notifyReadTimeout());
        NotifyDispatcher dispatcher = new NotifyDispatcher(jdbi, new NotificationRepository(),
                new TradeCallbackRepository(countries), merchants, callbacks, notify, metrics);
        trades.onFinished(dispatcher::wakeUp);
        dispatcher.start();
        workers.add(dispatcher);

        TradeEndpoints tradeEndpoints = new TradeEndpoints(trades, notifyUrls);
        Map<Operation, MerchantEndpoints.Handler> handlers = new EnumMap<>(Operation.class);
        handlers.put(Operation.PAYIN, tradeEndpoints.payin());
        handlers.put(Operation.PAYOUT, tradeEndpoints.payout());
        handlers.put(Operation.QUERY_PAYIN, tradeEndpoints.query(Direction.PAYIN));
        handlers.put(Operation.QUERY_PAYOUT, tradeEndpoints.query(Direction.PAYOUT));
        handlers.put(Operation.BALANCE, (profile, endpoint, request) ->
                ledgerService.balances(request.merchant().id()).amountFields());
        ExtraEndpoints extras = new ExtraEndpoints(trades, channels, merchants, countries, config.publicUrl(),
                SecretBox.derivedKey(masterKey, "voucher"));
        handlers.put(Operation.ACCOUNT_VERIFY, extras.accountVerify());
        handlers.put(Operation.VOUCHER, extras.voucher());
        handlers.put(Operation.QUERY_BY_CODE, extras.queryByCode());
        handlers.put(Operation.PAYIN_SUBMIT, extras.payinSubmit());

        Javalin app = Http.create(config.maxBodyBytes(), config.bodyDeadline());
        // metrics (issue 17): per-route timing, processing trades, database, ledger check runs (docs/OPERATIONS.md)
        HttpMetrics.register(app, metrics);
        // Javalin tries a method's routes in registration order, a regex per route that is not the request's path,
        // several times per request (issue 15): first the results of the rails (webhooks) and of the sandbox, two
        // patterns that no merchant path can match (Config refuses brand prefixes under /channels and /sandbox),
        // then the merchant API's 126 literal paths; the operator, web and docs routes come after
        LedgerCheck ledgerCheck = new LedgerCheck(jdbi, metrics, TradeLedgerRules.rules());
        TradeAdminRoutes tradeRoutes = new TradeAdminRoutes(ledgerService, trades, merchants, ledgerCheck, settlement,
                dispatcher, new TradeSubmissions(jdbi))
                .beforeSandboxPayout(no -> submitter.submitNow(no, config.channelTimeout().plusSeconds(5)));
        new WebhookRoutes(channels, tradeLink).register(app);
        if (config.sandbox()) {
            tradeRoutes.registerSandbox(app);
        }
        Map<String, Operation> aliases = new java.util.LinkedHashMap<>();
        config.pathAliases().forEach((alias, operation) -> aliases.put(alias, Operation.valueOf(operation)));
        ReplayGuard replays = new ReplayGuard(jdbi, config.timestampWindow());
        workers.add(new Periodic("seen-sign-cleanup", Duration.ofMinutes(1), replays::deleteExpired));
        new MerchantEndpoints(countries, new MerchantAuth(merchants, config.timestampWindow(),
                new ClientAddress(config.trustedProxies()), replays), handlers,
                config.brandPrefixes(), aliases).register(app);
        OpsMetrics ops = new OpsMetrics(new TradeBacklogService(jdbi), config.stuckTradeAfter(), metrics);
        workers.add(new Periodic("ops-metrics", OpsMetrics.REFRESH_INTERVAL, ops::refresh));
        OpsMetrics.bindDatabase(database::healthy, database.dataSource(), metrics);
        if (config.ledgerCheckInterval() != null) {
            workers.add(new Periodic("ledger-check", config.ledgerCheckInterval(), () -> logFailed(ledgerCheck.run())));
        }
        app.get("/health", ctx -> {
            boolean up = database.healthy();
            ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "DOWN", "database", up ? "up" : "down"));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        // access (issue 13): who calls /admin and /sandbox, and whether the route allows the caller's role
        Operators operators = new Operators(jdbi, auditLog);
        AdminAuth adminAuth = new AdminAuth(adminToken, operators,
                new FailedAuthThrottle(config.adminAuthFailuresPerMinute()));
        for (String path : config.sandbox() ? List.of("/admin/*", "/sandbox/*") : List.of("/admin/*")) {
            app.before(path, adminAuth::authenticate);
            app.beforeMatched(path, adminAuth::authorize);
        }
        new OperatorAdminRoutes(operators, jdbi, auditLog).register(app);
        new AdjustmentAdminRoutes(ledgerService).register(app);
        MerchantAdminRoutes merchantRoutes = new MerchantAdminRoutes(merchants, ledgerService, countries, notifyUrls);
        merchantRoutes.register(app);
        MerchantUsers merchantUsers = new MerchantUsers(jdbi, merchants, secrets, auditLog, Clock.systemUTC());
        new MerchantAccessRoutes(merchants, merchantUsers, merchantRoutes).register(app);
        tradeRoutes.register(app);
        // reports (issue 14): trade lists and exports shared by the operator API, the console and the portal
        TradeSearch tradeSearch = new TradeSearch(jdbi);
        new ReportAdminRoutes(tradeSearch, merchants).register(app);
        if (config.sandbox()) {
            byte[] cashierKey = SecretBox.derivedKey(masterKey, CashierGuard.CSRF_KEY_PURPOSE);
            new CashierRoutes(tradeLink, new CashierGuard(cashierKey, config.publicUrl())).register(app, true);
        }
        new ChannelAdminRoutes(channelService, channels, merchants, auditLog).register(app);
        extras.register(app);
        // web (issue 14): headers, CSRF, sessions and assets shared by the portal and the console; the portal
        Web web = new Web(jdbi, config, masterKey);
        web.register(app);
        workers.add(new Periodic("web-session-cleanup", Duration.ofMinutes(1), web.sessions()::deleteExpired));
        new PortalRoutes(web, merchantUsers, merchants, ledgerService, new PortalRoutes.Services(config, jdbi, auditLog,
                countries, notifyUrls, trades, dispatcher, tradeSearch)).register(app);
        // console (issue 14): the operator console on the same services as the operator API
        new ConsoleRoutes(web, new ConsoleRoutes.Services(jdbi, auditLog, operators, merchants, merchantUsers,
                ledgerService, ledgerCheck, settlement, trades, dispatcher, countries, notifyUrls, tradeSearch,
                config.sandbox())).register(app);
        // OpenAPI (issue 17): both documents generated from the route table, and the reference page
        new ApiDocsRoutes(() -> new MerchantApiDocument(countries, config.brandPrefixes(), aliases).build(),
                () -> new AdminApiDocument().build(routes())).register(app);
        return app;
    }

    public int port() {
        return http.port();
    }

    public String adminToken() {
        return adminToken;
    }

    /** Every registered HTTP route as {@code "METHOD /path/{param}"}, as Javalin holds it (access tests walk it). */
    public List<String> routes() {
        return http.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(io.javalin.router.ParsedEndpoint::getEndpoint)
                .filter(endpoint -> endpoint.getMethod().isHttpMethod())
                .map(endpoint -> endpoint.getMethod().name() + " " + endpoint.getPath())
                .toList();
    }

    public Database database() {
        return database;
    }

    public Config config() {
        return config;
    }

    /** The one block printed at start: where to reach the gateway and how to get in. */
    public String startupBanner() {
        StringBuilder banner = new StringBuilder("OpenPayPro started");
        startupFacts().forEach((label, value) -> banner.append(System.lineSeparator()).append("  ")
                .append(String.format("%-13s", label + ":")).append(value));
        return banner.toString();
    }

    /** The facts of the start-up block, label to value, in order (JSON logs write them as fields of one line). */
    public Map<String, String> startupFacts() {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("URL", "http://localhost:" + port() + "  (public URL " + config.publicUrl() + ")");
        facts.put("mode", config.mode().name().toLowerCase(java.util.Locale.ROOT));
        facts.put("database", database.description());
        facts.put("admin token", adminTokenSource);
        facts.put("data dir", config.dataDir().toString());
        facts.put("brands", config.brandPrefixes().isEmpty() ? "none (OPENPAYPRO_BRAND_PREFIXES)"
                : String.join(", ", config.brandPrefixes()) + " next to " + CountryProfile.DEFAULT_FAMILY);
        facts.put("aliases", config.pathAliases().isEmpty() ? "none (OPENPAYPRO_PATH_ALIASES)"
                : config.pathAliases().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ")));
        facts.put("country dir", config.countryDataDir() == null ? "built-in lists (OPENPAYPRO_COUNTRY_DATA_DIR)"
                : config.countryDataDir().toString());
        return facts;
    }

    /** Stops accepting, lets in-flight requests finish, stops workers, then the database. */
    @Override
    public void close() {
        http.stop();
        for (int i = workers.size() - 1; i >= 0; i--) {
            try {
                workers.get(i).close();
            } catch (Exception e) {
                log.warn("worker did not stop cleanly", e);
            }
        }
        database.close();
        lock.close();
    }

    private static void logFailed(LedgerCheck.Report report) {
        if (!report.ok()) {
            log.error("periodic ledger check failed: {}", report.violations());
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
