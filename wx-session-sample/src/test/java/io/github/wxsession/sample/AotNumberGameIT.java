package io.github.wxsession.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.Await;
import io.github.wxsession.test.WeChatCallbackClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample as Spring AOT left it: the jar the build packaged after {@code process-aot}, started in
 * a JVM of its own with {@code -Dspring.aot.enabled=true}, so its beans come from the generated
 * code, not from evaluating the auto-configurations. WeChat's side is played over real HTTP, the
 * WeChat API by the emulator inside the jar. Runs in the {@code integration-test} phase, after the
 * jar exists ({@code ./mvnw verify}); the build tells it where the jar is.
 */
class AotNumberGameIT {

    /** The sample's development account, as in its application.yml. */
    private static final String TOKEN = "sample-token";
    private static final String AES_KEY = "wxSessionSampleDevelopmentOnlyKey0123456789";
    private static final String APP_ID = "wx-sample-app";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process sample;
    private static Path log;
    private static int port;
    private static WeChatCallbackClient weChat;

    @BeforeAll
    static void startTheAotProcessedJar() throws IOException {
        String packaged = System.getProperty("wx.sample.jar");
        // -Dtest naming this class runs it with the unit tests too, before the jar exists.
        Assumptions.assumeTrue(packaged != null, "runs in the integration-test phase (./mvnw verify), on the jar");
        Path jar = Path.of(packaged);
        assertThat(jar).as("the packaged sample").exists();
        port = FreePort.find();
        log = jar.resolveSibling("aot-sample.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=" + port));
        sample = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        weChat = new WeChatCallbackClient(port, "/wx/callback", TOKEN);
        Await.until(STARTUP, "the AOT-processed sample answering on port " + port, () -> {
            if (!sample.isAlive()) {
                throw new AssertionError("the sample exited with " + sample.exitValue() + ":\n" + logText());
            }
            return get("/wx-emulator/config").statusCode() == 200 ? Boolean.TRUE : null;
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sample != null) {
            sample.destroy();
            if (!sample.waitFor(20, TimeUnit.SECONDS)) {
                sample.destroyForcibly();
            }
        }
    }

    @Test
    void theBeansComeFromTheGeneratedCode() {
        // Spring Boot says so only when it found and ran the generated initializer.
        assertThat(logText()).contains("Starting AOT-processed SampleApplication");
    }

    @Test
    void aWholeGameOfBiggerAndSmaller() throws Exception {
        assertThat(reply("oAot", " guess ")).isEqualTo(GamePlayer.START);
        // The number is in another JVM: find it as a player would, halving the range.
        int low = 1;
        int high = 100;
        int tries = 0;
        while (true) {
            int guess = (low + high) / 2;
            String answer = reply("oAot", Integer.toString(guess));
            tries++;
            if (answer.equals("Bigger")) {
                low = guess + 1;
            } else if (answer.equals("Smaller")) {
                high = guess - 1;
            } else {
                assertThat(answer).isEqualTo("Correct! " + tries + " tries.");
                break;
            }
            assertThat(low).as("the range left after " + tries + " answers").isLessThanOrEqualTo(high);
        }
        assertThat(tries).isLessThanOrEqualTo(7);
        assertThat(reply("oAot", "50")).isEqualTo(GamePlayer.NO_GAME);
    }

    @Test
    void otherTextIsEchoedAndFollowersWelcomed() throws Exception {
        assertThat(reply("oAotChatty", "hello from AOT")).isEqualTo("hello from AOT");
        String subscribe = "<xml><ToUserName><![CDATA[gh_sample]]></ToUserName><FromUserName><![CDATA[oAotFan]]>"
                + "</FromUserName><CreateTime>" + System.currentTimeMillis() / 1000 + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>";
        assertThat(WxXmlMessage.fromXml(weChat.postPlain(subscribe).body()).getContent()).isEqualTo("Welcome!");
    }

    @Test
    void safeModeDecryptsAndEncrypts() throws Exception {
        WxMessageCrypt crypt = WxMessageCrypt.of(TOKEN, AES_KEY, APP_ID);

        HttpResponse<String> response = weChat.postSafe(crypt, WeChatCallbackClient.text("oAotSafe", "guess"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(crypt.decrypt(WxXmlMessage.fromXml(response.body()).getEncrypt())).contains(GamePlayer.START);
    }

    @Test
    void anAsyncReplyReachesTheUserThroughTheEmulatedApi() throws Exception {
        EmulatorInbox inbox = new EmulatorInbox(port);
        long before = inbox.last();

        assertThat(weChat.postPlain(WeChatCallbackClient.text("oAotPatient", "later")).body()).isEqualTo("success");

        JsonNode message = inbox.await("oAotPatient", before);
        assertThat(message.path("text").asText()).isEqualTo("Later reply.");
    }

    @Test
    void theEmulatorServesItsPage() {
        HttpResponse<String> page = get("/wx-emulator");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>");
    }

    private static String reply(String user, String text) throws Exception {
        HttpResponse<String> response = weChat.postPlain(WeChatCallbackClient.text(user, text));
        assertThat(response.statusCode()).as(text).isEqualTo(200);
        return WxXmlMessage.fromXml(response.body()).getContent();
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
