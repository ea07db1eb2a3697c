package org.openpaypro.http;

import java.util.List;
import org.openpaypro.net.Cidr;

/**
 * Finds the client address of a request (DESIGN §14): the TCP peer, unless the peer is one of
 * {@code OPENPAYPRO_TRUSTED_PROXIES}; then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the first address that is not one is the client. A malformed entry stops the walk at the last
 * address known good. {@code Forwarded} and {@code X-Real-IP} are never read. Immutable, thread-safe.
 */
public final class ClientAddress {
    private final List<Cidr> trustedProxies;

    /** The address as text (as it was seen) and its bytes. */
    public record Seen(String text, byte[] bytes) {
    }

    public ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    public Seen resolve(String peer, String forwardedFor) {
        String peerText = peer.startsWith("[") && peer.endsWith("]") ? peer.substring(1, peer.length() - 1) : peer;
        Seen current = new Seen(peerText, Cidr.address(peerText).orElse(new byte[0]));
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return current;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && trusted(current); i--) {
            String hop = hops[i].trim();
            var bytes = Cidr.address(hop);
            if (bytes.isEmpty()) {
                break;
            }
            current = new Seen(hop, bytes.get());
        }
        return current;
    }

    private boolean trusted(Seen address) {
        return trustedProxies.stream().anyMatch(proxy -> proxy.contains(address.bytes()));
    }
}
