package io.dbsync.scheduler.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/**
 * Invalid JSON made from a valid document ({@link JsonTexts}) by one mutation. Each mutation is
 * invalid by construction, for the reason given on it, so a document both parsers accept is a bug
 * in one of them (or here), never a lucky mutation.
 */
final class Mutations {
    private static final char[] JSON_WHITESPACE_CONTROLS = {'\t', '\n', '\r'};

    private Mutations() {
    }

    /** The mutated text and what was done to it. */
    record Mutated(String kind, String text) {
        @Override
        public String toString() {
            StringBuilder shown = new StringBuilder(kind).append(": ");
            text.chars().forEach(c -> shown.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            return shown.toString();
        }
    }

    static Arbitrary<Mutated> all() {
        return Arbitraries.oneOf(truncated(), quoteRemoved(), commaRemoved(), keyDuplicated(), trailingToken(),
                controlCharacter(), leadingZero());
    }

    /** A proper prefix of an array or object document lacks at least the root's closing bracket. */
    static Arbitrary<Mutated> truncated() {
        return JsonTexts.containerDocuments().map(String::strip).flatMap(doc -> Arbitraries.integers()
                .between(0, doc.length() - 1).map(cut -> new Mutated("truncation", doc.substring(0, cut))));
    }

    /**
     * Removing one delimiting quote flips what is string and what is not for the rest of the text:
     * former string content read as structure either holds an escape (a backslash is never valid
     * there) or holds no quote, so an odd number of delimiters remains and the text ends inside a
     * string, if nothing failed before.
     */
    static Arbitrary<Mutated> quoteRemoved() {
        return JsonTexts.documents().map(doc -> Lexed.of(doc).quotes.isEmpty() ? "[\"s\"," + doc + "]" : doc)
                .flatMap(doc -> Arbitraries.of(Lexed.of(doc).quotes)
                        .map(i -> new Mutated("quote removed", doc.substring(0, i) + doc.substring(i + 1))));
    }

    /**
     * A separating comma replaced by a space: two elements or members side by side are never valid.
     * (Deleting it outright could join {@code [1,2]} into the valid {@code [12]}.)
     */
    static Arbitrary<Mutated> commaRemoved() {
        return JsonTexts.documents().map(doc -> Lexed.of(doc).commas.isEmpty() ? "[" + doc + ",0]" : doc)
                .flatMap(doc -> Arbitraries.of(Lexed.of(doc).commas)
                        .map(i -> new Mutated("comma removed", doc.substring(0, i) + " " + doc.substring(i + 1))));
    }

    /**
     * An object holding the same member name twice, the second time spelled the same or entirely
     * as {@code \\u} escapes (same decoded name), possibly among other members and nested in
     * arrays and objects.
     */
    static Arbitrary<Mutated> keyDuplicated() {
        Arbitrary<String> object = Combinators.combine(JsonTexts.names(), JsonTexts.value(2), JsonTexts.value(2),
                        JsonTexts.names(), JsonTexts.value(2), Arbitraries.of(true, false))
                .as((name, first, second, other, otherValue, respell) -> "{" + name.json() + ":" + first + ","
                        + other.json() + ":" + otherValue + "," + (respell ? escaped(name.value()) : name.json()) + ":" + second + "}");
        return Combinators.combine(object, Arbitraries.of("[%s]", "{\"w\":%s}", "[1,%s,null]", "%s").list().ofMaxSize(3))
                .as((dup, wrappers) -> {
                    String doc = dup;
                    for (String wrapper : wrappers) {
                        doc = String.format(wrapper, doc);
                    }
                    return new Mutated("duplicated key", doc);
                });
    }

    /** Anything but whitespace after the root value: a JSON text is exactly one value. */
    static Arbitrary<Mutated> trailingToken() {
        return Combinators.combine(JsonTexts.documents(), Arbitraries.of(" ", "\n", "\t"),
                        Arbitraries.of("1", "-1", "\"s\"", "{}", "[]", "true", "null", "x", ",", "]", "}", ":", "/", "#"))
                .as((doc, space, token) -> new Mutated("trailing token", doc + space + token));
    }

    /**
     * A raw control character. Outside strings only tab, line feed and carriage return are
     * whitespace, and nothing in 0x00-0x1F may stand raw inside a string, so: the three
     * whitespace ones go inside a string, every other one anywhere.
     */
    static Arbitrary<Mutated> controlCharacter() {
        Arbitrary<String> docs = JsonTexts.documents().map(doc -> Lexed.of(doc).quotes.isEmpty() ? "[\"s\"," + doc + "]" : doc);
        return Combinators.combine(docs, Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.integers().between(0, 1 << 20))
                .as((doc, c, pick) -> {
                    boolean whitespace = new String(JSON_WHITESPACE_CONTROLS).indexOf(c) >= 0;
                    // Half of the others go between tokens, where a lenient whitespace rule would show.
                    List<Integer> positions = whitespace ? Lexed.of(doc).insideStrings()
                            : pick % 2 == 0 ? Lexed.of(doc).outsideStrings(doc.length()) : null;
                    int at = positions != null ? positions.get((pick / 2) % positions.size()) : pick % (doc.length() + 1);
                    return new Mutated("raw control character", doc.substring(0, at) + c + doc.substring(at));
                });
    }

    /** A zero before a number's first digit: {@code 05}, {@code -00.5}; RFC 8259 forbids leading zeros. */
    static Arbitrary<Mutated> leadingZero() {
        return JsonTexts.documents().map(doc -> Lexed.of(doc).numberDigits.isEmpty() ? "[" + doc + ",7]" : doc)
                .flatMap(doc -> Arbitraries.of(Lexed.of(doc).numberDigits)
                        .map(i -> new Mutated("leading zero", doc.substring(0, i) + "0" + doc.substring(i))));
    }

    private static String escaped(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            json.append(JsonTexts.escape(c, false));
        }
        return json.append('"').toString();
    }

    /** Where the delimiting quotes, separating commas and numbers' first digits of a valid document are. */
    static final class Lexed {
        final List<Integer> quotes = new ArrayList<>();
        final List<Integer> commas = new ArrayList<>();
        final List<Integer> numberDigits = new ArrayList<>();

        static Lexed of(String valid) {
            Lexed lexed = new Lexed();
            boolean inString = false;
            boolean inNumber = false;
            for (int i = 0; i < valid.length(); i++) {
                char c = valid.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++; // the escaped character; \\u's hex digits are plain characters after it
                    } else if (c == '"') {
                        lexed.quotes.add(i);
                        inString = false;
                    }
                    continue;
                }
                boolean numberChar = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
                if (numberChar && !inNumber && (c == '-' || (c >= '0' && c <= '9'))) {
                    lexed.numberDigits.add(c == '-' ? i + 1 : i);
                }
                inNumber = numberChar;
                if (c == '"') {
                    lexed.quotes.add(i);
                    inString = true;
                } else if (c == ',') {
                    lexed.commas.add(i);
                }
            }
            return lexed;
        }

        /** Insertion points outside every string: before its opening quote or after its closing one. */
        List<Integer> outsideStrings(int length) {
            List<Integer> inside = insideStrings();
            List<Integer> positions = new ArrayList<>();
            for (int at = 0; at <= length; at++) {
                if (!inside.contains(at)) {
                    positions.add(at);
                }
            }
            return positions;
        }

        /** Insertion points inside a string: after its opening quote, up to before its closing one. */
        List<Integer> insideStrings() {
            List<Integer> positions = new ArrayList<>();
            for (int q = 0; q + 1 < quotes.size(); q += 2) {
                for (int at = quotes.get(q) + 1; at <= quotes.get(q + 1); at++) {
                    positions.add(at);
                }
            }
            return positions;
        }
    }
}
