package io.dbsync.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The secret that holds the Lambda-hosted API's connection strings as one JSON object
 * ({@code DATABASE_URL}, {@code SOURCE_MONGODB_URI}, {@code TARGET_MONGODB_URI}): an existing one,
 * or one created with empty values that the operator fills in after the first deploy. The API
 * refuses to start on an empty value, naming it, so a forgotten step fails loudly.
 */
public final class ApiConfigSecret extends Construct {

    /** @param existingSecret name or complete ARN of an existing secret; empty: create one */
    public record Props(Optional<String> existingSecret) {
    }

    private final String secretId;
    private final String policyResource;
    private final boolean createdByStack;

    public ApiConfigSecret(Construct scope, String id, Props props) {
        super(scope, id);
        this.createdByStack = props.existingSecret().isEmpty();
        if (props.existingSecret().isPresent()) {
            ExistingSecret existing = ExistingSecret.of(this, "Secret", props.existingSecret().get(), Parameter.API_CONFIG_SECRET);
            this.secretId = existing.secretId();
            this.policyResource = existing.policyResource();
            return;
        }
        Map<String, SecretValue> placeholders = new LinkedHashMap<>();
        for (String key : ApiContract.CONFIG_SECRET_KEYS) {
            // Empty on purpose: the template holds no credential, and the API names what is missing.
            placeholders.put(key, SecretValue.unsafePlainText(""));
        }
        Secret created = Secret.Builder.create(this, "Secret")
                .description("dbsync API connection strings, as JSON: " + String.join(", ", ApiContract.CONFIG_SECRET_KEYS)
                        + ". Created empty: put the values in with put-secret-value before the first run (docs/deploy.md).")
                .secretObjectValue(placeholders)
                .build();
        NagExemptions.exempt(created, "AwsSolutions-SMG4",
                "The secret holds connection strings whose passwords live in MongoDB Atlas and the PostgreSQL provider; a"
                        + " Secrets Manager rotation Lambda cannot change them there. Rotate at the provider, then"
                        + " put-secret-value (docs/deploy.md).");
        this.secretId = created.getSecretArn();
        this.policyResource = created.getSecretArn();
    }

    /** What the API is given as DBSYNC_CONFIG_SECRET_ID: the ARN or the name, never the value. */
    public String secretId() {
        return secretId;
    }

    public boolean createdByStack() {
        return createdByStack;
    }

    /** Lets {@code grantee} read this one secret (GetSecretValue only; the extension needs nothing else). */
    public void grantRead(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .sid("ReadApiConfiguration")
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(policyResource))
                .build());
    }
}
