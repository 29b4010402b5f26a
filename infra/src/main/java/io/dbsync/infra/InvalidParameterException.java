package io.dbsync.infra;

/** A deploy parameter is missing or wrong; the message names it and says how to fix it. */
public final class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String message) {
        super(message);
    }
}
