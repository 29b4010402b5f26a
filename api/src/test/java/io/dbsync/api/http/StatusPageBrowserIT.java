package io.dbsync.api.http;

import static io.dbsync.api.testing.RunResults.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbsync.api.testing.ApiSetup;
import io.dbsync.api.testing.Browser;
import io.dbsync.api.testing.RunGate;
import io.dbsync.api.testing.SourceData;
import io.dbsync.api.testing.TestApi;
import io.dbsync.api.testing.TestMongo;
import io.dbsync.api.testing.TestServers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (headless Chromium through Selenium): logged in, after a
 * completed and a refused run, with a collection named like a script, and with JavaScript off
 * while a run is going. Saves {@code target/status-page.png} and checks it is not blank.
 * Skips when Debian's chromium or chromium-driver is absent.
 */
class StatusPageBrowserIT {
    private static final String AUTH = TestServers.operator();

    @RegisterExtension
    final TestServers servers = new TestServers();

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void showsAnOperatorTheCompletedAndTheRefusedRunAndItsScreenshotIsNotBlank() throws IOException {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 50, 120);
        TestApi api = servers.api(mongo);
        assertThat(json(api.send("POST", "/syncdb", AUTH)).get("status").asText()).isEqualTo("completed");
        mongo.sourceDb().getCollection("orders").deleteMany(new Document());
        assertThat(json(api.send("POST", "/syncdb", AUTH)).get("status").asText()).isEqualTo("refused");
        Browser browser = servers.track(Browser.start(true));
        ChromeDriver page = browser.driver();

        browser.openLoggedIn(api.baseUrl(), "/", TestServers.USER, TestServers.PASSWORD);

        assertThat(page.getTitle()).isEqualTo("dbsync status");
        assertThat(page.findElement(By.id("freshness-state")).getText()).isEqualTo("Fresh");
        assertThat(page.findElement(By.id("standby-state")).getText()).isEqualTo("ok");
        List<WebElement> runs = page.findElements(By.cssSelector("#runs tr.run"));
        assertThat(runs).extracting(row -> row.getAttribute("data-status")).containsExactly("refused", "completed");
        assertThat(runs.get(0).findElement(By.className("why")).getText()).contains("deletion guard")
                .contains("'orders'").contains("force=true");
        assertThat(runs.get(1).getText()).contains("completed").contains(TestServers.USER);
        assertThat(page.findElements(By.cssSelector("#runs-chart rect.bar"))).hasSize(2)
                .allSatisfy(bar -> assertThat(bar.isDisplayed()).isTrue());
        assertThat(page.findElements(By.cssSelector("#collections tr.collection")))
                .extracting(row -> row.findElement(By.tagName("td")).getText()).contains("customers", "orders");
        assertThat(page.findElement(By.id("collections")).getText()).contains("✓ count");

        byte[] png = page.getScreenshotAs(OutputType.BYTES);
        Path screenshot = Path.of("target", "status-page.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, png);
        assertThat(distinctColours(png)).as("the screenshot %s shows the page, not a blank window", screenshot)
                .isGreaterThan(20);
    }

    @Test
    void showsACollectionNamedLikeAScriptAsTextAndNoDialogOpens() {
        TestMongo mongo = servers.mongo();
        mongo.sourceDb().getCollection(StatusPageIT.SCRIPT_NAME).insertOne(new Document("n", 1));
        TestApi api = servers.api(mongo);
        assertThat(json(api.send("POST", "/syncdb", AUTH)).get("status").asText()).isEqualTo("completed");
        Browser browser = servers.track(Browser.start(true));
        ChromeDriver page = browser.driver();

        // The other way in: the Authorization header sent on every request through the DevTools protocol.
        browser.sendAuthorizationHeader(AUTH);
        page.get(api.baseUrl() + "/");

        assertThat(page.findElements(By.cssSelector("#collections tr.collection td:first-child")))
                .extracting(WebElement::getText).containsExactly(StatusPageIT.SCRIPT_NAME);
        assertThat(page.findElements(By.tagName("script"))).isEmpty();
        assertThatThrownBy(() -> page.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void worksWithJavaScriptOffAndReloadsItselfWhileARunIsGoing() throws Exception {
        TestMongo mongo = servers.mongo();
        SourceData.seed(mongo.sourceDb(), 20, 100);
        RunGate gate = new RunGate();
        TestApi api = servers.api(mongo, ApiSetup.defaults().withListener(gate).withWait(Duration.ofMillis(200)));
        HttpResponse<String> started = api.send("POST", "/syncdb", AUTH);
        gate.awaitReached();
        Browser browser = servers.track(Browser.start(false));
        ChromeDriver page = browser.driver();
        try {
            page.get("data:text/html,<title>off</title><script>document.title='on'</script>");
            assertThat(page.getTitle()).as("this browser runs no page script").isEqualTo("off");
            browser.openLoggedIn(api.baseUrl(), "/", TestServers.USER, TestServers.PASSWORD);
            String firstView = page.findElement(By.cssSelector("header .muted")).getText();
            assertThat(page.findElement(By.id("live")).getText()).contains("Run in progress")
                    .contains(json(started).get("runId").asText());
            assertThat(page.findElements(By.cssSelector("#live progress"))).isNotEmpty();
            assertThat(page.findElement(By.cssSelector("#runs tr.run")).getAttribute("data-status")).isEqualTo("running");

            // The meta refresh reloads the page after 5 s, JavaScript or not: the "as of" time moves on.
            new WebDriverWait(page, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(driver ->
                    !driver.findElement(By.cssSelector("header .muted")).getText().equals(firstView));
        } finally {
            gate.open();
        }
        api.awaitRun(json(started).get("runId").asText(), Duration.ofSeconds(30));
    }

    /** Distinct colours over a grid of pixels: a blank or single-colour window has one or two. */
    private static int distinctColours(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("the screenshot is a PNG").isNotNull();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
