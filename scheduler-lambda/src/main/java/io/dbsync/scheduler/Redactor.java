package io.dbsync.scheduler;

import java.util.Comparator;
import java.util.List;

/**
 * Last line of defence for free text we did not write ourselves (the API's error messages):
 * replaces every known secret with {@code ***} before it reaches a log line or an exception.
 */
final class Redactor {
    static final Redactor NONE = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    static Redactor of(List<String> secrets) {
        // Longest first, so a secret that contains another is replaced whole.
        return new Redactor(secrets.stream()
                .filter(s -> s != null && !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, "***");
        }
        return result;
    }
}
