package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The number game on the emulator page, as an Official Account. */
// Late replies in retries mode, so a slow handler plays out through WeChat's retries on the page.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "wx.router.late-reply=retries")
class EmulatorBrowserTest extends EmulatorPageTest {

    static final int PORT = FreePort.find();
    static final Pattern CORRECT = Pattern.compile("Correct! (\\d+) tries\\.");

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Override
    int serverPort() {
        return PORT;
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
}
