package org.openpaypro.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 203.0.113.0/24}, {@code 2001:db8::/32}; a bare address is a
 * single host). Parsing never resolves a name: only address literals are accepted. An IPv4-mapped IPv6 address
 * ({@code ::ffff:203.0.113.7}) counts as the IPv4 address. Immutable, thread-safe.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private Cidr(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /** Empty for anything that is not an address literal with an optional prefix length in range. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<byte[]> address = address(addressText);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = address.get().length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            String bitsText = trimmed.substring(slash + 1);
            if (!bitsText.matches("[0-9]{1,3}") || Integer.parseInt(bitsText) > maxBits) {
                return Optional.empty();
            }
            bits = Integer.parseInt(bitsText);
        }
        byte[] network = mask(address.get(), bits);
        return Optional.of(new Cidr(network, bits, canonical(network) + "/" + bits));
    }

    /**
     * The bytes of an IPv4 (4) or IPv6 (16) literal; empty for a name, a zone id or anything malformed. An
     * IPv4-mapped IPv6 literal gives the 4 IPv4 bytes.
     */
    public static Optional<byte[]> address(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean ipv4 = literal.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]"
                + "|1[0-9]{2}|[1-9]?[0-9])){3}");
        boolean ipv6 = literal.contains(":") && literal.length() <= 45 && literal.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            return Optional.empty(); // never hand a name to InetAddress: that would be a DNS lookup
        }
        try {
            return Optional.of(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && java.util.Arrays.equals(mask(address, prefixBits), network);
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        return out;
    }

    private static String canonical(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The normalised form, e.g. {@code 203.0.113.0/24} for {@code 203.0.113.7/24}. */
    @Override
    public String toString() {
        return text;
    }
}
