package org.openpaypro.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the web pages (no browser): keeps cookies, never follows redirects, posts forms, and reads
 * the CSRF token out of the last page. For the tests of headers, cookies and CSRF refusals. Not thread-safe.
 */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String origin;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;
    private String lastCsrf;

    public WebClient(String origin) {
        this.origin = origin;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String path) {
        return remember(send(HttpRequest.newBuilder(URI.create(origin + path)).GET().build()));
    }

    /** Posts the form fields as {@code application/x-www-form-urlencoded}, exactly as given (no token added). */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return remember(send(HttpRequest.newBuilder(URI.create(origin + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    /** Posts the fields with the CSRF token of the last page that carried one. */
    public HttpResponse<String> submit(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("csrf", lastCsrf);
        return post(path, withToken);
    }

    /** Logs in to the portal with email and password (GET the form, POST it). */
    public HttpResponse<String> logInToPortal(String email, String password) {
        get("/portal/login");
        return submit("/portal/login", Map.of("email", email, "password", password));
    }

    public String csrf() {
        return lastCsrf;
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            lastCsrf = matcher.group(1);
        }
        return response;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
