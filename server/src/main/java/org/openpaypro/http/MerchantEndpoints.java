package org.openpaypro.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpaypro.country.Countries;
import org.openpaypro.country.CountryProfile;
import org.openpaypro.country.Operation;
import org.openpaypro.protocol.Envelope;

/**
 * The merchant route table, built from the country profiles (DESIGN §8): every documented endpoint under its
 * country base path ({@code /brz-pay/v1/paypro/payin}) and under the bare family path ({@code /v1/paypro/payin}),
 * where the merchant's own country picks the profile. Routes only authenticate and dispatch. Thread-safe.
 */
public final class MerchantEndpoints {
    /** Executes one operation for an authenticated request and returns the envelope's {@code data}. */
    @FunctionalInterface
    public interface Handler {
        Object handle(CountryProfile profile, MerchantAuth.Authenticated request);
    }

    private final Countries countries;
    private final MerchantAuth auth;
    private final Map<Operation, Handler> handlers;

    public MerchantEndpoints(Countries countries, MerchantAuth auth, Map<Operation, Handler> handlers) {
        this.countries = countries;
        this.auth = auth;
        this.handlers = Map.copyOf(handlers);
    }

    /** Registers every path; returns path → description for the start-up log and docs. */
    public Map<String, String> register(Javalin app) {
        Map<String, String> bare = new LinkedHashMap<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (CountryProfile profile : countries.all()) {
            for (Map.Entry<String, Operation> endpoint : profile.endpoints().entrySet()) {
                if (!handlers.containsKey(endpoint.getValue())) {
                    continue;
                }
                String path = profile.family() + "/" + endpoint.getKey();
                String full = profile.basePath() + path;
                app.post(full, ctx -> serve(ctx, profile, endpoint.getKey()));
                paths.put(full, profile.code() + " " + endpoint.getValue());
                bare.put(path, endpoint.getKey());
            }
        }
        for (Map.Entry<String, String> path : bare.entrySet()) {
            app.post(path.getKey(), ctx -> serve(ctx, null, path.getValue()));
            paths.put(path.getKey(), "by merchant country");
        }
        return paths;
    }

    private void serve(Context ctx, CountryProfile pathProfile, String endpointName) {
        byte[] body = ctx.bodyAsBytes();
        MerchantAuth.Authenticated request = auth.authenticate(ctx.header("merchantNo"), ctx.header("Content-Type"),
                ctx.header("sign"), body, true);
        String country = request.merchant().country();
        if (pathProfile != null && !pathProfile.code().equals(country)) {
            throw Rejection.WRONG_COUNTRY_PATH.with(country, pathProfile.code());
        }
        CountryProfile profile = pathProfile != null ? pathProfile : countries.get(country);
        Operation operation = profile.endpoints().get(endpointName);
        if (operation == null || !handlers.containsKey(operation)) {
            throw Rejection.ENDPOINT_NOT_IN_COUNTRY.with(endpointName, country);
        }
        ctx.json(Envelope.ok(handlers.get(operation).handle(profile, request)));
    }
}
