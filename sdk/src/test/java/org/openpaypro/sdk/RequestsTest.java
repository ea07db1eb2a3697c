package org.openpaypro.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void brazil_payin_has_cpf_identity_and_no_return_url() {
        PayinRequest request = PayinRequest.brazil("T1", "150", "Maria", "12345678909", "https://n", "r");

        assertThat(request.toFields()).containsExactly(
                Map.entry("tradeNo", "T1"), Map.entry("amount", "150"), Map.entry("name", "Maria"),
                Map.entry("identityType", "CPF"), Map.entry("userIdentity", "12345678909"),
                Map.entry("notifyUrl", "https://n"), Map.entry("remark", "r"));
        assertThat(request.extra()).isEmpty();
    }

    @Test
    void null_and_empty_optional_values_are_left_out() {
        PayinRequest request = new PayinRequest("T1", "1", "", null, null, "https://n", "", null, null);

        assertThat(request.toFields()).containsOnlyKeys("tradeNo", "amount", "notifyUrl");
    }

    @Test
    void with_extra_and_with_return_url_return_copies_and_leave_the_original_alone() {
        PayinRequest original = PayinRequest.brazil("T1", "150", "Maria", "12345678909", "https://n", "r");

        PayinRequest indonesian = original.withExtra("channelCode", "EWALLET").withExtra("wayCode", "DANA")
                .withExtra("mobile", "");
        PayinRequest withReturn = original.withReturnUrl("https://merchant/done");

        assertThat(indonesian.toFields()).containsEntry("channelCode", "EWALLET").containsEntry("wayCode", "DANA")
                .doesNotContainKey("mobile");
        assertThat(withReturn.toFields()).containsEntry("returnUrl", "https://merchant/done");
        assertThat(original.toFields()).doesNotContainKeys("channelCode", "wayCode", "returnUrl");
        assertThat(original.extra()).isEmpty();
    }

    @Test
    void extra_map_is_copied_so_later_changes_of_the_caller_map_do_not_leak_in() {
        Map<String, String> extra = new HashMap<>();
        extra.put("channelCode", "VA");
        PayinRequest request = new PayinRequest("T1", "1", null, null, null, null, null, null, extra);

        extra.put("wayCode", "BCA");

        assertThat(request.extra()).containsOnlyKeys("channelCode");
        assertThatThrownBy(() -> request.extra().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void extra_may_not_set_a_component_field_or_the_sign() {
        PayinRequest payin = PayinRequest.brazil("T1", "150", "Maria", "12345678909", "https://n", "r");
        PayoutRequest payout = PayoutRequest.brazilPix("T2", "300", "abc", "a@b.c", "1", "CPF", "1", "CPF", "1",
                "https://n", "r");

        assertThatThrownBy(() -> payin.withExtra("amount", "999"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
        assertThatThrownBy(() -> payin.withExtra("sign", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sign");
        assertThatThrownBy(() -> payout.withExtra("bankNumber", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bankNumber");
    }

    @Test
    void trade_number_and_amount_are_required() {
        assertThatThrownBy(() -> PayinRequest.brazil(null, "1", "n", "c", "u", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tradeNo");
        assertThatThrownBy(() -> PayoutRequest.brazilPix("T1", " ", "n", "e", "m", "CPF", "1", "CPF", "1", "u", "r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    }

    @Test
    void brazil_pix_payout_carries_every_field_of_spec_section_3_2_plus_extras() {
        PayoutRequest request = PayoutRequest.brazilPix("123231222", "300", "abc", "abc@xx.com", "123456789",
                "CPF", "10094038292", "CPF", "18171847084", "xxxxxx", "000000").withExtra("bankCode", "0002");

        assertThat(request.toFields()).containsOnly(
                Map.entry("tradeNo", "123231222"), Map.entry("amount", "300"), Map.entry("name", "abc"),
                Map.entry("email", "abc@xx.com"), Map.entry("mobile", "123456789"), Map.entry("bankType", "CPF"),
                Map.entry("bankNumber", "10094038292"), Map.entry("identityType", "CPF"),
                Map.entry("userIdentity", "18171847084"), Map.entry("notifyUrl", "xxxxxx"),
                Map.entry("remark", "000000"), Map.entry("bankCode", "0002"));
    }
}
