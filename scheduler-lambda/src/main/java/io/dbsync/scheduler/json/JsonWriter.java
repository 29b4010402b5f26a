package io.dbsync.scheduler.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one compact JSON document on one line. Every character outside printable ASCII is
 * escaped as {@code \\uXXXX}, so the line stays valid JSON whatever encoding stdout uses and a
 * stray newline in a message can never split a log event in two. A lone surrogate is escaped
 * like any other unit, so any Java string round-trips.
 *
 * <p>Values are strings, whole numbers and {@code null}: all the scheduler's lines need. Member
 * names are not checked for duplicates; callers write fixed names.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder(256);
    /** Per open container: has it got a member yet (so the next one needs a comma)? */
    private final Deque<Boolean> hasMember = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        hasMember.push(false);
        return this;
    }

    public JsonWriter endObject() {
        hasMember.pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        hasMember.push(false);
        return this;
    }

    public JsonWriter endArray() {
        hasMember.pop();
        out.append(']');
        return this;
    }

    public JsonWriter name(String name) {
        beforeValue();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!hasMember.isEmpty()) {
            if (hasMember.pop()) {
                out.append(',');
            }
            hasMember.push(true);
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
