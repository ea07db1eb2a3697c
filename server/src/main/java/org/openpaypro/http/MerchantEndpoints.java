package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Endpoint;
import org.openpaypro.country.Operation;
import org.openpaypro.country.RequestSpec;
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

    private record Route(CountryProfile profile, String family, String name) {
    }

    private final Countries countries;
    private final MerchantAuth auth;
    private final Map<Operation, Handler> handlers;
    private final List<String> brandPrefixes;
    private final Map<String, Operation> aliases;

    public MerchantEndpoints(Countries countries, MerchantAuth auth, Map<Operation, Handler> handlers,
                             List<String> brandPrefixes, Map<String, Operation> aliases) {
        this.countries = countries;
        this.auth = auth;
        this.handlers = Map.copyOf(handlers);
        this.brandPrefixes = List.copyOf(brandPrefixes);
        this.aliases = Map.copyOf(aliases);
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
        routes.forEach((path, route) -> {
            app.post(path, ctx -> serve(ctx, route));
            table.put(path, route.profile() == null ? "by merchant country" : route.profile().code());
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
        MerchantAuth.Authenticated request = auth.authenticate(ctx.header("merchantNo"), ctx.header("Content-Type"),
                ctx.header("sign"), ctx.bodyAsBytes(), false, new MerchantAuth.Origin(ctx.method().name(), ctx.path(),
                        ctx.req().getRemoteAddr(), String.join(",", java.util.Collections.list(
                        ctx.req().getHeaders("X-Forwarded-For"))), ctx.header(HmacSignature.HEADER)));
        String country = request.merchant().country();
        if (route.profile() != null && !route.profile().code().equals(country)) {
            throw Rejection.WRONG_COUNTRY_PATH.with(country, route.profile().code());
        }
        CountryProfile profile = route.profile() != null ? route.profile() : countries.get(country);
        Endpoint endpoint = families(profile).contains(route.family()) ? resolve(profile, route.name()) : null;
        if (endpoint == null || !handlers.containsKey(endpoint.operation())) {
            throw Rejection.ENDPOINT_NOT_IN_COUNTRY.with(route.family() + "/" + route.name(), country);
        }
        auth.checkTimestamp(RequestSpec.text(request.body(), "timestamp"), endpoint.timestampRequired());
        ctx.json(Envelope.ok(handlers.get(endpoint.operation()).handle(profile, endpoint, request)));
    }

    private Endpoint resolve(CountryProfile profile, String name) {
        return profile.endpoint(name)
                .or(() -> aliases.containsKey(name) ? profile.preferred(aliases.get(name)) : java.util.Optional.empty())
                .orElse(null);
    }
}
