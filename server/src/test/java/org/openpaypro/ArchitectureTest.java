package org.openpaypro;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md, enforced (issue 11). Reads the compiled main classes of the server; no database,
 * a few seconds.
 *
 * <p>How the classes are sorted (the decision the rules rest on):
 * <ul>
 *   <li><b>Features</b> are the packages under {@code org.openpaypro} ({@code trade}, {@code ledger}, {@code notify},
 *   ...); the root package holds only the composition root ({@code App}, {@code Main}, {@code Periodic}), which may
 *   depend on everything and on which nothing depends.</li>
 *   <li><b>Adapters</b> talk to a framework: HTTP ({@code ...Routes}, {@code ...Endpoints}, the packages {@code http},
 *   {@code admin}, {@code openapi}, {@code web}, {@code portal}, {@code console}), SQL ({@code ...Repository} and
 *   the package {@code db}), and the plumbing packages {@code json}, {@code logs}, {@code ops}, {@code config};
 *   rail connectors are adapters too (the sub-packages of {@code channel}).</li>
 *   <li><b>Services</b> ({@code ...Service}) and the few <b>transactional components</b> that act in their caller's
 *   transaction ({@link #TRANSACTIONAL}: they take a Jdbi {@code Handle} or open a transaction) may use Jdbi to
 *   hold transaction boundaries, but run no SQL themselves and import no Javalin, Jackson or {@code java.sql}.</li>
 *   <li><b>Domain</b> is everything else in a feature package: records, enums, rules and calculations. It imports
 *   no framework at all.</li>
 * </ul>
 * Thread-safe (stateless; the imported classes are read once).
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.openpaypro");

    /** Packages whose every class is an adapter or plumbing over a framework. */
    private static final String[] ADAPTER_PACKAGES = {"org.openpaypro", "org.openpaypro.http..",
        "org.openpaypro.admin..", "org.openpaypro.openapi..", "org.openpaypro.web..", "org.openpaypro.portal..",
        "org.openpaypro.console..", "org.openpaypro.reports..", "org.openpaypro.db..", "org.openpaypro.json..",
        "org.openpaypro.logs..", "org.openpaypro.ops..", "org.openpaypro.config..", "org.openpaypro.channel.*..",
        "org.openpaypro.protocol..", "org.openpaypro.sdk.."};

    /** Components outside the naming scheme that act in their caller's transaction (see the class comment). */
    private static final Set<String> TRANSACTIONAL = Set.of(
            "org.openpaypro.access.AuditLog", "org.openpaypro.access.Operators",
            "org.openpaypro.ledger.Ledger", "org.openpaypro.ledger.LedgerCheck",
            "org.openpaypro.merchant.MerchantUsers", "org.openpaypro.notify.NotifyDispatcher",
            "org.openpaypro.trade.PayoutWriter", "org.openpaypro.channel.Reconciler",
            "org.openpaypro.channel.Channels", "org.openpaypro.channel.Submitter",
            "org.openpaypro.channel.MeteredConnector", "org.openpaypro.channel.ChannelMetrics",
            "org.openpaypro.channel.TradeSubmissions", "org.openpaypro.channel.ChangeLog",
            "org.openpaypro.trade.ChannelCallbacks");

    private static final DescribedPredicate<JavaClass> ADAPTER = resideInAnyPackage(ADAPTER_PACKAGES)
            .or(outermostNameEndingWith("Routes", "Endpoints", "Repository"))
            .as("adapters");

    private static final DescribedPredicate<JavaClass> SERVICE = outermostNameEndingWith("Service")
            .or(DescribedPredicate.describe("transactional components",
                    (JavaClass javaClass) -> TRANSACTIONAL.contains(outermost(javaClass).getName())))
            .as("services");

    private static final String[] FRAMEWORKS = {"io.javalin..", "org.jdbi..", "com.fasterxml.jackson..", "java.sql..",
        "javax.sql.."};

    @Test
    void feature_packages_have_no_cycles() {
        slices().matching("org.openpaypro.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void domain_classes_import_no_framework_and_no_jdbc() {
        noClasses().that(not(ADAPTER)).and(not(SERVICE)).and().resideInAPackage("org.openpaypro..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as("domain classes (records, enums, rules) import no Javalin, Jdbi, Jackson or java.sql")
                .check(CLASSES);
    }

    @Test
    void services_hold_transactions_but_import_no_web_json_or_jdbc() {
        noClasses().that(SERVICE).and(not(ADAPTER))
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "com.fasterxml.jackson..",
                        "java.sql..", "javax.sql..")
                .check(CLASSES);
    }

    /**
     * No named exceptions. The package {@code reports} holds the read-only query objects of the portal and console
     * over several features' tables (trade search, CSV export, statistics), like the ledger check's snapshot.
     */
    @Test
    void only_repositories_and_the_db_package_run_sql() {
        noClasses().that(not(outermostNameEndingWith("Repository"))).and()
                .resideOutsideOfPackages("org.openpaypro.db..", "org.openpaypro.reports..")
                .should().callMethodWhere(runsSql())
                .check(CLASSES);
    }

    @Test
    void only_http_adapters_use_javalin() {
        noClasses().that().resideInAPackage("org.openpaypro..")
                .and(not(resideInAnyPackage("org.openpaypro", "org.openpaypro.http..", "org.openpaypro.admin..",
                        "org.openpaypro.openapi..", "org.openpaypro.web..", "org.openpaypro.portal..",
                        "org.openpaypro.console..", "org.openpaypro.reports..",
                        "org.openpaypro.channel.simulator.." /* the sandbox cashier page is an HTTP adapter */)))
                .and(not(outermostNameEndingWith("Routes", "Endpoints")))
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .check(CLASSES);
    }

    /**
     * A record that has a {@code Builder} (Config, Trade, NewTrade, Merchant, ChannelRecord, CountryProfile; issue 11)
     * is made through it: outside the record and its builder nobody calls its canonical constructor, whose long list
     * of adjacent values compiles just as well with two of them swapped.
     */
    @Test
    void records_with_a_builder_are_made_through_it() {
        noClasses().should().callConstructorWhere(DescribedPredicate.describe(
                        "the canonical constructor of a record with a builder, from outside the record",
                        (JavaConstructorCall call) -> {
                            JavaClass record = call.getTargetOwner();
                            return record.isRecord() && CLASSES.contain(record.getName() + "$Builder")
                                    && !outermost(call.getOriginOwner()).equals(record);
                        }))
                .check(CLASSES);
    }

    /** A statement sent to the database: Jdbi's Handle statements and scripts, or JDBC's. */
    private static DescribedPredicate<JavaAccess<?>> runsSql() {
        Set<String> jdbi = Set.of("createQuery", "createUpdate", "createCall", "createBatch", "prepareBatch",
                "createScript", "execute", "select");
        Set<String> jdbc = Set.of("prepareStatement", "prepareCall", "createStatement");
        return DescribedPredicate.describe("a method that runs SQL", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            return owner.equals("org.jdbi.v3.core.Handle") && jdbi.contains(name)
                    || owner.equals("java.sql.Connection") && jdbc.contains(name);
        });
    }

    /** Classes whose top-level class's name ends with a suffix (so a repository's lambdas and inner classes count). */
    private static DescribedPredicate<JavaClass> outermostNameEndingWith(String... suffixes) {
        return DescribedPredicate.describe("named ..." + String.join("/...", suffixes), (JavaClass javaClass) -> {
            String name = outermost(javaClass).getSimpleName();
            for (String suffix : suffixes) {
                if (name.endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        });
    }

    private static JavaClass outermost(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
