package io.dbsync.infra;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one {@link Parameter}: CDK context first, then the environment, then its default; and
 * parses it, with errors that name the context key and how to fix the value.
 */
final class ParameterReader {

    private final Function<String, Object> context;
    private final Map<String, String> env;

    /**
     * @param context CDK context lookup; returns null for an absent key
     * @param env     the process environment
     */
    ParameterReader(Function<String, Object> context, Map<String, String> env) {
        this.context = context;
        this.env = env;
    }

    /** The value given in the context or the environment, ignoring the default. */
    Optional<String> given(Parameter p) {
        Object fromContext = context.apply(p.contextKey());
        String value = fromContext != null ? fromContext.toString() : env.get(p.envVar());
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The given value, else the default (empty only for parameters without one). */
    Optional<String> read(Parameter p) {
        return given(p).or(() -> Optional.ofNullable(p.defaultValue()));
    }

    String required(Parameter p) {
        return read(p).orElseThrow(() -> new InvalidParameterException(p.contextKey() + " must be set"));
    }

    int integer(Parameter p) {
        return integer(p, required(p));
    }

    int positive(Parameter p) {
        return positive(p, required(p));
    }

    boolean bool(Parameter p) {
        return switch (required(p).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new InvalidParameterException(p.contextKey() + " must be true or false, got: " + required(p));
        };
    }

    /** An optional ARN of the given service ({@code ":lambda:"}, {@code ":kms:"}…). */
    Optional<String> arn(Parameter p, String service) {
        return read(p).map(value -> {
            if (!value.startsWith("arn:") || !value.contains(service)) {
                throw new InvalidParameterException(p.contextKey() + " must be an ARN containing " + service + ", got: " + value);
            }
            return value;
        });
    }

    static int integer(Parameter p, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(p.contextKey() + " must be a whole number, got: " + value);
        }
    }

    static int positive(Parameter p, String value) {
        int n = integer(p, value);
        if (n <= 0) {
            throw new InvalidParameterException(p.contextKey() + " must be positive, got: " + value);
        }
        return n;
    }

    static int between(Parameter p, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidParameterException(p.contextKey() + " must be between " + min + " and " + max + ", got: " + value);
        }
        return value;
    }
}
