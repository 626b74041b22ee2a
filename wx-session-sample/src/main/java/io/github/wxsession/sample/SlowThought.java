package io.github.wxsession.sample;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.message.WxXmlMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code think <n>}: a synchronous handler that takes {@code n} seconds (1 to 60; {@code think}
 * alone, 8), standing for a call to a language model. Slower than WeChat's 5 s limit, it shows in
 * the emulator what WeChat does with a slow callback: it gives up on the attempt and delivers the
 * message again. Any other {@code think ...} is not this command and is echoed like other text.
 */
@Component
public class SlowThought {

    static final String COMMAND = "(?i)\\s*think(?:\\s+([1-9]|[1-5][0-9]|60))?\\s*";
    static final int DEFAULT_SECONDS = 8;

    private static final Pattern PATTERN = Pattern.compile(COMMAND);

    @WxHandler(msgType = "text", contentRegex = COMMAND)
    public String think(WxXmlMessage message) {
        int seconds = seconds(message.getContent());
        try {
            Thread.sleep(seconds * 1000L); // stands for the model thinking
        } catch (InterruptedException e) {
            // Being stopped (the app shutting down): keep the flag for whoever stops us, and fail the
            // delivery rather than answer, so the message is released and WeChat's retry handles it.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while thinking", e);
        }
        return "Thought for " + seconds + " s.";
    }

    /** How long {@code think ...} thinks; only called with text the command matched. */
    static int seconds(String content) {
        Matcher command = PATTERN.matcher(content);
        if (!command.matches()) {
            throw new IllegalArgumentException("not a think command: " + content);
        }
        return command.group(1) == null ? DEFAULT_SECONDS : Integer.parseInt(command.group(1));
    }
}
