package io.dbsync.scheduler;

/** Where the API password comes from, asked once per invocation. */
@FunctionalInterface
interface PasswordSource {
    /** @throws SecretUnavailableException when it cannot be had; the invocation then fails closed */
    String password(Deadline deadline);
}
