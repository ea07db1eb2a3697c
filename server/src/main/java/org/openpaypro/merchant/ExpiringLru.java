package org.openpaypro.merchant;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small cache with a hard bound: at most {@code maxEntries} entries, the least recently used one dropped when a new
 * one would exceed it, and every entry forgotten {@code ttl} after it was put. Times are {@link System#nanoTime()}
 * values passed in by the caller (so a test can choose them). Thread-safe (synchronized, short).
 */
final class ExpiringLru<K, V> {
    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final Map<K, Entry<V>> entries;

    ExpiringLru(int maxEntries, Duration ttl) {
        this.ttlNanos = ttl.toNanos();
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The value put for {@code key} less than ttl before {@code nowNanos}, else null (and an expired one is gone). */
    synchronized V get(K key, long nowNanos) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtNanos - nowNanos <= 0) {
            entries.remove(key);
            return null;
        }
        return entry.value;
    }

    synchronized void put(K key, V value, long nowNanos) {
        entries.put(key, new Entry<>(value, nowNanos + ttlNanos));
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
