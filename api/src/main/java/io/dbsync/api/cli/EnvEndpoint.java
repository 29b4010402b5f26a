package io.dbsync.api.cli;

import io.dbsync.api.DbSyncException;
import io.dbsync.api.config.ConfigException;
import io.dbsync.api.config.MongoEndpoint;

/**
 * A database named by an environment variable on the command line ({@code --to-env VAR}): the
 * connection string is read from that variable, or asked for — never taken from the arguments,
 * where it would land in shell history and process listings.
 */
final class EnvEndpoint {
    private EnvEndpoint() {
    }

    static MongoEndpoint read(CliContext context, String variable) {
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException("'" + variable + "' is not an environment variable name");
        }
        String uri = context.env().get(variable);
        if (uri == null || uri.isBlank()) {
            try {
                uri = context.prompts().readSecret("the connection string for " + variable);
            } catch (DbSyncException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        return MongoEndpoint.parse(variable, uri, null, variable);
    }
}
