package io.dbsync.scheduler.json;

import java.math.BigDecimal;

/**
 * The text being parsed and the position in it, with the readers of single tokens (strings,
 * numbers, literals, whitespace). {@link JsonParser} puts the tokens together into values.
 */
final class JsonText {
    private final String text;
    private int pos;

    JsonText(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The current character, or NUL at the end (NUL never starts a valid token here). */
    char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void skip() {
        pos++;
    }

    char next(String whatIfEnd) throws JsonException {
        if (pos >= text.length()) {
            throw error(whatIfEnd);
        }
        return text.charAt(pos++);
    }

    void expect(char c) throws JsonException {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** RFC 8259 whitespace only: space, tab, line feed, carriage return. */
    void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    int position() {
        return pos;
    }

    void moveTo(int position) {
        pos = position;
    }

    String readString() throws JsonException {
        pos++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("unterminated string");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next("unterminated escape");
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(readHex4()); break;
                default:
                    pos--;
                    throw error("invalid escape");
            }
        }
    }

    /** Any UTF-16 unit, a lone surrogate included: RFC 8259 §8.2 allows it, and so does Jackson. */
    private char readHex4() throws JsonException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw error("invalid \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    BigDecimal readNumber() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw error("invalid number: digit expected after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("invalid number: digit expected in exponent");
            }
            skipDigits();
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            // An exponent beyond BigDecimal's int scale, e.g. 1e2147483648.
            pos = start;
            throw error("number out of range");
        }
    }

    Object readLiteral(String literal, Object value) throws JsonException {
        if (!text.startsWith(literal, pos)) {
            throw error("invalid literal");
        }
        pos += literal.length();
        return value;
    }

    JsonException error(String what) {
        return new JsonException("invalid JSON at offset " + pos + ": " + what);
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
