package org.openpaypro.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openpaypro.notify.NotifyUrlPolicy.Target;
import org.openpaypro.notify.NotifyUrlPolicy.Verdict;

/** The live-mode URL policy with a stub resolver: nothing here resolves a real name or opens a connection. */
class NotifyUrlPolicyTest {
    private final List<String> lookups = new ArrayList<>();

    private NotifyUrlPolicy live(Map<String, String> names, Set<String> own) {
        return new NotifyUrlPolicy(false, host -> resolveStub(names, host), () -> own);
    }

    private NotifyUrlPolicy live(Map<String, String> names) {
        return live(names, Set.of());
    }

    private InetAddress[] resolveStub(Map<String, String> names, String host) throws UnknownHostException {
        lookups.add(host);
        String address = names.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }

    private static byte[] last(SpecialAddresses.Block block) {
        byte[] bytes = block.prefix().clone();
        for (int bit = block.bits(); bit < bytes.length * 8; bit++) {
            bytes[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return bytes;
    }

    @Test
    void the_first_and_last_address_of_every_iana_special_purpose_block_is_refused_in_live_mode() throws Exception {
        List<SpecialAddresses.Block> all = new ArrayList<>(SpecialAddresses.IPV4);
        all.addAll(SpecialAddresses.IPV6);
        assertThat(all).hasSize(27 + 28);
        for (SpecialAddresses.Block block : all) {
            for (byte[] bytes : List.of(block.prefix(), last(block))) {
                String address = InetAddress.getByAddress(bytes).getHostAddress();
                Target target = live(Map.of("special.example", address)).resolve("https://special.example/n");
                assertThat(target.verdict()).as(block.cidr() + " " + address).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
                assertThat(target.address()).isNull();
                assertThat(target.reason()).as(address).contains(address);
            }
        }
    }

    @Test
    void a_refusal_names_the_most_specific_registry_entry() {
        assertThat(live(Map.of("a.example", "198.19.1.1")).resolve("http://a.example/").reason())
                .isEqualTo("198.19.1.1 is 198.18.0.0/15 Benchmarking");
        assertThat(live(Map.of("a.example", "192.0.0.9")).resolve("http://a.example/").reason())
                .isEqualTo("192.0.0.9 is 192.0.0.9/32 Port Control Protocol Anycast");
        assertThat(live(Map.of("a.example", "255.255.255.255")).resolve("http://a.example/").reason())
                .isEqualTo("255.255.255.255 is 255.255.255.255/32 Limited Broadcast");
    }

    @Test
    void global_unicast_addresses_next_to_the_blocks_are_accepted_and_become_the_address_to_connect_to() {
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "198.17.255.255", "198.20.0.0",
                "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.0", "223.255.255.255",
                "192.88.98.255", "2606:4700::1111", "2001:200::1", "2003::1", "3fff:1000::1"}) {
            Target target = live(Map.of("merchant.example", address)).resolve("https://merchant.example/n");
            assertThat(target.verdict()).as(address).isEqualTo(Verdict.OK);
            assertThat(target.address().getHostAddress()).as(address)
                    .isEqualTo(new InetSocketLiteral(address).text());
        }
    }

    @Test
    void ipv4_embedded_in_ipv6_is_judged_by_the_ipv4_address_it_carries() {
        Map<String, Boolean> allowed = Map.ofEntries(
                Map.entry("64:ff9b::7f00:1", false), Map.entry("64:ff9b::a00:1", false),
                Map.entry("64:ff9b::c0a8:101", false), Map.entry("64:ff9b::a9fe:a9fe", false),
                Map.entry("2002:7f00:1::", false), Map.entry("2002:c0a8:101::1", false),
                Map.entry("2002:a9fe:a9fe:1::1", false), Map.entry("::7f00:1", false), Map.entry("::5db8:d822", false),
                Map.entry("64:ff9b::5db8:d822", true), Map.entry("2002:5db8:d822::1", true));
        allowed.forEach((address, ok) -> assertThat(live(Map.of("nat.example", address))
                .resolve("http://nat.example/").verdict()).as(address)
                .isEqualTo(ok ? Verdict.OK : Verdict.FORBIDDEN_ADDRESS));
        assertThat(live(Map.of("nat.example", "64:ff9b::7f00:1")).resolve("http://nat.example/").reason())
                .contains("64:ff9b::/96").contains("127.0.0.1").contains("Loopback");
    }

    @Test
    void odd_spellings_of_loopback_private_and_metadata_hosts_are_refused_without_asking_the_resolver() {
        for (String url : new String[] {"http://2130706433/", "http://0x7f000001/", "http://0X7F000001/",
                "http://0177.0.0.1/", "http://017700000001/", "http://0x7f.1/", "http://127.1/", "http://127.0.1/",
                "http://127.0.0.1./", "http://0/", "http://4294967295/", "http://3232235777/",
                "http://0xa9.0xfe.0xa9.0xfe/", "http://0251.0376.0251.0376/", "http://[::ffff:127.0.0.1]/",
                "http://[::FFFF:7F00:1]/", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]:8080/", "http://[::]/",
                "http://[fe80::1]/", "http://[64:ff9b::127.0.0.1]/", "https://LOCALHOST/", "http://localhost./",
                "http://LocalHost.:80/", "http://api.localhost/"}) {
            // java.net.URI already refuses dotted forms whose last label is numeric but not IPv4 (0x7f.1, 127.1)
            assertThat(live(Map.of()).resolve(url).verdict()).as(url).isIn(Verdict.FORBIDDEN_ADDRESS,
                    Verdict.MALFORMED);
            assertThat(live(Map.of()).check(url)).as(url).isNotEqualTo(Verdict.OK);
        }
        for (String url : new String[] {"http://2130706433/", "http://0X7F000001/", "http://0177.0.0.1/",
                "http://017700000001/", "http://[::ffff:127.0.0.1]/", "http://localhost./", "http://0/"}) {
            assertThat(live(Map.of()).resolve(url).verdict()).as(url).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void numeric_hosts_are_read_as_inet_aton_reads_them() {
        assertThat(NotifyUrlPolicy.ipv4("1.2.3.4")).containsExactly(1, 2, 3, 4);
        assertThat(NotifyUrlPolicy.ipv4("0x7f.1")).containsExactly(127, 0, 0, 1);
        assertThat(NotifyUrlPolicy.ipv4("010.0xff.65535")).containsExactly(8, 255, 255, 255);
        assertThat(NotifyUrlPolicy.ipv4("1.16777215")).containsExactly(1, 255, 255, 255);
        for (String name : new String[] {"256.1.1.1", "1.2.3.4.5", "08", "1.16777216", "4294967296", "1..2",
                "example", "1.2.3.example", "0x1g", "\u0663.1.1.1"}) {
            assertThat(NotifyUrlPolicy.ipv4(name)).as(name).isNull();
        }
    }

    @Test
    void names_are_resolved_once_lower_cased_and_without_their_trailing_dot() {
        Target target = live(Map.of("merchant.example", "93.184.216.34")).resolve("https://Merchant.EXAMPLE./cb");
        assertThat(target.verdict()).isEqualTo(Verdict.OK);
        assertThat(target.host()).isEqualTo("merchant.example");
        assertThat(target.addressKey()).isEqualTo("93.184.216.34");
        assertThat(lookups).containsExactly("merchant.example");
    }

    @Test
    void a_name_with_one_forbidden_address_among_public_ones_is_refused() {
        NotifyUrlPolicy policy = new NotifyUrlPolicy(false, host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")}, Set::of);
        assertThat(policy.resolve("http://mixed.example/").verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
    }

    @Test
    void a_name_rebound_to_loopback_after_acceptance_is_refused_when_resolved_again_to_send() {
        List<String> answers = new ArrayList<>(List.of("93.184.216.34", "127.0.0.1"));
        NotifyUrlPolicy policy = new NotifyUrlPolicy(false,
                host -> new InetAddress[] {InetAddress.getByName(answers.remove(0))}, Set::of);
        assertThat(policy.check("https://rebind.example/cb")).isEqualTo(Verdict.OK);
        Target send = policy.resolve("https://rebind.example/cb");
        assertThat(send.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
        assertThat(send.address()).as("nothing to connect to").isNull();
        assertThat(answers).isEmpty();
    }

    @Test
    void an_address_of_this_machine_is_refused_even_when_it_is_public() throws Exception {
        String own = HexFormat.of().formatHex(InetAddress.getByName("93.184.216.34").getAddress());
        Target target = live(Map.of("me.example", "93.184.216.34"), Set.of(own)).resolve("http://me.example/");
        assertThat(target.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
        assertThat(target.reason()).isEqualTo("93.184.216.34 is an address of this machine");
    }

    @Test
    void every_address_of_this_machines_real_interfaces_is_refused() throws Exception {
        Set<String> own = NotifyUrlPolicy.interfaceAddresses();
        assertThat(own).isNotEmpty();
        NotifyUrlPolicy policy = new NotifyUrlPolicy(false);
        for (String hex : own) {
            InetAddress address = InetAddress.getByAddress(HexFormat.of().parseHex(hex));
            assertThat(policy.refusal(address)).as(address.getHostAddress()).isNotNull();
        }
    }

    @Test
    void an_unresolvable_name_is_accepted_but_has_no_address_to_connect_to() {
        Target target = live(Map.of()).resolve("https://no-such-host.example/n");
        assertThat(target.verdict()).isEqualTo(Verdict.OK);
        assertThat(target.address()).isNull();
        assertThat(target.addressKey()).isEqualTo("no-such-host.example");
    }

    @Test
    void malformed_urls_are_refused_before_any_resolution() {
        for (String url : new String[] {"ftp://a.example/", "http:///x", "http://user@a.example/", "a.example",
                "http://a.example/" + "x".repeat(NotifyUrlPolicy.MAX_LENGTH), "http://./", ""}) {
            assertThat(live(Map.of()).resolve(url).verdict()).as(url).isEqualTo(Verdict.MALFORMED);
        }
        assertThat(lookups).isEmpty();
    }

    @Test
    void sandbox_mode_accepts_loopback_without_resolving_at_acceptance_and_resolves_once_to_send() {
        NotifyUrlPolicy sandbox = new NotifyUrlPolicy(true, host -> resolveStub(Map.of("localhost", "127.0.0.1"),
                host), Set::of);
        assertThat(sandbox.check("http://LOCALHOST:8080/n")).isEqualTo(Verdict.OK);
        assertThat(lookups).isEmpty();
        assertThat(sandbox.resolve("http://LOCALHOST:8080/n").addressKey()).isEqualTo("127.0.0.1");
        assertThat(sandbox.resolve("http://2130706433:8080/n").addressKey()).isEqualTo("127.0.0.1");
        assertThat(sandbox.resolve("http://[::ffff:7f00:1]:8080/n").addressKey()).isEqualTo("127.0.0.1");
        assertThat(lookups).containsExactly("localhost");
    }

    /** The canonical text Java gives a literal address. */
    private record InetSocketLiteral(String literal) {
        String text() {
            try {
                return InetAddress.getByName(literal).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
