package io.dbsync.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Records a cdk-nag finding we accept on purpose, always with the reason next to the resource
 * it is about (cdk-nag stores it in the template's metadata, where a reviewer sees it).
 */
final class NagExemptions {

    private NagExemptions() {
    }

    static void exempt(IConstruct resource, String ruleId, String reason) {
        NagSuppressions.addResourceSuppressions(resource,
                List.of(NagPackSuppression.builder().id(ruleId).reason(checked(reason)).build()), true);
    }

    /** Exempts only the findings whose cdk-nag "appliesTo" string matches {@code regex}, written as cdk-nag wants it: {@code /pattern/flags}. */
    static void exemptMatching(IConstruct resource, String ruleId, String regex, String reason) {
        NagSuppressions.addResourceSuppressions(resource, List.of(NagPackSuppression.builder()
                .id(ruleId)
                .reason(checked(reason))
                .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build()))
                .build()), true);
    }

    private static String checked(String reason) {
        if (reason.strip().length() < 20) {
            throw new IllegalArgumentException("a cdk-nag exemption needs a real reason, got: " + reason);
        }
        return reason;
    }
}
