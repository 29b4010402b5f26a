package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which commands Atlas's shared tiers refuse, which ones write, and which ones count against the operations budget. */
final class Commands {

    /**
     * "Unsupported Commands in M0 and Flex Clusters" (mongodb/docs content/atlas/source/unsupported-commands.txt),
     * the entries that are commands (not shell methods or pipeline stages), lower case; setProfilingLevel is the
     * {@code profile} command.
     */
    static final Set<String> REFUSED = Set.of(
            "_migrateclone", "_recvchunkabort", "_recvchunkcommit", "_recvchunkstart", "_recvchunkstatus",
            "_transfermods", "appendoplognote", "applyops", "authenticate", "autocompact", "authschemaupgrade",
            "cleanuporphaned", "clonecollection", "clonecollectionascapped", "compact", "copydbgetnonce",
            "copydbsaslstart", "createrole", "createuser", "currentopctx", "datasize", "dbhash",
            "dropallrolesfromdatabase", "dropallusersfromdatabase", "dropconnections", "droprole",
            "enablefreemonitoring", "forcerror", "fsync", "fsyncunlock", "getdiagnosticdata", "getpreverror",
            "getshardmap", "grantprivilegestorole", "grantrolestorole", "grantrolestouser", "handshake", "hostinfo",
            "invalidateusercache", "killallsessions", "killallsessionsbypattern", "killanysession", "killsessions",
            "lockinfo", "logrotate", "logapplicationmessage", "shardedfinish", "mapreduce", "plancacheclear",
            "plancacheclearfilters", "plancachelistfilters", "plancachelistplans", "plancachelistqueryshapes",
            "plancachesetfilter", "reindex", "repaircursor", "repairdatabase", "replsetdeclareelectionwinner",
            "replsetelect", "replsetfreeze", "replsetfresh", "replsetgetconfig", "replsetgetrbid",
            "replsetgetstatus", "replsetheartbeat", "replsetinitiate", "replsetmaintenance", "replsetreconfig",
            "replsetrequestvotes", "replsetstepdown", "replsetstepup", "replsetsyncfrom", "replsetupdateposition",
            "resync", "revokeprivilegesfromrole", "revokerolesfromrole", "revokerolesfromuser",
            "setclusterparameter", "setfeaturecompatibilityversion", "setloglevel", "setparameter", "profile",
            "shutdown", "updaterole", "updateuser", "usersinfo", "validate");

    /**
     * Connection set-up and monitoring, not reads or writes: the driver's handshake and heartbeats, and
     * its session clean-up at close. They never wait for the budget and are not counted.
     */
    static final Set<String> NOT_OPERATIONS = Set.of(
            "hello", "ismaster", "ping", "buildinfo", "saslstart", "saslcontinue", "getnonce", "whatsmyuri",
            "endsessions");

    /** Commands that change what is stored; the profile runs them one at a time. */
    private static final Set<String> WRITES = Set.of(
            "insert", "update", "delete", "findandmodify", "create", "createindexes", "drop", "dropindexes",
            "dropdatabase", "renamecollection");

    private Commands() {
    }

    static String key(String command) {
        return command.toLowerCase(Locale.ROOT);
    }

    static boolean isOperation(String command) {
        return !NOT_OPERATIONS.contains(key(command));
    }

    static boolean isWrite(String command, Document query) {
        String key = key(command);
        return WRITES.contains(key) || key.equals("aggregate") && outputStage(query) != null;
    }

    /** The {@code $out} or {@code $merge} stage that ends an aggregation pipeline, or null. */
    static Document outputStage(Document query) {
        if (query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                && pipeline.get(pipeline.size() - 1) instanceof Document last
                && (last.containsKey("$out") || last.containsKey("$merge"))) {
            return last;
        }
        return null;
    }

    /** The command a wire message carries, as the throttle sees it before mongo-java-server does. */
    static String nameOf(Object message) {
        if (message instanceof MongoMessage opMsg) {
            return firstKey(opMsg.getDocument());
        }
        if (message instanceof MongoQuery query) {
            if (!query.getCollectionName().startsWith("$cmd")) {
                return "find";
            }
            Document command = query.getQuery();
            return command.get("$query") instanceof Document wrapped ? firstKey(wrapped) : firstKey(command);
        }
        return "";
    }

    static String firstKey(Document document) {
        return document == null || document.isEmpty() ? "" : document.keySet().iterator().next();
    }
}
