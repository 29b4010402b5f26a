package io.dbsync.api.config;

import java.util.Map;

/** Typed access to environment variables with errors that name the variable, never its value. */
final class EnvReader {
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    String optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The first of {@code name} and its aliases that is set. */
    String required(String name, String... aliases) {
        String value = optional(name);
        for (int i = 0; value == null && i < aliases.length; i++) {
            value = optional(aliases[i]);
        }
        if (value == null) {
            String also = aliases.length == 0 ? "" : " (or " + String.join(", ", aliases) + ")";
            throw new ConfigException(name + also + " is not set");
        }
        return value;
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max);
        }
        return parsed;
    }
}
