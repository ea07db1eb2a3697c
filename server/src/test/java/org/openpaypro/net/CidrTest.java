package org.openpaypro.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openpaypro.http.ClientAddress;

class CidrTest {
    private static byte[] ip(String text) {
        return Cidr.address(text).orElseThrow();
    }

    @Test
    void ipv4_and_ipv6_networks_contain_exactly_their_addresses() {
        Cidr v4 = Cidr.parse("203.0.113.7/24").orElseThrow();
        assertThat(v4.toString()).isEqualTo("203.0.113.0/24");
        assertThat(v4.contains(ip("203.0.113.255"))).isTrue();
        assertThat(v4.contains(ip("203.0.114.0"))).isFalse();
        assertThat(v4.contains(ip("::ffff:203.0.113.9"))).isTrue();
        Cidr v6 = Cidr.parse("2001:db8::/32").orElseThrow();
        assertThat(v6.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(v6.contains(ip("2001:db9::1"))).isFalse();
        assertThat(v6.contains(ip("203.0.113.7"))).isFalse();
        assertThat(Cidr.parse("::1").orElseThrow().contains(ip("[::1]"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").orElseThrow().contains(ip("127.0.0.2"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").orElseThrow().contains(ip("198.51.100.1"))).isTrue();
    }

    @Test
    void names_zones_and_malformed_text_are_not_cidrs() {
        for (String bad : List.of("", "localhost", "example.com", "203.0.113.0/33", "2001:db8::/129",
                "256.1.1.1", "1.2.3", "1.2.3.4/", "1.2.3.4/-1", "fe80::1%eth0", "01.2.3.4", "1.2.3.4/24/1",
                "::g", "1.2.3.4 5")) {
            assertThat(Cidr.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void x_forwarded_for_is_believed_only_from_a_trusted_proxy_and_read_from_the_right() {
        ClientAddress none = new ClientAddress(List.of());
        assertThat(none.resolve("127.0.0.1", "198.51.100.7").text()).isEqualTo("127.0.0.1");
        ClientAddress trusted = new ClientAddress(List.of(Cidr.parse("127.0.0.0/8").orElseThrow(),
                Cidr.parse("10.0.0.0/8").orElseThrow()));
        assertThat(trusted.resolve("127.0.0.1", "198.51.100.7").text()).isEqualTo("198.51.100.7");
        assertThat(trusted.resolve("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.1.2.3").text())
                .isEqualTo("198.51.100.7");
        assertThat(trusted.resolve("198.51.100.9", "203.0.113.1").text()).isEqualTo("198.51.100.9");
        assertThat(trusted.resolve("127.0.0.1", "evil.example, 10.1.2.3").text()).isEqualTo("10.1.2.3");
        assertThat(trusted.resolve("[0:0:0:0:0:0:0:1]", "198.51.100.7").text()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(trusted.resolve("127.0.0.1", null).text()).isEqualTo("127.0.0.1");
    }
}
