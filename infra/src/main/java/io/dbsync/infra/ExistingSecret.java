package io.dbsync.infra;

import java.util.regex.Pattern;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * A secret the operator already has, named by name or by complete ARN, with the IAM resource
 * string that lets a role read exactly that secret.
 *
 * @param secretId       what a function passes to the extension: the ARN or the name, never the value
 * @param policyResource the ARN, or for a name the ARN pattern that matches Secrets Manager's suffix
 */
record ExistingSecret(ISecret secret, String secretId, String policyResource) {

    private static final Pattern COMPLETE_ARN =
            Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}");

    static ExistingSecret of(Construct scope, String id, String nameOrArn, Parameter parameter) {
        if (nameOrArn.startsWith("arn:")) {
            if (!COMPLETE_ARN.matcher(nameOrArn).matches()) {
                throw new InvalidParameterException(parameter.contextKey()
                        + " must be the secret's name or its complete ARN (ending in the 6-character suffix"
                        + " Secrets Manager adds), got: " + nameOrArn);
            }
            return new ExistingSecret(Secret.fromSecretCompleteArn(scope, id, nameOrArn), nameOrArn, nameOrArn);
        }
        // A secret's ARN ends with "-" and 6 random characters; by name, that suffix is unknown, and
        // "??????" (exactly six characters) is AWS's documented way to match it.
        String policyResource = Stack.of(scope).formatArn(ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .resourceName(nameOrArn + "-??????")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
        return new ExistingSecret(Secret.fromSecretNameV2(scope, id, nameOrArn), nameOrArn, policyResource);
    }
}
