package io.dbsync.scheduler;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one compact JSON document on one line. Every character outside printable ASCII is
 * escaped as {@code \\uXXXX}, so the line stays valid JSON whatever encoding stdout uses and a
 * stray newline in a message can never split a log event in two.
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder(256);
    /** Per open container: has it got a member yet (so the next one needs a comma)? */
    private final Deque<Boolean> hasMember = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        hasMember.push(false);
        return this;
    }

    JsonWriter endObject() {
        hasMember.pop();
        out.append('}');
        return this;
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        hasMember.push(false);
        return this;
    }

    JsonWriter endArray() {
        hasMember.pop();
        out.append(']');
        return this;
    }

    JsonWriter name(String name) {
        beforeValue();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    JsonWriter member(String name, long value) {
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
