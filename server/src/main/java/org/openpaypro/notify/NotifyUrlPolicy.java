package org.openpaypro.notify;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which callback URLs the gateway will POST to, and where exactly: http(s) with a host, at most 2,048 characters.
 * The host is resolved once ({@link #resolve}); the sender connects to the address approved here and never
 * resolves again (DNS rebinding). Numeric hosts are read as the WHATWG URL standard and inet_aton read them
 * (decimal {@code 2130706433}, hex {@code 0x7f.1}, octal {@code 0177.0.0.1}, short {@code 127.1}), names are
 * lower-cased and lose a trailing dot, so every spelling of one address is one address. In live mode an address
 * in any block of {@link SpecialAddresses} (the IANA special-purpose registries), any address of this machine's
 * own interfaces, and {@code localhost} / {@code *.localhost} are refused (SSRF). Checked when a URL is accepted
 * and again before each send. Thread-safe.
 */
public final class NotifyUrlPolicy {
    public static final int MAX_LENGTH = 2048;
    private static final long OWN_ADDRESSES_TTL_NANOS = 10_000_000_000L;

    /** What is wrong with a URL, or OK. */
    public enum Verdict { OK, MALFORMED, FORBIDDEN_ADDRESS }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where one callback goes: the URL, its host as written (for {@code Host} and TLS), and the approved address
     * to connect to (null when refused or unresolvable; {@code reason} then says why).
     */
    public record Target(Verdict verdict, URI uri, String host, InetAddress address, String reason) {
        /** The key of the per-address limit: the approved address, or the normalised host when there is none. */
        public String addressKey() {
            return address != null ? address.getHostAddress() : host;
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    private final Supplier<Set<String>> ownAddresses;
    private volatile Set<String> ownCache = Set.of();
    private volatile long ownCachedAt;
    private volatile boolean ownCached;

    public NotifyUrlPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName, NotifyUrlPolicy::interfaceAddresses);
    }

    /** {@code ownAddresses}: this machine's addresses as hex of their bytes (see {@link #interfaceAddresses}). */
    public NotifyUrlPolicy(boolean allowPrivate, Resolver resolver, Supplier<Set<String>> ownAddresses) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.ownAddresses = ownAddresses;
    }

    /** The verdict on a URL being accepted (an order, a merchant); sandbox mode does not resolve names here. */
    public Verdict check(String url) {
        if (allowPrivate) {
            return parse(url) == null ? Verdict.MALFORMED : Verdict.OK;
        }
        return resolve(url).verdict();
    }

    /** Resolves the URL's host once and judges every address it has; the first one is the one to connect to. */
    public Target resolve(String url) {
        URI uri = parse(url);
        if (uri == null) {
            return new Target(Verdict.MALFORMED, null, null, null, "malformed");
        }
        String host = normalisedHost(uri.getHost());
        if (!allowPrivate && (host.equals("localhost") || host.endsWith(".localhost"))) {
            return new Target(Verdict.FORBIDDEN_ADDRESS, uri, host, null, host + " is a loopback name (RFC 6761)");
        }
        InetAddress[] addresses;
        try {
            InetAddress literal = literal(host);
            addresses = literal != null ? new InetAddress[] {literal} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            // An unresolvable host cannot be attacked through; the send fails and is retried on the schedule.
            return new Target(Verdict.OK, uri, host, null, "unknown host");
        }
        if (addresses == null || addresses.length == 0) {
            return new Target(Verdict.OK, uri, host, null, "unknown host");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String refusal = refusal(address);
                if (refusal != null) {
                    return new Target(Verdict.FORBIDDEN_ADDRESS, uri, host, null,
                            address.getHostAddress() + " is " + refusal);
                }
            }
        }
        return new Target(Verdict.OK, uri, host, addresses[0], null);
    }

    /** Why this address is refused in live mode, or null. */
    String refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        String special = SpecialAddresses.refusal(bytes);
        if (special != null) {
            return special;
        }
        return ownAddresses().contains(HexFormat.of().formatHex(bytes)) ? "an address of this machine" : null;
    }

    /** The parsed URL when it is http(s) with a host and no user info, else null. */
    public static URI parse(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || normalisedHost(uri.getHost()).isEmpty()) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Lower case, without one trailing dot; IPv6 literals keep their brackets. */
    static String normalisedHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The address a numeric host names (IPv6 in brackets, or IPv4 in any inet_aton form), else null. */
    static InetAddress literal(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            return InetAddress.getByName(host.substring(1, host.length() - 1));
        }
        byte[] ipv4 = ipv4(host);
        return ipv4 == null ? null : InetAddress.getByAddress(ipv4);
    }

    /** inet_aton / WHATWG IPv4 parsing: 1 to 4 parts, each decimal, 0x-hex or 0-octal; the last fills the rest. */
    static byte[] ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
            if (values[i] < 0 || (i < parts.length - 1 && values[i] > 255)) {
                return null;
            }
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        long value = last;
        for (int i = 0; i < parts.length - 1; i++) {
            value |= values[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            return -1;
        }
        for (char c : digits.toCharArray()) {
            if (c > 'f' || Character.digit(c, radix) < 0) { // ASCII only: Character.digit knows other scripts
                return -1;
            }
        }
        return Long.parseLong(digits, radix);
    }

    private Set<String> ownAddresses() {
        long now = System.nanoTime();
        if (!ownCached || now - ownCachedAt > OWN_ADDRESSES_TTL_NANOS) {
            ownCache = ownAddresses.get();
            ownCachedAt = now;
            ownCached = true;
        }
        return ownCache;
    }

    /** Every address of every network interface of this machine, as hex of its bytes (scope ids dropped). */
    public static Set<String> interfaceAddresses() {
        Set<String> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    addresses.add(HexFormat.of().formatHex(address.getAddress()));
                }
            }
        } catch (SocketException e) {
            return Set.of();
        }
        return Set.copyOf(addresses);
    }
}
