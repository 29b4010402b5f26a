package io.dbsync.testkit.atlas;

import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * Every error the profile answers, with Atlas's code and text where Atlas states or has been seen to
 * state them. Sources: "doc" = mongodb/docs (content/atlas/source/…); "seen" = the exact server reply
 * quoted in public bug reports; "assumed" = neither, the closest documented behaviour.
 */
final class AtlasErrors {
    static final int ATLAS_ERROR = 8000;
    static final String ATLAS_ERROR_NAME = "AtlasError";
    static final int OVERFLOW = 45;
    static final String OVERFLOW_NAME = "Overflow";

    private AtlasErrors() {
    }

    /**
     * Doc (reference/faq/storage.txt: code 8000 and this text, as a write error); seen with usage over the
     * quota ("516 MB of 512 MB", "512 MB of 512 MB", "2053 MB of 2048 MB"). The profile names the usage
     * the refused write would have reached, in whole megabytes rounded down.
     */
    static MongoServerError overQuota(long wouldUseBytes, long quotaBytes) {
        return atlas("you are over your space quota, using " + wouldUseBytes / AtlasProfile.MEGABYTE + " MB of "
                + quotaBytes / AtlasProfile.MEGABYTE + " MB");
    }

    /** Doc (unsupported-commands.txt: the text); code 8000 seen on refused commands (e.g. mapReduce). */
    static MongoServerError commandNotAllowed(String command) {
        return atlas(command + " is not allowed or the syntax is incorrect, see the Atlas documentation for more information.");
    }

    /** Seen (mongorestore into Atlas prints it as "(AtlasError) parameter storageEngine is disallowed in create command"). */
    static MongoServerError storageEngineDisallowed() {
        return atlas("parameter storageEngine is disallowed in create command");
    }

    /** Doc (free-shared-limitations.txt: no noTimeout cursors); text and code 8000 seen. */
    static MongoServerError noTimeoutCursor() {
        return atlas("noTimeout cursors are disallowed in this atlas tier");
    }

    /** Doc (the limit); text and code 8000 seen ("already using 527 collections of 500"). */
    static MongoServerError tooManyCollections(int using, int maximum) {
        return atlas("cannot create a new collection -- already using " + using + " collections of " + maximum);
    }

    /** Doc (the limit); text assumed by analogy with the collection limit. */
    static MongoServerError tooManyDatabases(int using, int maximum) {
        return atlas("cannot create a new database -- already using " + using + " databases of " + maximum);
    }

    /** Doc (the limit); text assumed, shaped like mongod's own "fully qualified namespace … is too long". */
    static MongoServerError namespaceTooLong(String namespace, int maximum) {
        return atlas("fully qualified namespace " + namespace + " is too long (max is " + maximum + " bytes)");
    }

    /** Doc (the limit); text assumed, shaped like the namespace one. */
    static MongoServerError databaseNameTooLong(String database, int maximum) {
        return atlas("database name " + database + " is too long (max is " + maximum + " bytes)");
    }

    /** Doc (free-shared-limitations.txt: no writes to local and config; the text). */
    static MongoServerError notAllowedInTier(String command) {
        return atlas("command " + command + " is not allowed in this Atlas tier");
    }

    /**
     * Doc (the limit of 50 levels); code and text assumed: mongod's own refusal of a too-deep document on
     * insert (ErrorCodes::Overflow, "cannot insert document because it exceeds N levels of nesting").
     */
    static MongoServerError nestedTooDeepOnInsert(int maximum) {
        return new MongoServerError(OVERFLOW, OVERFLOW_NAME,
                "cannot insert document because it exceeds " + maximum + " levels of nesting");
    }

    /** As {@link #nestedTooDeepOnInsert}, with mongod's text for updates ("Document exceeds maximum nesting depth of N"). */
    static MongoServerError nestedTooDeepOnUpdate(int maximum) {
        return new MongoServerError(OVERFLOW, OVERFLOW_NAME, "Document exceeds maximum nesting depth of " + maximum);
    }

    private static MongoServerError atlas(String message) {
        return new MongoServerError(ATLAS_ERROR, ATLAS_ERROR_NAME, message);
    }
}
