package org.openpaypro.trade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformTradeNoTest {

    @Test
    void sixteenBase36CharactersAndEveryCharacterOccurs() {
        Set<Character> seen = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String no = TradeService.newPlatformTradeNo();
            assertThat(no).matches("[0-9a-z]{16}");
            no.chars().forEach(c -> seen.add((char) c));
            numbers.add(no);
        }
        assertThat(seen).hasSize(36);
        assertThat(numbers).hasSize(2_000);
    }
}
