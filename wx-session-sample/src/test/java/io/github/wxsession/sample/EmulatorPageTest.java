package io.github.wxsession.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The emulator page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), played like a person would: type, press Send, read the bubbles.
 * Subclasses start the sample their way; each is skipped, saying why, where either binary is missing.
 */
abstract class EmulatorPageTest {

    // The Debian binaries, named explicitly so Selenium Manager never tries to download a browser.
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target");
    static final Duration PATIENCE = Duration.ofSeconds(15);
    static ChromeDriver browser;
    static Path profile;

    WebDriverWait wait;

    /** The port the sample listens on. */
    abstract int serverPort();

    @BeforeAll
    static void startBrowser() throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                String reason = "Browser tests skipped: " + binary + " is missing; install Debian's chromium and"
                        + " chromium-driver (.ci/run does)";
                System.out.println(reason);
                Assumptions.assumeTrue(false, reason);
            }
        }
        profile = Files.createTempDirectory("wx-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    void openTheEmulator() {
        browser.get("http://localhost:" + serverPort() + "/wx-emulator");
        wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.elementToBeClickable(testId("send-button")));
    }

    /** Saves what the browser shows, for a person to look at. */
    static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Types {@code text}, sends it, and returns the bot's answer. */
    String say(String text) {
        int before = bubbles(".from-bot").size();
        type(text);
        return nextBotReply(before);
    }

    void type(String text) {
        WebElement input = testIdElement("message-input");
        input.sendKeys(text);
        click("send-button");
    }

    /** Waits for the bot bubble after the first {@code seen} ones and returns its text. */
    String nextBotReply(int seen) {
        wait.until(driver -> bubbles(".from-bot").size() > seen);
        return bubbles(".from-bot").get(seen).getText();
    }

    List<WebElement> bubbles(String from) {
        return browser.findElements(By.cssSelector(".bubble" + from));
    }

    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(testId(id))).click();
    }

    WebElement testIdElement(String id) {
        return browser.findElement(testId(id));
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }
}
