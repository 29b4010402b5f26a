package io.dbsync.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: reads the deploy parameters, builds one {@link DbSyncStack} and runs the cdk-nag
 * AwsSolutions checks over it (an unsuppressed finding is an error and fails `cdk synth`).
 */
public final class InfraApp {

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeployParameters params;
        try {
            params = DeployParameters.resolve(key -> app.getNode().tryGetContext(key), System.getenv(), Path.of(""));
            LambdaJar.require(params.lambdaJar());
            params.apiHosting().ifPresent(hosting -> ApiBundle.requireJar(hosting.jar()));
        } catch (InvalidParameterException e) {
            System.err.println("dbsync infra: " + e.getMessage());
            System.exit(2);
            return;
        }
        // The CLI sets these from the current credentials; without them the stack is
        // environment-agnostic and the extension layer ARN is resolved per region at deploy time.
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        new DbSyncStack(app, params.stackName(), StackProps.builder()
                .env(env)
                .description("dbsync: scheduled MongoDB standby sync — scheduler Lambda, schedule, alarms, dashboard"
                        + (params.apiHosting().isPresent() ? ", the API on Lambda" : "")
                        + (params.snapshots().enabled() ? ", restore-point bucket" : "") + " (infra/ in the dbsync repo)")
                .build(), params);
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }
}
