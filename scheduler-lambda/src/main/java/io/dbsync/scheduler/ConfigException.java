package io.dbsync.scheduler;

/** The environment is missing or misstates a setting; the message names the variable. */
public final class ConfigException extends SchedulerException {
    ConfigException(String message) {
        super("config_error", null, message, null);
    }
}
