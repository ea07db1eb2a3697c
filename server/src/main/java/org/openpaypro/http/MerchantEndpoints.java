package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Endpoint;
import org.openpaypro.country.Operation;
import org.openpaypro.country.RequestSpec;
import org.openpaypro.error.ApiException;
import org.openpaypro.error.Rejection;
import org.openpaypro.logs.RequestIds;
import org.openpaypro.protocol.Codes;
import org.openpaypro.protocol.Envelope;
import org.openpaypro.protocol.HmacSignature;

/**
 * The merchant route table, built from the country profiles (DESIGN §8): every documented endpoint under its
 * country base path ({@code /brz-pay/v1/paypro/payin}) and under the bare family path ({@code /v1/paypro/payin}),
 * where the merchant's own country picks the profile. White-label operators add brand prefixes (next to
 * {@code /v1/paypro}) and operation aliases ({@code checkout} = pay-in) by configuration. Routes only authenticate,
 * resolve the endpoint and dispatch. Thread-safe.
 */
public final class MerchantEndpoints {
    /** Executes one operation for an authenticated request and returns the envelope's {@code data}. */
    @FunctionalInterface
    public interface Handler {
        Object handle(CountryProfile profile, Endpoint endpoint, MerchantAuth.Authenticated request);
    }

    /** The operations that only read an order's state, where {@code 8000} could be mistaken for its outcome. */
    private static final Set<Operation> QUERIES = java.util.EnumSet.of(Operation.QUERY_PAYIN,
            Operation.QUERY_PAYOUT, Operation.QUERY_BY_CODE);

    private record Route(CountryProfile profile, String family, String name) {
    }

    private final Countries countries;
    private final MerchantAuth auth;
    private final Map<Operation, Handler> handlers;
    private final List<String> brandPrefixes;
    private final Map<String, Operation> aliases;
    private final Set<String> queryNames;

    public MerchantEndpoints(Countries countries, MerchantAuth auth, Map<Operation, Handler> handlers,
                             List<String> brandPrefixes, Map<String, Operation> aliases) {
        this.countries = countries;
        this.auth = auth;
        this.handlers = Map.copyOf(handlers);
        this.brandPrefixes = List.copyOf(brandPrefixes);
        this.aliases = Map.copyOf(aliases);
        this.queryNames = queryNames();
    }

    /** Registers every path; returns path → what serves it, for the docs and tests. */
    public Map<String, String> register(Javalin app) {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (CountryProfile profile : countries.all()) {
            for (String family : families(profile)) {
                for (String name : names(profile)) {
                    String path = family + "/" + name;
                    routes.put(profile.basePath() + path, new Route(profile, family, name));
                    routes.putIfAbsent(path, new Route(null, family, name));
                }
            }
        }
        Map<String, String> table = new LinkedHashMap<>();
        routes.forEach((path, route) -> table.put(path, route.profile() == null ? "by merchant country"
                : route.profile().code()));
        // Javalin tries the routes of a method in registration order, a regex each, several times per request:
        // the paths without a country prefix (what most clients call) first; the paths are literals, so the order
        // changes no match
        routes.forEach((path, route) -> {
            if (route.profile() == null) {
                app.post(path, ctx -> serve(ctx, route));
            }
        });
        routes.forEach((path, route) -> {
            if (route.profile() != null) {
                app.post(path, ctx -> serve(ctx, route));
            }
        });
        return table;
    }

    private List<String> families(CountryProfile profile) {
        if (!profile.family().equals(CountryProfile.DEFAULT_FAMILY)) {
            return List.of(profile.family());
        }
        List<String> families = new java.util.ArrayList<>(List.of(profile.family()));
        families.addAll(brandPrefixes);
        return families;
    }

    private List<String> names(CountryProfile profile) {
        List<String> names = new java.util.ArrayList<>();
        profile.endpoints().forEach(endpoint -> names.add(endpoint.name()));
        aliases.forEach((alias, operation) -> {
            if (profile.preferred(operation).isPresent() && !names.contains(alias)) {
                names.add(alias);
            }
        });
        return names;
    }

    private void serve(Context ctx, Route route) {
        MerchantAuth.Authenticated request;
        try {
            request = auth.authenticate(ctx.header("merchantNo"), ctx.header("Content-Type"), ctx.header("sign"),
                    ctx.bodyAsBytes(), false, new MerchantAuth.Origin(ctx.method().name(), ctx.path(),
                            ctx.req().getRemoteAddr(), String.join(",", java.util.Collections.list(
                            ctx.req().getHeaders("X-Forwarded-For"))), ctx.header(HmacSignature.HEADER)));
        } catch (ApiException refusal) {
            throw queryNames.contains(route.name()) ? onQuery(refusal) : refusal;
        }
        RequestIds.merchant(request.merchant().merchantNo());
        String country = request.merchant().country();
        if (route.profile() != null && !route.profile().code().equals(country)) {
            throw Rejection.WRONG_COUNTRY_PATH.with(country, route.profile().code());
        }
        CountryProfile profile = route.profile() != null ? route.profile() : countries.get(country);
        Endpoint endpoint = families(profile).contains(route.family()) ? resolve(profile, route.name()) : null;
        if (endpoint == null || !handlers.containsKey(endpoint.operation())) {
            throw Rejection.ENDPOINT_NOT_IN_COUNTRY.with(route.family() + "/" + route.name(), country);
        }
        checkTimestamp(request, endpoint);
        Object answer = handlers.get(endpoint.operation()).handle(profile, endpoint, request);
        if (answer instanceof Map<?, ?> fields && fields.get("platFormTradeNo") instanceof String tradeNo) {
            RequestIds.trade(tradeNo); // in the access line and any later line of this request
        }
        HttpMetrics.envelopeCode(ctx, Codes.ACCEPTED);
        Http.answerJson(ctx, Envelope.ok(answer));
    }

    /**
     * On a query, a retryable refusal about the request rather than the order (the timestamp window) answers
     * {@code 5000}: a client reading {@code 8000} on a query as the order's final fate would otherwise fail an order
     * that may still be processing (issue 10, docs/OPERATIONS.md "Refusals on queries").
     */
    private void checkTimestamp(MerchantAuth.Authenticated request, Endpoint endpoint) {
        try {
            auth.checkTimestamp(RequestSpec.text(request.body(), "timestamp"), endpoint.timestampRequired());
        } catch (ApiException refusal) {
            throw QUERIES.contains(endpoint.operation()) ? onQuery(refusal) : refusal;
        }
    }

    private static ApiException onQuery(ApiException refusal) {
        return refusal.rejection().retryable() && refusal.rejection().code().equals(Codes.REJECTED)
                ? Rejection.QUERY_NOT_LOOKED_UP.with(refusal.getMessage()) : refusal;
    }

    /** The endpoint names (and aliases) that are a query in some country: a name is a query wherever it exists. */
    private Set<String> queryNames() {
        Set<String> names = new HashSet<>();
        for (CountryProfile profile : countries.all()) {
            profile.endpoints().stream().filter(endpoint -> QUERIES.contains(endpoint.operation()))
                    .forEach(endpoint -> names.add(endpoint.name()));
        }
        aliases.forEach((alias, operation) -> {
            if (QUERIES.contains(operation)) {
                names.add(alias);
            }
        });
        return Set.copyOf(names);
    }

    private Endpoint resolve(CountryProfile profile, String name) {
        return profile.endpoint(name)
                .or(() -> aliases.containsKey(name) ? profile.preferred(aliases.get(name)) : java.util.Optional.empty())
                .orElse(null);
    }
}
