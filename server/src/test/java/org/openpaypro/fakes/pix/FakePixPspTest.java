package org.openpaypro.fakes.pix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake Pix PSP itself, checked against the examples of {@code openapi.yaml} and Efí's "Envio de Pix". */
class FakePixPspTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TXID = "7978c0c97ea847e78e8849634473c1f1";
    private static final String COB_BODY = """
            {"calendario":{"expiracao":3600},"devedor":{"cnpj":"12345678000195","nome":"Empresa de Serviços SA"},
             "valor":{"original":"37.00"},"chave":"%s","solicitacaoPagador":"Serviço realizado."}"""
            .formatted(FakePixPsp.PIX_KEY);

    private FakePixPsp psp;
    private HttpClient client;
    private HttpServer receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        psp = FakePixPsp.start();
        client = HttpClient.newBuilder().sslContext(psp.pki().clientContext()).build();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        psp.close();
        receiver.stop(0);
    }

    @Test
    void aClientWithoutACertificateIsRefusedDuringTheHandshake() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().sslContext(trustingOnly(psp)).build();
        assertThatThrownBy(() -> anonymous.send(HttpRequest.newBuilder(URI.create(psp.oauthUrl()))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        assertThat(psp.requests(FakePixPsp.Op.TOKEN, "")).isZero();
    }

    @Test
    void aTokenIsIssuedForTheClientCredentialsAndExpiresOnDemand() throws Exception {
        HttpResponse<String> token = tokenAnswer(FakePixPsp.CLIENT_SECRET);
        JsonNode body = JSON.readTree(token.body());
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokenAnswer("wrong").statusCode()).isEqualTo(401);
        String bearer = body.path("access_token").asText();
        assertThat(call("GET", "/cob/" + TXID, null, bearer).statusCode()).isEqualTo(404);
        psp.expireTokens();
        assertThat(call("GET", "/cob/" + TXID, null, bearer).statusCode()).isEqualTo(401);
    }

    @Test
    void aChargeIsCreatedActiveThenCompletedWithThePixReceivedAndNotified() throws Exception {
        String bearer = bearer();
        call("PUT", "/webhook/" + FakePixPsp.PIX_KEY,
                "{\"webhookUrl\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}", bearer);
        HttpResponse<String> created = call("PUT", "/cob/" + TXID, COB_BODY, bearer);
        JsonNode cob = JSON.readTree(created.body());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(cob.path("status").asText()).isEqualTo("ATIVA");
        assertThat(cob.path("valor").path("original").asText()).isEqualTo("37.00");
        assertThat(cob.path("pixCopiaECola").asText()).startsWith("000201").contains("br.gov.bcb.pix");
        assertThat(cob.path("loc").path("tipoCob").asText()).isEqualTo("cob");
        assertThat(psp.txidOfCode(cob.path("pixCopiaECola").asText())).contains(TXID);

        psp.payCharge(TXID, new BigDecimal("30.00"));
        JsonNode paid = JSON.readTree(call("GET", "/cob/" + TXID, null, bearer).body());
        assertThat(paid.path("status").asText()).isEqualTo("CONCLUIDA");
        assertThat(paid.path("pix").get(0).path("valor").asText()).isEqualTo("30.00");
        assertThat(paid.path("pix").get(0).path("endToEndId").asText()).hasSize(32);
        String hook = received.poll(10, TimeUnit.SECONDS);
        assertThat(hook).startsWith("/hook/pix ");
        assertThat(JSON.readTree(hook.substring(10)).path("pix").get(0).path("txid").asText()).isEqualTo(TXID);
        assertThat(psp.requests(FakePixPsp.Op.PUT_COB, TXID)).isEqualTo(1);
    }

    @Test
    void aChargeWithAnAmountOutsideTheSchemaGetsTheStandardProblem() throws Exception {
        HttpResponse<String> answer = call("PUT", "/cob/" + TXID, COB_BODY.replace("37.00", "37.0"), bearer());
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(problem.path("type").asText()).isEqualTo("https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida");
        assertThat(problem.path("violacoes").get(0).path("propriedade").asText()).isEqualTo("cob.valor.original");
    }

    @Test
    void aSendIsCreatedOnceAndARepeatedIdEnvioIsRefusedWithConflict() throws Exception {
        String bearer = bearer();
        call("PUT", "/webhook/" + FakePixPsp.PIX_KEY,
                "{\"webhookUrl\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}", bearer);
        String send = "{\"valor\":\"5.00\",\"pagador\":{\"chave\":\"" + FakePixPsp.PIX_KEY
                + "\"},\"favorecido\":{\"chave\":\"12345678909\"}}";
        HttpResponse<String> first = call("PUT", "/gn/pix/abc123", send, bearer);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("EM_PROCESSAMENTO");
        HttpResponse<String> again = call("PUT", "/gn/pix/abc123", send, bearer);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("nome").asText()).isEqualTo("id_envio_duplicado");
        String hook = received.poll(10, TimeUnit.SECONDS);
        JsonNode pix = JSON.readTree(hook.substring(10)).path("pix").get(0);
        assertThat(pix.path("gnExtras").path("idEnvio").asText()).isEqualTo("abc123");
        assertThat(pix.has("txid")).isFalse();
        JsonNode looked = JSON.readTree(call("GET", "/gn/pix/enviados/id-envio/abc123", null, bearer).body());
        assertThat(looked.path("status").asText()).isEqualTo("REALIZADO");
        assertThat(psp.sendsCreated("abc123")).isEqualTo(1);
        assertThat(psp.requests(FakePixPsp.Op.PUT_SEND, "abc123")).isEqualTo(2);
    }

    @Test
    void aSendFromAKeyWithoutWebhookIsRefusedAsEfiDoes() throws Exception {
        String send = "{\"valor\":\"5.00\",\"pagador\":{\"chave\":\"" + FakePixPsp.PIX_KEY
                + "\"},\"favorecido\":{\"chave\":\"12345678909\"}}";
        HttpResponse<String> answer = call("PUT", "/gn/pix/abc124", send, bearer());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(psp.sendsCreated("abc124")).isZero();
    }

    private String bearer() throws Exception {
        return JSON.readTree(tokenAnswer(FakePixPsp.CLIENT_SECRET).body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenAnswer(String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString(
                (FakePixPsp.CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(psp.oauthUrl())).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(psp.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustingOnly(FakePixPsp psp) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", psp.pki().caCertificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
