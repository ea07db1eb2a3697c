package org.openpaypro.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which callback URLs the gateway will POST to: http(s) with a host, at most 2,048 characters; in live mode never
 * an address that resolves to loopback, private (RFC 1918 / ULA), link-local, multicast or the unspecified
 * address (SSRF). Checked when a URL is accepted and again before each send (DNS can change). Thread-safe.
 */
public final class NotifyUrlPolicy {
    public static final int MAX_LENGTH = 2048;

    /** What is wrong with a URL, or null when it is acceptable. */
    public enum Verdict { OK, MALFORMED, FORBIDDEN_ADDRESS }

    private final boolean allowPrivate;

    public NotifyUrlPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public Verdict check(String url) {
        URI uri = parse(url);
        if (uri == null) {
            return Verdict.MALFORMED;
        }
        if (allowPrivate) {
            return Verdict.OK;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (forbidden(address)) {
                    return Verdict.FORBIDDEN_ADDRESS;
                }
            }
            return Verdict.OK;
        } catch (UnknownHostException e) {
            // An unresolvable host cannot be attacked through; the send will fail and be retried.
            return Verdict.OK;
        }
    }

    /** The parsed URL when it is http(s) with a host, else null. */
    public static URI parse(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    static boolean forbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128); // 0/8, carrier-grade NAT 100.64/10
    }
}
