package io.dbsync.api.config;

import java.util.regex.Pattern;

/** Removes passwords from connection strings and from any text that may contain one. */
public final class Redactor {
    // scheme://user:password@host — the password runs to the last '@' before the path, so an
    // unescaped '@' inside it is not mistaken for the end.
    private static final Pattern URI_PASSWORD =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*):[^\\s/]*@");
    // password=... in JDBC query strings or key=value settings.
    private static final Pattern PASSWORD_PARAM =
            Pattern.compile("(?i)((?:password|pwd|secret|authMechanismProperties|sslKeyPassword)=)[^&;\\s]*");

    private Redactor() {
    }

    /** The text with every credential it carries replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUserInfo = URI_PASSWORD.matcher(text).replaceAll("$1:***@");
        return PASSWORD_PARAM.matcher(withoutUserInfo).replaceAll("$1***");
    }
}
