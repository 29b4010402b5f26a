package io.dbsync.infra;

import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLogLevel;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsOptions;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsVersions;

/**
 * The AWS Parameters and Secrets Lambda Extension, configured the same way for every dbsync
 * function that reads a secret: on {@code localhost:2773}, with a small cache and a short Secrets
 * Manager timeout so a stuck call fails the function (closed) instead of hanging it.
 */
final class SecretsExtensionLayer {

    private SecretsExtensionLayer() {
    }

    /** @param layerArn empty: aws-cdk-lib's per-region mapping of the AWS-published layer, for the function's architecture */
    static ParamsAndSecretsLayerVersion of(Optional<String> layerArn) {
        ParamsAndSecretsOptions options = ParamsAndSecretsOptions.builder()
                .httpPort(SchedulerContract.EXTENSION_HTTP_PORT)
                .cacheEnabled(true)
                .cacheSize(10)
                .secretsManagerTimeout(Duration.seconds(5))
                .secretsManagerTtl(Duration.minutes(5))
                .logLevel(ParamsAndSecretsLogLevel.WARN)
                .build();
        return layerArn
                .map(arn -> ParamsAndSecretsLayerVersion.fromVersionArn(arn, options))
                .orElseGet(() -> ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, options));
    }
}
