package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The emulator page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), played like a person would: type, press Send, read the bubbles.
 * Skipped, saying why, where either binary is missing.
 */
// Late replies in retries mode, so a slow handler plays out through WeChat's retries on the page.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "wx.router.late-reply=retries")
class EmulatorBrowserTest {

    // The Debian binaries, named explicitly so Selenium Manager never tries to download a browser.
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target");
    static final Duration PATIENCE = Duration.ofSeconds(15);
    static final int PORT = FreePort.find();
    static final Pattern CORRECT = Pattern.compile("Correct! (\\d+) tries\\.");

    static ChromeDriver browser;
    static Path profile;

    WebDriverWait wait;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                String reason = "EmulatorBrowserTest skipped: " + binary + " is missing; install Debian's chromium and"
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
        browser.get("http://localhost:" + PORT + "/wx-emulator");
        wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.elementToBeClickable(testId("send-button")));
    }

    @Test
    void aWholeGameIsPlayedInTheChat() throws IOException {
        click("subscribe-button");
        assertThat(nextBotReply(0)).isEqualTo("Welcome!");
        assertThat(say("guess")).isEqualTo("I picked a number between 1 and 100. Guess!");

        int low = 1;
        int high = 100;
        int guesses = 0;
        String answer;
        do {
            int guess = (low + high) / 2;
            answer = say(String.valueOf(guess));
            guesses++;
            switch (answer) {
                case "Bigger" -> low = guess + 1;
                case "Smaller" -> high = guess - 1;
                default -> assertThat(answer).matches(CORRECT);
            }
        } while (!answer.startsWith("Correct!") && guesses < 7);

        Matcher correct = CORRECT.matcher(answer);
        assertThat(correct.matches()).as("the game ended within 7 guesses: %s", answer).isTrue();
        assertThat(Integer.parseInt(correct.group(1))).isEqualTo(guesses);
        assertThat(bubbles(".from-user")).hasSize(guesses + 1);
        screenshot("emulator.png");
    }

    @Test
    void safeModeEncryptsBothWays() throws IOException {
        click("user-oUser-bob");
        click("mode-safe");
        click("show-xml");

        assertThat(say("guess")).isEqualTo("I picked a number between 1 and 100. Guess!");
        assertThat(testIdElement("mode-safe").getAttribute("class")).contains("on");
        WebElement details = browser.findElement(By.cssSelector("details.xml"));
        details.findElement(By.tagName("summary")).click();
        String xml = details.getText();
        assertThat(xml).contains("encrypt_type=aes", "<Encrypt>", "decrypted by the app", "reply, decrypted");
        screenshot("emulator-safe.png");
    }

    @Test
    void anAsyncReplyAppearsWhenThePageFindsItInTheInbox() {
        click("user-oUser-carol");
        int before = bubbles(".from-bot").size();

        type("later");

        // The callback answers "success" at once; a second later the customer-service message arrives.
        assertThat(nextBotReply(before)).startsWith("Later reply.");
        assertThat(bubbles(".from-bot").get(before).getText()).contains("customer-service message");
    }

    @Test
    void aHandlerSlowerThanWeChatsTimeoutShowsWeChatsRetryThenTheReply() throws IOException {
        testIdElement("new-user-input").sendKeys("oUser-erin");
        click("add-user-button");
        int before = bubbles(".from-bot").size();

        type("think 6");

        // In retries mode nothing answers the first attempt; WeChat gives up on it at 5 s and
        // delivers the message again, and that attempt waits for the running handler's reply. The note shows while the handler is still thinking.
        // The chat is redrawn as the feed brings news, so an element found may be gone a moment later.
        String note = wait.ignoring(StaleElementReferenceException.class).until(driver -> driver
                .findElements(testId("retry")).stream().map(WebElement::getText).findFirst().orElse(null));
        assertThat(note).isEqualTo("WeChat retried (2/4): no answer within 5 s");
        assertThat(nextBotReply(before)).isEqualTo("Thought for 6 s.");
        List<String> chat = browser.findElements(By.cssSelector("[data-testid='chat'] > *")).stream()
                .map(WebElement::getText).toList();
        assertThat(chat).as("the message, the note, the reply").hasSize(3);
        assertThat(chat.get(0)).endsWith("think 6");
        assertThat(chat.get(1)).isEqualTo(note);
        assertThat(chat.get(2)).endsWith("Thought for 6 s.");
        screenshot("emulator-retry.png");
        assertThat(browser.findElements(testId("wechat-error"))).isEmpty();
    }

    @Test
    void aNewUserCanBeAddedAndTapsTheMenu() {
        testIdElement("new-user-input").sendKeys("oUser-dave");
        click("add-user-button");
        assertThat(testIdElement("user-oUser-dave").getAttribute("class")).contains("selected");
        int before = bubbles(".from-bot").size();

        click("click-button");

        assertThat(nextBotReply(before)).startsWith("Send guess to start a round");
    }

    @Test
    void theMiniProgramPanelLogsInAsTheChosenUserThroughTheFakeApi() {
        click("user-oUser-carol");
        say("guess");
        say("1");

        click("login-button");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("mini-output"), "sessionId"));
        click("api-get-button");

        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("mini-output"), "GET /api/me"));
        assertThat(testIdElement("mini-output").getText()).contains("200", "\"openid\":\"oUser-carol\"");
    }

    /** Saves what the browser shows, for a person to look at. */
    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Types {@code text}, sends it, and returns the bot's answer. */
    private String say(String text) {
        int before = bubbles(".from-bot").size();
        type(text);
        return nextBotReply(before);
    }

    private void type(String text) {
        WebElement input = testIdElement("message-input");
        input.sendKeys(text);
        click("send-button");
    }

    /** Waits for the bot bubble after the first {@code seen} ones and returns its text. */
    private String nextBotReply(int seen) {
        wait.until(driver -> bubbles(".from-bot").size() > seen);
        return bubbles(".from-bot").get(seen).getText();
    }

    private List<WebElement> bubbles(String from) {
        return browser.findElements(By.cssSelector(".bubble" + from));
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(testId(id))).click();
    }

    private WebElement testIdElement(String id) {
        return browser.findElement(testId(id));
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }
}
