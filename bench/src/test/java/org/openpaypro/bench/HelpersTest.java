package org.openpaypro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpersTest {
    @Test
    void a_field_of_an_answer_is_the_first_real_key() {
        assertThat(Calls.field("{\"msg\":\"\\\"code\\\":\\\"9\\\"\",\"code\":\"8000\"}", "code")).isEqualTo("8000");
        assertThat(Calls.field("{\"code\": \"0000\"}", "code")).isEqualTo("0000");
        assertThat(Calls.field("{\"code\":null}", "code")).isNull();
        assertThat(Calls.field("{}", "code")).isNull();
    }

    @Test
    void raw_http_reads_a_chunked_body() throws Exception {
        byte[] wire = "4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(new String(RawHttpConnection.readChunked(new ByteArrayInputStream(wire)), StandardCharsets.UTF_8))
                .isEqualTo("Wikipedia ");
    }

    @Test
    void proc_stat_fields_count_from_the_last_parenthesis() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 731 129 5 7 20 0 40 0 1 2 3";

        assertThat(ProcStats.parseStat(stat)).containsExactly(1, 731, 129, 5, 7);
    }

    @Test
    void a_metric_is_the_sum_of_its_matching_samples() {
        String metrics = String.join("\n",
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1.048576E7",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2097152.0",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.9E7",
                "openpaypro_payout_submissions{state=\"QUEUED\"} 12.0");

        assertThat(Calls.metric(metrics, "jvm_memory_used_bytes{", "area=\"heap\"")).isEqualTo(12_582_912.0);
        assertThat(Calls.metric(metrics, "openpaypro_payout_submissions{", "QUEUED")).isEqualTo(12.0);
        assertThat(Calls.metric(metrics, "openpaypro_payout_submissions{", "SENDING")).isEqualTo(-1);
    }

    @Test
    void pgbench_output_gives_the_tps_or_the_first_error() {
        Psql.Ceiling ok = Psql.parse("number of failed transactions: 0 (0.000%)\n"
                + "tps = 1547.189273 (without initial connection time)\n", "", 0);
        Psql.Ceiling failed = Psql.parse("", "pgbench: error: client 0 aborted in command 3\n", 2);

        assertThat(ok.tps()).isEqualTo(1547.189273);
        assertThat(ok.problem()).isNull();
        assertThat(failed.tps()).isNaN();
        assertThat(failed.problem()).contains("client 0 aborted");
    }

    @Test
    void merchant_layout_accepts_evenly_spaced_ids_only() {
        Map<String, long[]> accounts = new LinkedHashMap<>();
        accounts.put("AVAILABLE", new long[] {1, 4, 7});
        accounts.put("FROZEN", new long[] {2, 5, 8});
        accounts.put("UNSETTLED", new long[] {3, 6, 9});

        assertThat(MerchantLayout.check(new long[] {1, 2, 3}, accounts)).isNull();
        assertThat(MerchantLayout.check(new long[] {1, 2, 4}, accounts)).contains("merchant ids");
        accounts.put("FROZEN", new long[] {2, 5, 10});
        assertThat(MerchantLayout.check(new long[] {1, 2, 3}, accounts)).contains("FROZEN");
        assertThat(MerchantLayout.platformVariable("CHANNEL_CLEARING", "SIMULATOR", "BRL"))
                .isEqualTo("plat_channel_clearing_simulator_brl");
        assertThat(MerchantLayout.platformVariable("FEES", "", "BRL ")).isEqualTo("plat_fees_brl");
    }
}
