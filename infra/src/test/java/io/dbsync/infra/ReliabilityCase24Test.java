package io.dbsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * docs/reliability.md case 24: the deployed alarms and schedule say what they should. Prints the
 * figure {@code checksPassed/total}; the single-fact tests in the other classes say which check
 * broke when one does.
 */
class ReliabilityCase24Test {

    @Test
    void passesEveryCase24Check() {
        Template template = TestStacks.template(TestStacks.typicalContext());
        String topic = TestStacks.onlyId(template, "AWS::SNS::Topic");
        Map<String, Object> fn = TestStacks.onlyProperties(template, "AWS::Lambda::Function");
        Map<String, Object> target = firstTarget(template);
        CloudWatchJsonFilter filter = TestStacks.deployedFilter(template, SchedulerContract.METRIC_SYNC_FAILURE_LINES);

        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("failure-line alarm treats missing data as notBreaching",
                () -> "notBreaching".equals(TestStacks.alarm(template, "SyncFailed").get("TreatMissingData")));
        checks.put("Lambda Errors alarm treats missing data as notBreaching",
                () -> "notBreaching".equals(TestStacks.alarm(template, "LambdaErrors").get("TreatMissingData")));
        checks.put("freshness alarm on SyncSucceeded treats missing data as breaching",
                () -> "breaching".equals(TestStacks.alarm(template, "SyncStale").get("TreatMissingData"))
                        && "SyncSucceeded".equals(TestStacks.alarm(template, "SyncStale").get("MetricName")));
        checks.put("Lambda timeout > HTTP timeout",
                () -> ((Number) fn.get("Timeout")).intValue() > Integer.parseInt((String) variables(fn).get("DBSYNC_HTTP_TIMEOUT_SECONDS")));
        checks.put("EventBridge target has a retry policy", () -> target.get("RetryPolicy") instanceof Map<?, ?>);
        checks.put("EventBridge target has an SQS dead-letter queue",
                () -> String.valueOf(target.get("DeadLetterConfig")).contains(TestStacks.onlyId(template, "AWS::SQS::Queue")));
        checks.put("async retries <= 1", () -> ((Number) TestStacks.onlyProperties(template, "AWS::Lambda::EventInvokeConfig")
                .get("MaximumRetryAttempts")).intValue() <= 1);
        checks.put("SNS e-mail subscription", () -> "email".equals(
                TestStacks.onlyProperties(template, "AWS::SNS::Subscription").get("Protocol")));
        checks.put("every alarm notifies the SNS topic", () -> TestStacks.resources(template, "AWS::CloudWatch::Alarm").values()
                .stream().allMatch(a -> List.of(Map.of("Ref", topic)).equals(TestStacks.properties(a).get("AlarmActions"))));
        checks.put("metric filter: 0 false negatives over the scheduler's failure lines",
                () -> FailureLinePatternTest.failureLines().stream().allMatch(filter::matches));
        checks.put("metric filter: 0 false positives over success, EMF and Lambda lines",
                () -> FailureLinePatternTest.otherLines().stream().noneMatch(filter::matches));

        long passed = checks.entrySet().stream().filter(check -> {
            boolean ok;
            try {
                ok = check.getValue().getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            System.out.println("case24 " + (ok ? "PASS" : "FAIL") + " " + check.getKey());
            return ok;
        }).count();
        System.out.println("case24 checksPassed/total = " + passed + "/" + checks.size());
        assertThat(passed).isEqualTo(checks.size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstTarget(Template template) {
        List<Map<String, Object>> targets = (List<Map<String, Object>>) TestStacks.onlyProperties(template, "AWS::Events::Rule").get("Targets");
        return targets.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> fn) {
        return (Map<String, Object>) ((Map<String, Object>) fn.get("Environment")).get("Variables");
    }
}
