package io.dbsync.api.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.service.DriverFinder;

/**
 * A headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver}
 * (installed by .ci/run), never a browser or driver downloaded by Selenium Manager — the driver's
 * path is given, so Selenium skips its manager, and {@code SE_OFFLINE} forbids it any download.
 * Each browser has a fresh profile, removed on close. Tests skip when the packages are absent.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test, saying why, when Debian's chromium or chromium-driver is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver; .ci/run installs them");
    }

    /** A browser with JavaScript on or off. */
    public static Browser start(boolean javaScript) {
        assumeInstalled();
        // Selenium Manager reads SE_* system properties as its environment: offline, it may not download.
        System.setProperty("SE_OFFLINE", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("dbsync-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,1400", "--user-data-dir=" + profile);
        // An alert the page opened stays open, so a test can see it instead of Selenium dismissing it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(20)).build();
        String driverPath = new DriverFinder(service, options).getDriverPath();
        if (!CHROMEDRIVER.toString().equals(driverPath) || !"true".equals(System.getProperty("SE_OFFLINE"))) {
            throw new IllegalStateException("Selenium would use " + driverPath + ", not " + CHROMEDRIVER + " offline");
        }
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile);
    }

    /**
     * Opens {@code baseUrl + path} logged in with HTTP Basic. Chromium 156 still accepts
     * credentials in the URL of a top-level navigation (it strips them from subresource
     * requests, and this page has none), and sends them with the first request.
     */
    public void openLoggedIn(String baseUrl, String path, String user, String password) {
        String credentials = encode(user) + ":" + encode(password) + "@";
        driver.get(baseUrl.replaceFirst("^http://", "http://" + credentials) + path);
    }

    /**
     * The other way to log in: an {@code Authorization} header on every request, through the
     * DevTools protocol (chromedriver's {@code goog/cdp/execute}).
     */
    public void sendAuthorizationHeader(String authorization) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", authorization)));
    }

    public ChromeDriver driver() {
        return driver;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // A profile left in the temp directory is litter, not a failure of the page.
            }
        }
    }
}
