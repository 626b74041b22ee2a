package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The emulator page against the sample run as a WeCom AI bot: a stream grows in its bubble as WeCom polls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "wx.type=aibot")
class AibotEmulatorBrowserTest extends EmulatorPageTest {

    static final int PORT = FreePort.find();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Override
    int serverPort() {
        return PORT;
    }

    @Test
    void aStreamedAnswerGrowsInItsBubbleAndTheRefreshesShowAsJson() throws IOException {
        click("show-xml");
        int before = bubbles(".from-bot").size();

        type("hello stream");

        // The callback's answer is the first chunk; the page may already show more by the time it is read.
        assertThat(nextBotReply(before)).startsWith("You said:");
        // WeCom's refreshes bring the rest into the same bubble, and the caret goes.
        wait.ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement bubble = bubbles(".from-bot").get(before);
            return bubble.getText().equals("You said: hello stream") && !bubble.getAttribute("class").contains("streaming");
        });
        assertThat(bubbles(".from-bot")).hasSize(before + 1);
        String exchanges = browser.findElements(By.cssSelector("details.xml summary")).stream()
                .map(WebElement::getText).reduce("", (all, one) -> all + "\n" + one);
        assertThat(exchanges).contains("JSON · attempt 1 · HTTP 200", "JSON · stream refresh · HTTP 200");
        screenshot("emulator-aibot.png");
    }

    @Test
    void openingTheChatIsWelcomed() {
        int before = bubbles(".from-bot").size();

        click("subscribe-button");

        assertThat(nextBotReply(before)).isEqualTo("Welcome!");
    }
}
