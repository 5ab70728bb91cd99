package com.example.portfolio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small least-recently-used cache for one request's thread. Capacity 0 disables it. */
final class LruCache<K, V> {

  private final int capacity;
  private final LinkedHashMap<K, V> entries;

  LruCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > LruCache.this.capacity;
          }
        };
  }

  V get(K key, Function<? super K, ? extends V> load) {
    if (capacity == 0) {
      return load.apply(key);
    }
    V value = entries.get(key);
    if (value == null) {
      value = load.apply(key);
      entries.put(key, value);
    }
    return value;
  }
}
