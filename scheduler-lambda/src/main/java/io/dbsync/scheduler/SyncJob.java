package io.dbsync.scheduler;

/** One scheduled sync, from credentials to the ended run; built once, run per invocation. */
@FunctionalInterface
interface SyncJob {
    /**
     * @return the ended run, whatever its status
     * @throws SchedulerException anything else: config, secret, transport, timeout; never a secret in its message
     */
    ApiRunReply run(Deadline deadline);

    /** A job for an environment that did not make sense: every invocation reports the same error. */
    static SyncJob failing(ConfigException error) {
        return deadline -> {
            throw error;
        };
    }
}
