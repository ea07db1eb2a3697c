package org.openpaypro.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringMapTextIsWhatJacksonWrites() throws Exception {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            every.append(c);
        }
        Map<String, String> map = new LinkedHashMap<>();
        map.put("ascii", every.toString());
        map.put("unicode", "São Paulo — 北京 \u2028 \uD83D\uDE00 / <tag> &");
        map.put("empty", "");
        map.put("k\"ey\\", "v");
        map.put("none", null);
        assertThat(Json.stringMapText(map)).isEqualTo(Json.MAPPER.writeValueAsString(map));
        assertThat(Json.stringMapText(Map.of())).isEqualTo("{}");
        assertThat(Json.stringMap(Json.stringMapText(Map.of("a", "\u0001\n")))).isEqualTo(Map.of("a", "\u0001\n"));
    }

    @Test
    void aNullKeyIsRefused() {
        Map<String, String> map = new HashMap<>();
        map.put(null, "x");
        assertThatThrownBy(() -> Json.stringMapText(map)).isInstanceOf(IllegalArgumentException.class);
    }
}
