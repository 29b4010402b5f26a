package io.dbsync.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The API itself on Lambda (issue 18, {@code -c hostApi=lambda}): the unchanged api jar on the
 * managed Java 21 runtime, started by {@code run.sh} through the AWS Lambda Web Adapter layer,
 * behind a function URL with auth type NONE (Basic auth stays in the app). Its connection strings
 * come from {@link ApiConfigSecret} through the Parameters and Secrets extension; its role may
 * write its own log group, read that one secret, and whatever {@code writerPolicies} allow.
 */
public final class ApiFunction extends Construct {

    /**
     * @param extensionLayerArn empty: aws-cdk-lib's mapping of the Parameters and Secrets layer
     * @param extraEnvironment  further variables for the API (SNAPSHOT_URI)
     * @param writerPolicies    managed policies attached to the function's role (the restore-point writer)
     */
    public record Props(
            ApiHosting hosting,
            ApiConfigSecret config,
            RetentionDays logRetention,
            Optional<String> extensionLayerArn,
            Map<String, String> extraEnvironment,
            List<IManagedPolicy> writerPolicies) {
    }

    private final Function function;
    private final LogGroup logGroup;
    private final Role role;
    private final FunctionUrl url;
    private final Duration timeout;

    public ApiFunction(Construct scope, String id, Props props) {
        super(scope, id);
        ApiHosting hosting = props.hosting();
        this.timeout = hosting.timeout();
        this.logGroup = LogGroup.Builder.create(this, "LogGroup").retention(props.logRetention()).build();

        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("dbsync API on Lambda: write its own log group, read its configuration secret")
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("WriteOwnLogGroup")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        props.config().grantRead(role);
        props.writerPolicies().forEach(role::addManagedPolicy);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_EXEC_WRAPPER", ApiContract.EXEC_WRAPPER);
        environment.put("PORT", String.valueOf(ApiContract.PORT));
        environment.put("AWS_LWA_PORT", String.valueOf(ApiContract.PORT));
        environment.put("AWS_LWA_READINESS_CHECK_PATH", ApiContract.READINESS_PATH);
        if (!hosting.snapStart()) {
            // A cold start (JVM, Flyway, pools) may pass Lambda's 10 s init window: let the first
            // request finish the readiness wait instead of having Lambda restart the init. With
            // SnapStart the snapshot must hold a ready API, so the init waits for it.
            environment.put("AWS_LWA_ASYNC_INIT", "true");
        }
        environment.put(ApiContract.ENV_SYNC_WAIT_SECONDS, hosting.syncWait().toSeconds().toString());
        environment.put(ApiContract.ENV_SYNC_WITHIN_REQUEST, "true");
        environment.put(ApiContract.ENV_TRUSTED_PROXY_HOPS, String.valueOf(ApiContract.TRUSTED_PROXY_HOPS));
        environment.put(ApiContract.ENV_CONFIG_SECRET_ID, props.config().secretId());
        environment.putAll(props.extraEnvironment());

        Function.Builder builder = Function.Builder.create(this, "Function")
                .description("The dbsync API (Javalin) behind a function URL, through the AWS Lambda Web Adapter")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(ApiContract.HANDLER)
                .code(Code.fromAsset(ApiBundle.stage(hosting.jar(), hosting.runScript(), hosting.stagingDir()).toString()))
                .memorySize(hosting.memoryMb())
                .timeout(hosting.timeout())
                .role(role)
                .logGroup(logGroup)
                .layers(List.of(LayerVersion.fromLayerVersionArn(this, "WebAdapter", webAdapterLayerArn(hosting))))
                .paramsAndSecrets(SecretsExtensionLayer.of(props.extensionLayerArn()))
                .environment(environment);
        if (hosting.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        this.function = builder.build();

        FunctionUrlOptions urlOptions = FunctionUrlOptions.builder().authType(FunctionUrlAuthType.NONE).build();
        if (hosting.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "The function URL points at the 'live' alias of the current version, so SnapStart applies.");
            Alias live = Alias.Builder.create(this, "Live").aliasName("live").version(function.getCurrentVersion()).build();
            this.url = live.addFunctionUrl(urlOptions);
        } else {
            this.url = function.addFunctionUrl(urlOptions);
        }

        NagExemptions.exempt(function, "AwsSolutions-L1",
                "The API is built and tested for Java 17+ and runs on the java21 LTS runtime like the scheduler; moving to"
                        + " a newer Java runtime is a deliberate change to both modules.");
    }

    private String webAdapterLayerArn(ApiHosting hosting) {
        return hosting.webAdapterLayerArn().orElseGet(() -> {
            Stack stack = Stack.of(this);
            return "arn:" + stack.getPartition() + ":lambda:" + stack.getRegion() + ":" + ApiContract.WEB_ADAPTER_LAYER_ACCOUNT
                    + ":layer:" + ApiContract.WEB_ADAPTER_LAYER_NAME_ARM64 + ":" + ApiContract.WEB_ADAPTER_LAYER_VERSION;
        });
    }

    public Function function() {
        return function;
    }

    public Role role() {
        return role;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** The function URL (ends with "/"), a deploy-time token. */
    public String url() {
        return url.getUrl();
    }

    public Duration timeout() {
        return timeout;
    }
}
