package io.dbsync.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} pairs and {@code --flag}s, for the child JVMs' command lines. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(key, args[++i]);
            } else {
                values.put(key, "true");
            }
        }
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    int integer(String key, int fallback) {
        return has(key) ? Integer.parseInt(get(key)) : fallback;
    }

    long longValue(String key, long fallback) {
        return has(key) ? Long.parseLong(get(key)) : fallback;
    }
}
