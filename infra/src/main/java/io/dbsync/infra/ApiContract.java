package io.dbsync.infra;

/**
 * What the stack relies on when it hosts the API on Lambda: the jar and start script, the API's
 * environment variables, and the AWS Lambda Web Adapter's settings (awslabs/aws-lambda-web-adapter,
 * docs/guide/src/getting-started/zip-packages.md and configuration/environment-variables.md).
 */
public final class ApiContract {

    /** A class file the API's shaded jar must contain; rejects a wrong jar at synth time. */
    public static final String MAIN_CLASS_ENTRY = "io/dbsync/api/Main.class";
    /** The jar's name in the function package; run.sh starts it by this name. */
    public static final String JAR_NAME = "dbsync-api.jar";
    /** The start script, relative to infra/; the Web Adapter execs it as the function's handler. */
    public static final String RUN_SCRIPT = "../api/src/lambda/run.sh";
    public static final String HANDLER = "run.sh";
    /** Where jar and script are staged together as the function's code asset, relative to infra/. */
    public static final String STAGING_DIR = "target/api-lambda-asset";

    /** The Web Adapter runs the handler script through this wrapper (its bootstrap). */
    public static final String EXEC_WRAPPER = "/opt/bootstrap";
    /** Account that publishes the Web Adapter layer in the commercial regions. */
    public static final String WEB_ADAPTER_LAYER_ACCOUNT = "753240598075";
    /** Current layer version in the adapter's docs (README and zip-packages.md, v1.0.0, 2026-03-20). */
    public static final int WEB_ADAPTER_LAYER_VERSION = 26;
    public static final String WEB_ADAPTER_LAYER_NAME_ARM64 = "LambdaAdapterLayerArm64";
    /** The port the API listens on inside the function (PORT) and the adapter forwards to. */
    public static final int PORT = 8080;
    /** The adapter's readiness check: the API is ready once this answers (it always answers 200). */
    public static final String READINESS_PATH = "/health";

    public static final String ENV_CONFIG_SECRET_ID = "DBSYNC_CONFIG_SECRET_ID";
    public static final String ENV_SYNC_WAIT_SECONDS = "SYNC_WAIT_SECONDS";
    /** A Lambda freezes once it has answered: a run still going at the end of the wait is stopped, never answered 202. */
    public static final String ENV_SYNC_WITHIN_REQUEST = "SYNC_WITHIN_REQUEST";
    public static final String ENV_SNAPSHOT_URI = "SNAPSHOT_URI";
    /**
     * Behind a function URL every request reaches the API from the Web Adapter on localhost; the
     * caller's address is the one the function URL put into X-Forwarded-For (one hop).
     */
    public static final String ENV_TRUSTED_PROXY_HOPS = "TRUSTED_PROXY_HOPS";
    public static final int TRUSTED_PROXY_HOPS = 1;
    /** The variables the configuration secret holds (JSON keys). */
    public static final String[] CONFIG_SECRET_KEYS = {"DATABASE_URL", "SOURCE_MONGODB_URI", "TARGET_MONGODB_URI"};

    /**
     * Seconds between SYNC_WAIT_SECONDS and the function timeout: a cold start (JVM, Flyway,
     * connection pools) plus writing the answer, so a run that ends within the wait is answered
     * before Lambda stops the function.
     */
    public static final int ANSWER_MARGIN_SECONDS = 60;
    /** The scheduler's default HTTP timeout is the API's wait plus this (cold start, answer, network). */
    public static final int SCHEDULER_HTTP_ALLOWANCE_SECONDS = 40;
    /** The scheduler's HTTP timeout must exceed the API's wait by at least this much. */
    public static final int SCHEDULER_HTTP_MIN_ALLOWANCE_SECONDS = 20;
    /** The scheduler's Lambda timeout when the API is hosted on Lambda and none is given. */
    public static final int SCHEDULER_TIMEOUT_WITH_LAMBDA_API_SECONDS = 900;

    private ApiContract() {
    }
}
