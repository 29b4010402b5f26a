package io.dbsync.api.sync.plan;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Which collections a run copies: exact names or {@code *} globs to include (empty: all) and to exclude. */
public record CollectionFilter(List<String> include, List<String> exclude) {
    private static final Pattern VALID = Pattern.compile("[^\\x00$]{1,255}");

    public CollectionFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String pattern : include) {
            check(pattern);
        }
        for (String pattern : exclude) {
            check(pattern);
        }
    }

    public static CollectionFilter all() {
        return new CollectionFilter(List.of(), List.of());
    }

    public boolean accepts(String collection) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> matches(p, collection));
        return included && exclude.stream().noneMatch(p -> matches(p, collection));
    }

    /** {@code *} matches any run of characters; everything else matches itself. */
    static boolean matches(String glob, String name) {
        String regex = Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.matches(regex, name);
    }

    private static void check(String pattern) {
        if (pattern == null || !VALID.matcher(pattern).matches()) {
            throw new IllegalArgumentException("a collection name or glob is 1 to 255 characters without NUL or '$': '"
                    + pattern + "'");
        }
    }
}
