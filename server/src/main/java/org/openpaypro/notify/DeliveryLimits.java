package org.openpaypro.notify;

import java.util.HashMap;
import java.util.Map;

/**
 * How many callbacks run at once per merchant and per resolved address (so {@code LOCALHOST}, {@code 2130706433}
 * and {@code [::ffff:127.0.0.1]} are one address). Only keys with a callback in flight are kept: an entry is
 * removed when its count falls back to 0, and at most {@code maxKeys} keys of each kind exist (a new key beyond
 * that is "busy"), so the maps never grow beyond the number of workers. Thread-safe (synchronized, short).
 */
final class DeliveryLimits {
    /** Which limit refused a callback. */
    enum Busy { MERCHANT, ADDRESS }

    private final int perMerchant;
    private final int perAddress;
    private final int maxKeys;
    private final Map<String, Integer> merchants = new HashMap<>();
    private final Map<String, Integer> addresses = new HashMap<>();

    DeliveryLimits(int perMerchant, int perAddress, int maxKeys) {
        this.perMerchant = perMerchant;
        this.perAddress = perAddress;
        this.maxKeys = maxKeys;
    }

    /** Takes one slot of both; null when taken, else which one is full (then nothing is taken). */
    synchronized Busy tryAcquire(String merchant, String address) {
        if (!hasRoom(merchants, merchant, perMerchant)) {
            return Busy.MERCHANT;
        }
        if (!hasRoom(addresses, address, perAddress)) {
            return Busy.ADDRESS;
        }
        merchants.merge(merchant, 1, Integer::sum);
        addresses.merge(address, 1, Integer::sum);
        return null;
    }

    synchronized void release(String merchant, String address) {
        merchants.computeIfPresent(merchant, (key, count) -> count > 1 ? count - 1 : null);
        addresses.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** Keys currently tracked (merchants + addresses): 0 when nothing is in flight. */
    synchronized int trackedKeys() {
        return merchants.size() + addresses.size();
    }

    private boolean hasRoom(Map<String, Integer> counts, String key, int limit) {
        Integer count = counts.get(key);
        return count == null ? counts.size() < maxKeys : count < limit;
    }
}
