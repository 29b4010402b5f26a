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

    /** A comma-separated list; empty when unset. */
    java.util.List<String> list(String name) {
        String value = optional(name);
        if (value == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    boolean bool(String name, boolean defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false");
        };
    }
}
