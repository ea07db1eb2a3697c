package org.openpaypro.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogLineEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void an_exception_with_a_multi_line_message_stays_one_json_line_with_the_mdc_and_the_stack_inside()
            throws Exception {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("openpaypro.test"), Level.ERROR,
                "failed on {}", new IllegalStateException("first line\nsecond \"line\"\u0000"),
                new Object[] {"/v1/paypro/payin\r\nforged: line"});
        event.setMDCPropertyMap(Map.of("requestId", "r-1", "merchantNo", "1234567890"));

        String line = new String(LogLineEncoder.jsonLine(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r")
                .doesNotContain("\u0000");
        JsonNode fields = JSON.readTree(line);
        assertThat(fields.get("level").asText()).isEqualTo("ERROR");
        assertThat(fields.get("logger").asText()).isEqualTo("openpaypro.test");
        assertThat(fields.get("message").asText()).isEqualTo("failed on /v1/paypro/payin\r\nforged: line");
        assertThat(fields.get("requestId").asText()).isEqualTo("r-1");
        assertThat(fields.get("merchantNo").asText()).isEqualTo("1234567890");
        assertThat(fields.get("stack").asText()).contains("IllegalStateException: first line\nsecond \"line\"")
                .contains("\tat org.openpaypro.logs.LogLineEncoderTest");
        assertThat(fields.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    }

    @Test
    void a_sane_request_id_is_kept_and_anything_else_is_replaced_by_a_new_random_one() {
        assertThat(RequestIds.acceptOrNew("abc-123_X.y")).isEqualTo("abc-123_X.y");
        assertThat(RequestIds.acceptOrNew("a".repeat(64))).isEqualTo("a".repeat(64));
        for (String bad : new String[] {null, "", "a".repeat(65), "has space", "line\nbreak", "quote\"", "ü"}) {
            assertThat(RequestIds.acceptOrNew(bad)).as(String.valueOf(bad)).matches("[0-9a-f]{32}");
        }
        assertThat(RequestIds.newId()).isNotEqualTo(RequestIds.newId());
    }

    @Test
    void the_log_format_names_parse_case_insensitively_and_blank_means_auto() {
        assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.AUTO);
        assertThat(LogFormat.parse(" ")).isEqualTo(LogFormat.AUTO);
        assertThat(LogFormat.parse("Json")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.parse("text")).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse("xml")).isNull();
    }

    @Test
    void the_start_up_line_written_outside_logback_has_the_same_shape_with_its_facts_as_fields() throws Exception {
        String line = LogLineEncoder.line("openpaypro.startup", "OpenPayPro started",
                Map.of("database", "embedded PostgreSQL, data in /x\n/pg (port 5)"));
        assertThat(line).doesNotContain("\n");
        JsonNode fields = JSON.readTree(line);
        assertThat(fields.get("logger").asText()).isEqualTo("openpaypro.startup");
        assertThat(fields.get("level").asText()).isEqualTo("INFO");
        assertThat(fields.get("message").asText()).isEqualTo("OpenPayPro started");
        assertThat(fields.get("database").asText()).isEqualTo("embedded PostgreSQL, data in /x\n/pg (port 5)");
        assertThat(fields.has("@timestamp")).isTrue();
    }
}
