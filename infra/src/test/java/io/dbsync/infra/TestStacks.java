package io.dbsync.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds the stack the way {@link InfraApp} does, with a tiny stand-in for the scheduler's jar
 * (so these tests do not depend on the Lambda build) and a fixed account and region.
 */
final class TestStacks {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String API_URL = "https://dbsync.test.example";
    static final String EMAIL = "ops@example.com";

    private static final Map<String, Object> CDK_JSON_CONTEXT = cdkJsonContext();

    private static Path fakeJar;
    private static Path fakeApiJar;

    private TestStacks() {
    }

    /** Context that a typical deploy passes: API URL and alarm e-mail; everything else default. */
    static Map<String, Object> typicalContext() {
        return Map.of(Parameter.API_URL.contextKey(), API_URL, Parameter.ALARM_EMAIL.contextKey(), EMAIL);
    }

    /** The API on Lambda, with the alarm e-mail; everything else default. */
    static Map<String, Object> lambdaContext(Object... keyValues) {
        Map<String, Object> context = new HashMap<>(Map.of(
                Parameter.HOST_API.contextKey(), "lambda", Parameter.ALARM_EMAIL.contextKey(), EMAIL));
        for (int i = 0; i < keyValues.length; i += 2) {
            context.put((String) keyValues[i], keyValues[i + 1]);
        }
        return context;
    }

    static Map<String, Object> typicalContextWith(Object... keyValues) {
        Map<String, Object> context = new HashMap<>(typicalContext());
        for (int i = 0; i < keyValues.length; i += 2) {
            context.put((String) keyValues[i], keyValues[i + 1]);
        }
        return context;
    }

    static DeployParameters params(Map<String, Object> context, Map<String, String> env) {
        Map<String, Object> withJar = new HashMap<>(context);
        withJar.putIfAbsent(Parameter.LAMBDA_JAR.contextKey(), fakeLambdaJar().toString());
        withJar.putIfAbsent(Parameter.API_JAR.contextKey(), fakeApiJar().toString());
        return DeployParameters.resolve(withJar::get, env, Path.of(""));
    }

    static DbSyncStack stack(Map<String, Object> context) {
        return stack(params(context, Map.of()));
    }

    static DbSyncStack stack(DeployParameters params) {
        // The feature flags in cdk.json change what constructs synthesise: test what ships.
        App app = App.Builder.create().context(CDK_JSON_CONTEXT).build();
        return new DbSyncStack(app, "DbSyncTest", StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(REGION).build())
                .build(), params);
    }

    static Template template(Map<String, Object> context) {
        return Template.fromStack(stack(context));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Path.of("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException("the tests run in infra/ and read its cdk.json", e);
        }
    }

    /** A jar holding an (empty) handler class entry: enough for {@link LambdaJar} and an asset. */
    static synchronized Path fakeLambdaJar() {
        if (fakeJar == null) {
            try {
                Path dir = Files.createTempDirectory("dbsync-infra-test");
                fakeJar = jarWithEntries(dir.resolve("dbsync-scheduler-lambda.jar"), SchedulerContract.HANDLER_CLASS_ENTRY);
                dir.toFile().deleteOnExit();
                fakeJar.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fakeJar;
    }

    /** A jar holding an (empty) API main class entry: enough for {@link ApiBundle} and an asset. */
    static synchronized Path fakeApiJar() {
        if (fakeApiJar == null) {
            try {
                Path dir = Files.createTempDirectory("dbsync-infra-test-api");
                fakeApiJar = jarWithEntries(dir.resolve("dbsync-api.jar"), ApiContract.MAIN_CLASS_ENTRY);
                dir.toFile().deleteOnExit();
                fakeApiJar.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fakeApiJar;
    }

    static Path jarWithEntries(Path jar, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new JarEntry(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** The resources of one type, by logical id. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(Template template, String type) {
        Map<String, Object> all = (Map<String, Object>) template.toJSON().get("Resources");
        return all.entrySet().stream()
                .filter(e -> type.equals(((Map<String, Object>) e.getValue()).get("Type")))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (Map<String, Object>) e.getValue()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    /** The properties of the one resource of {@code type}; fails when there is not exactly one. */
    static Map<String, Object> onlyProperties(Template template, String type) {
        Map<String, Map<String, Object>> found = resources(template, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return properties(found.values().iterator().next());
    }

    /** The logical id of the only resource of {@code type}. */
    static String onlyId(Template template, String type) {
        Map<String, Map<String, Object>> found = resources(template, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + found.keySet());
        }
        return found.keySet().iterator().next();
    }

    /** The properties of the one metric filter that publishes {@code metricName}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> metricFilter(Template template, String metricName) {
        List<Map<String, Object>> matches = resources(template, "AWS::Logs::MetricFilter").values().stream()
                .map(TestStacks::properties)
                .filter(p -> ((List<Map<String, Object>>) p.get("MetricTransformations")).stream()
                        .anyMatch(t -> metricName.equals(t.get("MetricName"))))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one metric filter for " + metricName + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** The deployed filter pattern of the metric filter that publishes {@code metricName}, ready to evaluate. */
    static CloudWatchJsonFilter deployedFilter(Template template, String metricName) {
        return CloudWatchJsonFilter.parse((String) metricFilter(template, metricName).get("FilterPattern"));
    }

    /** The properties of the one resource of {@code type} whose logical id starts with {@code prefix}. */
    static Map<String, Object> propertiesOf(Template template, String type, String prefix) {
        List<Map<String, Object>> matches = resources(template, type).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> properties(e.getValue()))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type + " starting with " + prefix + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** The logical id of the one resource of {@code type} whose logical id starts with {@code prefix}. */
    static String idOf(Template template, String type, String prefix) {
        List<String> matches = resources(template, type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type + " starting with " + prefix + ", found " + matches);
        }
        return matches.get(0);
    }

    /** The environment variables of a function's properties. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(Map<String, Object> function) {
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }

    /** The properties of the alarm whose logical id starts with the construct path's id. */
    static Map<String, Object> alarm(Template template, String alarmId) {
        List<Map<String, Object>> matches = resources(template, "AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(e -> e.getKey().startsWith("Alarms" + alarmId))
                .map(e -> properties(e.getValue()))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one alarm " + alarmId + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** The logical id of the alarm built by {@code SyncAlarms} under {@code alarmId}. */
    static String alarmLogicalId(Template template, String alarmId) {
        return resources(template, "AWS::CloudWatch::Alarm").keySet().stream()
                .filter(id -> id.startsWith("Alarms" + alarmId))
                .findFirst().orElseThrow(() -> new AssertionError("no alarm " + alarmId));
    }
}
