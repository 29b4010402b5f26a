package io.dbsync.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When a test session of the api module ends: every route of the router (walked like
 * {@code RouteAccessTest} does) must have had at least one response checked against
 * docs/openapi.yaml by {@link OpenApiContract}. Enforced only when the session ran every
 * {@code *IT} class of this module — a run of a few tests ({@code -Dit.test=…}) prints the
 * coverage without failing; {@code -Dopenapi.coverage.enforce=true} enforces it anyway. The
 * checked triples go to {@code target/openapi-coverage.txt}. Registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class OpenApiCoverage implements LauncherSessionListener {
    private final Set<String> classesRun = new ConcurrentSkipListSet<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        session.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
                plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(OpenApiCoverage.this::remember));
            }
        });
    }

    private void remember(TestIdentifier test) {
        test.getSource().filter(ClassSource.class::isInstance)
                .ifPresent(source -> classesRun.add(((ClassSource) source).getClassName()));
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Path classes = ownTestClasses();
        if (classes == null) {
            return; // another module's tests with the api's test-jar on their classpath: not ours to judge
        }
        Set<String> integrationTests = integrationTests(classes);
        boolean complete = !integrationTests.isEmpty() && classesRun.containsAll(integrationTests);
        boolean enforce = complete || Boolean.getBoolean("openapi.coverage.enforce");
        if (!enforce && classesRun.stream().noneMatch(integrationTests::contains)) {
            return; // the fast unit tests' session: no HTTP test ran
        }
        OpenApiContract contract = OpenApiContract.get();
        Set<String> checked = contract.checked();
        Set<String> routes = routes();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeIf(route -> checked.stream().anyMatch(triple -> triple.startsWith(route + " ")));
        report(classes, checked, routes, missing, contract, enforce);
        if (enforce && !missing.isEmpty()) {
            throw new AssertionError("docs/openapi.yaml: no test checked a response of " + missing
                    + "; add a test that calls it (through TestApi) so its contract is verified");
        }
    }

    /** Every route of the real router, as {@code GET /runs/{id}}. */
    public static Set<String> routes() {
        return WiredRoutes.endpoints().stream()
                .map(endpoint -> endpoint.method.name().toUpperCase(Locale.ROOT) + " " + endpoint.path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void report(Path classes, Set<String> checked, Set<String> routes, Set<String> missing,
                               OpenApiContract contract, boolean enforced) {
        long statuses = checked.stream().filter(triple -> !triple.startsWith(OpenApiContract.NO_ROUTE)).count();
        System.out.println("event=openapi.coverage responsesChecked=" + contract.responsesChecked() + " checkingMs="
                + contract.checkingMillis() + " routes=" + routes.size()
                + " routesChecked=" + (routes.size() - missing.size()) + " methodPathStatus=" + statuses
                + " unroutedStatuses=" + (checked.size() - statuses) + " enforced=" + enforced + " missing=" + missing);
        Path report = classes.getParent().resolve("openapi-coverage.txt");
        try {
            Files.writeString(report, "# (method, path, status) checked against docs/openapi.yaml; routes never checked: "
                    + missing + "\n" + String.join("\n", new TreeSet<>(checked)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The api's own test-classes directory, or null when this class was loaded from a jar. */
    private static Path ownTestClasses() {
        try {
            Path location = Path.of(OpenApiCoverage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Set<String> integrationTests(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(file -> classes.relativize(file).toString())
                    .filter(name -> name.endsWith("IT.class") && !name.contains("$"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
