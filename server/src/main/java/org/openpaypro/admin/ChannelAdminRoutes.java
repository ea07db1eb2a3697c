package org.openpaypro.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openpaypro.access.Actor;
import org.openpaypro.access.AuditLog;
import org.openpaypro.channel.ChangeLog;
import org.openpaypro.channel.ChannelRecord;
import org.openpaypro.channel.ChannelService;
import org.openpaypro.channel.Channels;
import org.openpaypro.channel.RouteEntry;
import org.openpaypro.error.AdminError;
import org.openpaypro.http.AdminAuth;
import org.openpaypro.merchant.Merchant;
import org.openpaypro.merchant.MerchantService;

/**
 * The operator API for channels and routing (DESIGN §13, fixed contract): create, list, read and change channels,
 * register a channel's webhook on its rail, replace a country's route or a merchant's override. Credentials are
 * write-only: an answer lists only which ones are set. Thin: parsing here, rules in {@link ChannelService}.
 * Thread-safe.
 */
public final class ChannelAdminRoutes {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "type", "countries", "operations", "config",
            "credentials");
    private static final Set<String> CHANGE_FIELDS = Set.of("config", "credentials", "status");
    private static final int MAX_VALUE_LENGTH = 32_768; // fits a PKCS#12 in base64, and inside the body limit

    private final ChannelService service;
    private final Channels channels;
    private final MerchantService merchants;
    private final AuditLog audit;

    public ChannelAdminRoutes(ChannelService service, Channels channels, MerchantService merchants, AuditLog audit) {
        this.service = service;
        this.channels = channels;
        this.merchants = merchants;
        this.audit = audit;
    }

    public void register(Javalin app) {
        app.post("/admin/v1/channels", this::create);
        app.get("/admin/v1/channels", ctx -> ctx.json(Map.of("channels", service.list().stream().map(this::view)
                .toList())));
        app.get("/admin/v1/channels/{name}", ctx -> ctx.json(view(service.get(ctx.pathParam("name")))));
        app.patch("/admin/v1/channels/{name}", this::change);
        app.post("/admin/v1/channels/{name}/register-webhook", this::registerWebhook);
        app.put("/admin/v1/routing/{country}/{operation}", this::countryRoute);
        app.put("/admin/v1/merchants/{merchantNo}/routing/{operation}", this::merchantRoute);
    }

    private void create(Context ctx) {
        JsonNode body = object(ctx, CREATE_FIELDS);
        ChannelRecord channel = service.create(new ChannelService.NewChannel(text(body, "name"), text(body, "type"),
                texts(body, "countries"), texts(body, "operations"), settings(body, "config", false),
                settings(body, "credentials", false)), changeLog(ctx));
        ctx.status(201).json(view(channel));
    }

    private void change(Context ctx) {
        JsonNode body = object(ctx, CHANGE_FIELDS);
        Boolean enabled = null;
        if (body.has("status")) {
            String status = body.path("status").asText("");
            if (!status.equals("ENABLED") && !status.equals("DISABLED")) {
                throw AdminError.CHANNEL_STATUS_UNKNOWN.with();
            }
            enabled = status.equals("ENABLED");
        }
        ChannelRecord channel = service.change(ctx.pathParam("name"), new ChannelService.ChannelChange(
                body.has("config") ? settings(body, "config", true) : null,
                body.has("credentials") ? settings(body, "credentials", true) : null, enabled), changeLog(ctx));
        ctx.json(view(channel));
    }

    private void registerWebhook(Context ctx) {
        String name = ctx.pathParam("name");
        boolean registered = service.registerWebhook(name, changeLog(ctx));
        ctx.json(Map.of("webhookUrl", channels.webhookUrl(service.get(name)), "registered", registered));
    }

    private void countryRoute(Context ctx) {
        String country = ctx.pathParam("country");
        String operation = ctx.pathParam("operation");
        List<RouteEntry> entries = service.route(country, null, operation, entries(ctx), changeLog(ctx));
        ctx.json(routeView("country", country, operation, entries));
    }

    private void merchantRoute(Context ctx) {
        String merchantNo = ctx.pathParam("merchantNo");
        Merchant merchant = merchants.find(merchantNo)
                .orElseThrow(() -> AdminError.MERCHANT_NOT_FOUND.with(merchantNo));
        String operation = ctx.pathParam("operation");
        List<RouteEntry> entries = service.route(merchant.country(), merchant.id(), operation, entries(ctx),
                changeLog(ctx));
        ctx.json(routeView("merchantNo", merchantNo, operation, entries));
    }

    private static Map<String, Object> routeView(String ownerKey, String owner, String operation,
                                                 List<RouteEntry> entries) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(ownerKey, owner);
        view.put("operation", operation);
        view.put("channels", entries.stream().map(e -> Map.of("name", e.channel(), "weight", e.weight())).toList());
        return view;
    }

    private static List<RouteEntry> entries(Context ctx) {
        JsonNode body = object(ctx, Set.of("channels"));
        JsonNode list = body.get("channels");
        if (list == null || !list.isArray()) {
            throw AdminError.ROUTE_NOT_A_LIST.with();
        }
        List<RouteEntry> entries = new ArrayList<>();
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.path("name").isTextual() || !entry.path("weight").canConvertToInt()
                    || !entry.path("weight").isIntegralNumber() || entry.size() != 2) {
                throw AdminError.ROUTE_ENTRY_MALFORMED.with();
            }
            entries.add(new RouteEntry(entry.get("name").asText(), entry.get("weight").asInt()));
        }
        return entries;
    }

    private ChangeLog changeLog(Context ctx) {
        Actor actor = AdminAuth.actor(ctx);
        return (handle, action, target, summary) -> audit.write(handle, actor, action, target, summary);
    }

    Map<String, Object> view(ChannelRecord channel) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", channel.name());
        view.put("type", channel.type());
        view.put("countries", channel.countries());
        view.put("operations", channel.operations());
        view.put("config", channel.config());
        view.put("credentialsSet", channel.credentialNames());
        view.put("status", channel.enabled() ? "ENABLED" : "DISABLED");
        view.put("webhookUrl", channels.webhookUrl(channel));
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("lastSuccessAt", channel.lastSuccessAt() == null ? null : channel.lastSuccessAt().toString());
        health.put("lastErrorAt", channel.lastErrorAt() == null ? null : channel.lastErrorAt().toString());
        health.put("lastError", channel.lastError());
        health.put("errorCount", channel.errorCount());
        view.put("health", health);
        view.put("createdAt", channel.createdAt() == null ? null : channel.createdAt().toString());
        return view;
    }

    private static JsonNode object(Context ctx, Set<String> allowed) {
        return AdminBody.parse(ctx.bodyAsBytes(), allowed).node();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw AdminError.TEXT_REQUIRED.with(field);
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isArray()) {
            throw AdminError.TEXTS_REQUIRED.with(field);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw AdminError.TEXTS_REQUIRED.with(field);
            }
            texts.add(item.asText());
        }
        return texts;
    }

    /** An object of text, number or boolean values (kept as text); null values only where a change removes a key. */
    private static Map<String, String> settings(JsonNode body, String field, boolean nullRemoves) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw AdminError.SETTINGS_NOT_AN_OBJECT.with(field);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode item = entry.getValue();
            if (item.isNull() && nullRemoves) {
                settings.put(entry.getKey(), null);
            } else if (item.isTextual() || item.isNumber() || item.isBoolean()) {
                String text = item.asText();
                if (text.length() > MAX_VALUE_LENGTH) {
                    throw AdminError.SETTING_TOO_LONG.with(field, entry.getKey(), MAX_VALUE_LENGTH);
                }
                settings.put(entry.getKey(), text);
            } else {
                throw AdminError.SETTING_NOT_SCALAR.with(field, entry.getKey());
            }
        }
        return settings;
    }
}
