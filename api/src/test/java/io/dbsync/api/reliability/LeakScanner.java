package io.dbsync.api.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: each literal secret (a password, an {@code Authorization} value, a
 * credentialed URI), any bcrypt hash, and any {@code scheme://user:password@} whose password is
 * not the redaction marker.
 */
final class LeakScanner {
    static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$");
    /** scheme://user:password@ with a password that is not the redaction marker. */
    static final Pattern CREDENTIALED_URI =
            Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@\"']+:(?!\\*\\*\\*@)[^\\s/@\"']+@");
    static final Pattern STACK_TRACE =
            Pattern.compile("(\\n\\s*at [\\w$.]+\\(|\\tat |Caused by:|\\.java:\\d+\\)|\\.\\.\\. \\d+ more)");

    private final List<String> secrets;

    LeakScanner(Set<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    List<String> secrets() {
        return secrets;
    }

    /** Occurrences by kind: {@code secret#i} for the i-th literal secret, {@code bcrypt-hash}, {@code credentialed-uri}. */
    Map<String, Integer> leaks(String text) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                found.merge("secret#" + i, 1, Integer::sum);
            }
        }
        count(BCRYPT.matcher(text), "bcrypt-hash", found);
        count(CREDENTIALED_URI.matcher(text), "credentialed-uri", found);
        return found;
    }

    private static void count(Matcher matcher, String kind, Map<String, Integer> found) {
        while (matcher.find()) {
            found.merge(kind, 1, Integer::sum);
        }
    }

    static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
