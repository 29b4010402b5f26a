package io.dbsync.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An evaluator of CloudWatch Logs JSON filter patterns ({@code { $.a = "x" && ... }}), written from
 * the "Using filter patterns to match terms in JSON log events" page, for the subset a metric
 * filter here may use: selectors {@code $.a.b} and {@code $.a[0]}; {@code =} and {@code !=} on
 * strings (quoted or bare, {@code *} as wildcard); {@code = != < <= > >=} on numbers;
 * {@code IS TRUE|FALSE|NULL}; {@code NOT EXISTS}; {@code &&}, {@code ||} and parentheses.
 * Anything else is rejected rather than guessed, so a pattern this cannot judge fails the test.
 *
 * <p>Semantics as documented: an event that is not a JSON object never matches; a comparison
 * whose selector is absent is false (except {@code NOT EXISTS}); string comparison is exact and
 * case-sensitive apart from wildcards and applies only to string values; numeric comparison
 * applies only to numbers.
 */
final class CloudWatchJsonFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Predicate<JsonNode> predicate;
    private final String pattern;

    private CloudWatchJsonFilter(String pattern, Predicate<JsonNode> predicate) {
        this.pattern = pattern;
        this.predicate = predicate;
    }

    static CloudWatchJsonFilter parse(String pattern) {
        String p = pattern.strip();
        if (!p.startsWith("{") || !p.endsWith("}")) {
            throw new UnsupportedOperationException("not a JSON filter pattern: " + pattern);
        }
        Parser parser = new Parser(tokenize(p.substring(1, p.length() - 1)));
        Predicate<JsonNode> predicate = parser.expression();
        parser.expectEnd();
        return new CloudWatchJsonFilter(pattern, predicate);
    }

    /** Whether CloudWatch Logs would count this log event's message. */
    boolean matches(String logEvent) {
        JsonNode event;
        try {
            event = JSON.readTree(logEvent);
        } catch (JsonProcessingException e) {
            return false;
        }
        return event != null && event.isObject() && predicate.test(event);
    }

    @Override
    public String toString() {
        return pattern;
    }

    // --- tokens -------------------------------------------------------------------------------

    private record Token(String kind, String text) {
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), String.valueOf(c)));
                i++;
            } else if (s.startsWith("&&", i) || s.startsWith("||", i)) {
                tokens.add(new Token(s.substring(i, i + 2), s.substring(i, i + 2)));
                i += 2;
            } else if (s.startsWith("!=", i) || s.startsWith("<=", i) || s.startsWith(">=", i)) {
                tokens.add(new Token("op", s.substring(i, i + 2)));
                i += 2;
            } else if (c == '=' || c == '<' || c == '>') {
                tokens.add(new Token("op", String.valueOf(c)));
                i++;
            } else if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                        i++;
                    }
                    text.append(s.charAt(i++));
                }
                if (i >= s.length()) {
                    throw new UnsupportedOperationException("unterminated string in pattern");
                }
                i++;
                tokens.add(new Token("string", text.toString()));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()=!<>&|\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                if (start == i) {
                    throw new UnsupportedOperationException("unexpected character '" + c + "' in pattern");
                }
                String word = s.substring(start, i);
                tokens.add(new Token(word.startsWith("$") ? "selector" : "word", word));
            }
        }
        return tokens;
    }

    // --- grammar: expr := and ('||' and)* ; and := atom ('&&' atom)* ; atom := '(' expr ')' | comparison

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Predicate<JsonNode> expression() {
            Predicate<JsonNode> left = conjunction();
            while (peek("||")) {
                pos++;
                left = left.or(conjunction());
            }
            return left;
        }

        private Predicate<JsonNode> conjunction() {
            Predicate<JsonNode> left = atom();
            while (peek("&&")) {
                pos++;
                left = left.and(atom());
            }
            return left;
        }

        private Predicate<JsonNode> atom() {
            if (peek("(")) {
                pos++;
                Predicate<JsonNode> inner = expression();
                expect(")");
                return inner;
            }
            Token selector = next();
            if (!selector.kind().equals("selector")) {
                throw new UnsupportedOperationException("expected a $. selector, got: " + selector.text());
            }
            List<Object> path = path(selector.text());
            Token t = next();
            if (t.kind().equals("word") && t.text().equals("IS")) {
                String what = next().text();
                return switch (what) {
                    case "TRUE" -> node -> at(node, path, v -> v.isBoolean() && v.booleanValue());
                    case "FALSE" -> node -> at(node, path, v -> v.isBoolean() && !v.booleanValue());
                    case "NULL" -> node -> at(node, path, JsonNode::isNull);
                    default -> throw new UnsupportedOperationException("IS " + what);
                };
            }
            if (t.kind().equals("word") && t.text().equals("NOT")) {
                String what = next().text();
                if (!what.equals("EXISTS")) {
                    throw new UnsupportedOperationException("NOT " + what);
                }
                return node -> resolve(node, path) == null;
            }
            if (!t.kind().equals("op")) {
                throw new UnsupportedOperationException("expected an operator after " + selector.text() + ", got: " + t.text());
            }
            Token value = next();
            return comparison(path, t.text(), value);
        }

        private static Predicate<JsonNode> comparison(List<Object> path, String op, Token value) {
            boolean number = value.kind().equals("word") && value.text().matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
            if (number) {
                BigDecimal expected = new BigDecimal(value.text());
                return node -> at(node, path, v -> v.isNumber() && compare(v.decimalValue().compareTo(expected), op));
            }
            if (!op.equals("=") && !op.equals("!=")) {
                throw new UnsupportedOperationException("operator " + op + " on a string value");
            }
            Pattern glob = Pattern.compile(glob(value.text()), Pattern.DOTALL);
            boolean equals = op.equals("=");
            return node -> at(node, path, v -> v.isTextual() && glob.matcher(v.textValue()).matches() == equals);
        }

        private static boolean compare(int cmp, String op) {
            return switch (op) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> throw new UnsupportedOperationException(op);
            };
        }

        private static String glob(String text) {
            String[] parts = text.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(parts[i]));
            }
            return regex.toString();
        }

        private static List<Object> path(String selector) {
            if (!selector.startsWith("$")) {
                throw new UnsupportedOperationException(selector);
            }
            List<Object> path = new ArrayList<>();
            var m = Pattern.compile("\\.([A-Za-z0-9_\\-]+)|\\[(\\d+)]").matcher(selector);
            int at = 1;
            while (at < selector.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new UnsupportedOperationException("selector syntax not supported here: " + selector);
                }
                path.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
                at = m.end();
            }
            return path;
        }

        /** Whether the value at {@code path} exists and satisfies {@code test}. */
        private static boolean at(JsonNode node, List<Object> path, Predicate<JsonNode> test) {
            JsonNode value = resolve(node, path);
            return value != null && test.test(value);
        }

        /** The value at {@code path}, or null when absent. */
        private static JsonNode resolve(JsonNode node, List<Object> path) {
            JsonNode current = node;
            for (Object step : path) {
                current = step instanceof Integer index ? current.get(index) : current.get((String) step);
                if (current == null) {
                    return null;
                }
            }
            return current;
        }

        private boolean peek(String kind) {
            return pos < tokens.size() && tokens.get(pos).kind().equals(kind);
        }

        private Token next() {
            if (pos >= tokens.size()) {
                throw new UnsupportedOperationException("pattern ends too early");
            }
            return tokens.get(pos++);
        }

        private void expect(String kind) {
            Token t = next();
            if (!t.kind().equals(kind)) {
                throw new UnsupportedOperationException("expected " + kind + ", got: " + t.text());
            }
        }

        void expectEnd() {
            if (pos != tokens.size()) {
                throw new UnsupportedOperationException("unexpected: " + tokens.get(pos).text());
            }
        }
    }
}
