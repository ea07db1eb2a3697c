package org.openpaypro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openpaypro.testing.SeparateProcesses;
import org.openpaypro.testing.ServerProcess;

/** The real jar as a real process: start with no configuration, restart on the same data, refuse a second start. */
@SeparateProcesses
class ProcessIT {
    @Test
    void the_jar_keeps_merchants_across_restarts_and_refuses_a_second_start_on_the_same_data_dir() throws Exception {
        Path dataDir = Files.createTempDirectory("openpaypro-process");
        String merchantNo;
        try (ServerProcess first = ServerProcess.start(dataDir, Map.of())) {
            merchantNo = first.createMerchant().merchantNo();
            Process second = ServerProcess.launch(dataDir, Map.of("OPENPAYPRO_HTTP_PORT", "0"));
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(2);
            String error = new String(second.getErrorStream().readAllBytes());
            assertThat(error.trim()).startsWith("openpaypro: OPENPAYPRO_DATA_DIR=").contains("is in use by another")
                    .doesNotContain("\n").doesNotContain("Exception");
            first.stopGracefully();
        }
        try (ServerProcess again = ServerProcess.start(dataDir, Map.of())) {
            assertThat(again.admin("GET", "/admin/v1/merchants/" + merchantNo).status()).isEqualTo(200);
        }
    }

    @Test
    void a_bad_setting_stops_the_start_with_one_line() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("openpaypro-process");
        Process process = ServerProcess.launch(dataDir, Map.of("OPENPAYPRO_HTTP_PORT", "99999"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes()).trim())
                .isEqualTo("openpaypro: OPENPAYPRO_HTTP_PORT=99999 is invalid: expected an integer from 0 to 65535");
    }
}
