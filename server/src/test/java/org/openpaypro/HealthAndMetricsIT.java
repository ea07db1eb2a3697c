package org.openpaypro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openpaypro.testing.TestGateway;

class HealthAndMetricsIT {
    private final TestGateway gateway = TestGateway.get();

    @Test
    void health_is_up_while_the_database_answers() {
        var answer = gateway.get("/health");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void metrics_are_exposed_in_prometheus_text_format() {
        var answer = gateway.get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void an_unknown_path_gets_404_json() {
        var answer = gateway.get("/nope");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").asText()).contains("/nope");
    }
}
