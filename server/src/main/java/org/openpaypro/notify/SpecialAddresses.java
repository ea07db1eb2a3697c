package org.openpaypro.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address blocks a callback is never sent to in live mode: every entry of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890; as published 2024, names as the registry writes them), plus
 * multicast, the deprecated IPv4-compatible ::/96 and site-local fec0::/10 from the address-space registries.
 * Every entry is refused, whatever its "globally reachable" column says: no merchant web server lives there.
 * Exception: the prefixes that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4
 * 2002::/16) are judged by the IPv4 address they carry, so a public host reached through NAT64 still works and
 * 64:ff9b::7f00:1 (127.0.0.1) does not. Immutable, thread-safe.
 */
final class SpecialAddresses {
    /** One registry entry: a CIDR block and its registry name; {@code embedsIpv4At} >= 0 for translation prefixes. */
    record Block(byte[] prefix, int bits, String cidr, String name, int embedsIpv4At) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "This network"),
            block("0.0.0.0/32", "This host on this network"),
            block("10.0.0.0/8", "Private-Use"),
            block("100.64.0.0/10", "Shared Address Space"),
            block("127.0.0.0/8", "Loopback"),
            block("169.254.0.0/16", "Link Local"),
            block("172.16.0.0/12", "Private-Use"),
            block("192.0.0.0/24", "IETF Protocol Assignments"),
            block("192.0.0.0/29", "IPv4 Service Continuity Prefix"),
            block("192.0.0.8/32", "IPv4 dummy address"),
            block("192.0.0.9/32", "Port Control Protocol Anycast"),
            block("192.0.0.10/32", "Traversal Using Relays around NAT Anycast"),
            block("192.0.0.170/32", "NAT64/DNS64 Discovery"),
            block("192.0.0.171/32", "NAT64/DNS64 Discovery"),
            block("192.0.2.0/24", "Documentation (TEST-NET-1)"),
            block("192.31.196.0/24", "AS112-v4"),
            block("192.52.193.0/24", "AMT"),
            block("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)"),
            block("192.88.99.2/32", "6a44-relay anycast address"),
            block("192.168.0.0/16", "Private-Use"),
            block("192.175.48.0/24", "Direct Delegation AS112 Service"),
            block("198.18.0.0/15", "Benchmarking"),
            block("198.51.100.0/24", "Documentation (TEST-NET-2)"),
            block("203.0.113.0/24", "Documentation (TEST-NET-3)"),
            block("224.0.0.0/4", "Multicast (IPv4 address space registry)"),
            block("240.0.0.0/4", "Reserved"),
            block("255.255.255.255/32", "Limited Broadcast"));

    static final List<Block> IPV6 = List.of(
            block("::1/128", "Loopback Address"),
            block("::/128", "Unspecified Address"),
            embedding("::ffff:0:0/96", "IPv4-mapped Address", 12),
            embedding("64:ff9b::/96", "IPv4-IPv6 Translat.", 12),
            block("64:ff9b:1::/48", "IPv4-IPv6 Translat."),
            block("100::/64", "Discard-Only Address Block"),
            block("100:0:0:1::/64", "Dummy IPv6 Prefix"),
            block("2001::/23", "IETF Protocol Assignments"),
            block("2001::/32", "TEREDO"),
            block("2001:1::1/128", "Port Control Protocol Anycast"),
            block("2001:1::2/128", "Traversal Using Relays around NAT Anycast"),
            block("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast"),
            block("2001:2::/48", "Benchmarking"),
            block("2001:3::/32", "AMT"),
            block("2001:4:112::/48", "AS112-v6"),
            block("2001:10::/28", "Deprecated (previously ORCHID)"),
            block("2001:20::/28", "ORCHIDv2"),
            block("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix"),
            block("2001:db8::/32", "Documentation"),
            embedding("2002::/16", "6to4", 2),
            block("2620:4f:8000::/48", "Direct Delegation AS112 Service"),
            block("3fff::/20", "Documentation"),
            block("5f00::/16", "Segment Routing (SRv6) SIDs"),
            block("fc00::/7", "Unique-Local"),
            block("fe80::/10", "Link-Local Unicast"),
            block("fec0::/10", "Site-local (deprecated, RFC 3879)"),
            block("ff00::/8", "Multicast (IPv6 address space registry)"),
            block("::/96", "IPv4-compatible (deprecated, RFC 4291)"));

    private SpecialAddresses() {
    }

    /**
     * Why {@code address} is refused (its registry entry, e.g. "198.18.0.0/15 Benchmarking"), or null when it is a
     * global unicast address. The most specific matching entry names the reason.
     */
    static String refusal(byte[] address) {
        List<Block> table = address.length == 4 ? IPV4 : IPV6;
        Block best = null;
        for (Block block : table) {
            if (block.contains(address) && (best == null || block.bits() > best.bits())) {
                best = block;
            }
        }
        if (best == null) {
            return null;
        }
        if (best.embedsIpv4At() < 0) {
            return best.cidr() + " " + best.name();
        }
        byte[] embedded = new byte[4];
        System.arraycopy(address, best.embedsIpv4At(), embedded, 0, 4);
        String inner = refusal(embedded);
        return inner == null ? null : best.cidr() + " " + best.name() + " carrying " + text(embedded) + " (" + inner
                + ")";
    }

    private static String text(byte[] ipv4) {
        return (ipv4[0] & 0xff) + "." + (ipv4[1] & 0xff) + "." + (ipv4[2] & 0xff) + "." + (ipv4[3] & 0xff);
    }

    private static Block block(String cidr, String name) {
        return embedding(cidr, name, -1);
    }

    private static Block embedding(String cidr, String name, int embedsIpv4At) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: getByName does not resolve them, and keeps ::ffff:0:0 as the 16 bytes we need
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (prefix.length == 4 && cidr.contains(":")) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                prefix = mapped;
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), cidr, name, embedsIpv4At);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }
}
