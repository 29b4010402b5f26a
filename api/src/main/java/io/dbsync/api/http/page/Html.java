package io.dbsync.api.http.page;

import org.owasp.encoder.Encode;

/**
 * The page's only way to print a value. Collection names, errors and user names come from the
 * user's database and requests (a collection may be named {@code <script>…}), so every value goes
 * through OWASP's encoder, which is safe both in element content and in quoted attribute values
 * (it escapes {@code & < > " '}).
 */
final class Html {
    private Html() {
    }

    /** The value as text; null prints as nothing. */
    static String text(Object value) {
        return value == null ? "" : Encode.forHtml(String.valueOf(value));
    }

    /** {@code <tag class="css">text</tag>}, the text escaped; {@code css} is a constant of this package. */
    static String element(String tag, String css, Object value) {
        return "<" + tag + (css == null ? "" : " class=\"" + css + "\"") + ">" + text(value) + "</" + tag + ">";
    }

    static String cell(Object value) {
        return element("td", null, value);
    }

    static String numberCell(Object value) {
        return element("td", "num", value);
    }
}
