package io.dbsync.scheduler.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Generators of valid JSON text (RFC 8259), written as text so that every spelling is exercised:
 * whitespace of all four kinds between any tokens, strings mixing raw characters (any plane, lone
 * surrogates too) with short and {@code \\u} escapes in either hex case, and numbers of every
 * shape: sign, zero, long integers, fractions, exponents with {@code e}/{@code E} and signs.
 *
 * <p>Sizes stay inside what both parsers accept (see {@code JacksonDifferentialTest}): nesting at
 * most {@value #MAX_DEPTH} levels (ours allows 64, Jackson 1000), numbers under 100 characters
 * (Jackson allows 1000, ours any), names under 20 characters (Jackson allows 50,000).
 */
final class JsonTexts {
    static final int MAX_DEPTH = 6;
    private static final String SHORT_ESCAPES = "\"\\/bfnrt";
    private static final String SHORT_DECODED = "\"\\/\b\f\n\r\t";

    private JsonTexts() {
    }

    /** A string as JSON text together with the value it decodes to. */
    record Str(String value, String json) {
    }

    /** A whole document: optional whitespace, any value, optional whitespace. */
    static Arbitrary<String> documents() {
        return Combinators.combine(whitespace(), value(0), whitespace()).as((a, v, b) -> a + v + b);
    }

    /** A document whose root is an array or an object, so that any proper prefix of it is incomplete. */
    static Arbitrary<String> containerDocuments() {
        return Combinators.combine(whitespace(), container(0), whitespace()).as((a, v, b) -> a + v + b);
    }

    static Arbitrary<String> value(int depth) {
        if (depth >= MAX_DEPTH) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar()),
                Tuple.of(3, Arbitraries.lazy(() -> container(depth))));
    }

    static Arbitrary<String> container(int depth) {
        return Arbitraries.oneOf(Arbitraries.lazy(() -> array(depth + 1)), Arbitraries.lazy(() -> object(depth + 1)));
    }

    static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, strings().map(Str::json)),
                Tuple.of(4, numbers()),
                Tuple.of(1, Arbitraries.of("true", "false", "null")));
    }

    private static Arbitrary<String> array(int depth) {
        Arbitrary<String> element = Combinators.combine(whitespace(), value(depth), whitespace()).as((a, v, b) -> a + v + b);
        return Combinators.combine(element.list().ofMaxSize(4), whitespace())
                .as((elements, inside) -> "[" + (elements.isEmpty() ? inside : String.join(",", elements)) + "]");
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<Member> member = Combinators.combine(whitespace(), names(), whitespace(), whitespace(), value(depth), whitespace())
                .as((a, name, b, c, v, d) -> new Member(name.value(), a + name.json() + b + ":" + c + v + d));
        return Combinators.combine(member.list().ofMaxSize(4).uniqueElements(Member::name), whitespace())
                .as((members, inside) -> "{" + (members.isEmpty() ? inside
                        : members.stream().map(Member::json).collect(Collectors.joining(","))) + "}");
    }

    private record Member(String name, String json) {
    }

    static Arbitrary<Str> names() {
        return pieces().list().ofMaxSize(6).map(JsonTexts::quoted);
    }

    static Arbitrary<Str> strings() {
        return pieces().list().ofMaxSize(12).map(JsonTexts::quoted);
    }

    private static Str quoted(List<Str> pieces) {
        StringBuilder value = new StringBuilder();
        StringBuilder json = new StringBuilder("\"");
        for (Str piece : pieces) {
            value.append(piece.value());
            json.append(piece.json());
        }
        return new Str(value.toString(), json.append('"').toString());
    }

    /** One character of a string, spelled raw or escaped. */
    private static Arbitrary<Str> pieces() {
        Arbitrary<Str> printable = Arbitraries.chars().range(' ', '~').filter(c -> c != '"' && c != '\\')
                .map(c -> new Str(String.valueOf(c), String.valueOf(c)));
        Arbitrary<Str> rawBmp = Arbitraries.oneOf(Arbitraries.chars().range('\u007f', '\ud7ff'),
                Arbitraries.chars().range('\ue000', '\uffff')).map(c -> new Str(String.valueOf(c), String.valueOf(c)));
        Arbitrary<Str> rawSupplementary = Arbitraries.integers().between(0x10000, 0x10FFFF)
                .map(cp -> new Str(Character.toString(cp), Character.toString(cp)));
        Arbitrary<Str> rawLoneSurrogate = Arbitraries.chars().range('\ud800', '\udfff')
                .map(c -> new Str(String.valueOf(c), String.valueOf(c)));
        Arbitrary<Str> shortEscape = Arbitraries.integers().between(0, SHORT_ESCAPES.length() - 1)
                .map(i -> new Str(String.valueOf(SHORT_DECODED.charAt(i)), "\\" + SHORT_ESCAPES.charAt(i)));
        Arbitrary<Str> unicodeEscape = Combinators.combine(Arbitraries.chars().all(), Arbitraries.of(true, false))
                .as((c, upper) -> new Str(String.valueOf(c), escape(c, upper)));
        Arbitrary<Str> escapedPair = Combinators.combine(Arbitraries.integers().between(0x10000, 0x10FFFF), Arbitraries.of(true, false))
                .as((cp, upper) -> {
                    String pair = Character.toString(cp);
                    return new Str(pair, escape(pair.charAt(0), upper) + escape(pair.charAt(1), upper));
                });
        return Arbitraries.frequencyOf(
                Tuple.of(10, printable),
                Tuple.of(3, rawBmp),
                Tuple.of(2, rawSupplementary),
                Tuple.of(1, rawLoneSurrogate),
                Tuple.of(3, shortEscape),
                Tuple.of(3, unicodeEscape),
                Tuple.of(1, escapedPair));
    }

    static String escape(char c, boolean upper) {
        String hex = String.format("%04x", (int) c);
        return "\\u" + (upper ? hex.toUpperCase(Locale.ROOT) : hex);
    }

    /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? with lengths from one digit to dozens. */
    static Arbitrary<String> numbers() {
        Arbitrary<String> sign = Arbitraries.of("", "-");
        Arbitrary<String> integer = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("0")),
                Tuple.of(4, Combinators.combine(Arbitraries.chars().range('1', '9'), digits(0, 6)).as((d, ds) -> d + ds)),
                Tuple.of(1, Combinators.combine(Arbitraries.chars().range('1', '9'), digits(15, 40)).as((d, ds) -> d + ds)));
        Arbitrary<String> fraction = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("")),
                Tuple.of(1, digits(1, 25).map(ds -> "." + ds)));
        Arbitrary<String> exponent = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"), digits(1, 4))
                        .as((e, s, ds) -> e + s + ds)));
        return Combinators.combine(sign, integer, fraction, exponent).as((s, i, f, e) -> s + i + f + e);
    }

    private static Arbitrary<String> digits(int min, int max) {
        return Arbitraries.strings().numeric().ofMinLength(min).ofMaxLength(max);
    }

    /** Mostly nothing; otherwise one to three of the four JSON whitespace characters. */
    static Arbitrary<String> whitespace() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().withChars(" \t\n\r").ofMinLength(1).ofMaxLength(3)));
    }
}
