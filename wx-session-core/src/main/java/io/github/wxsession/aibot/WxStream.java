package io.github.wxsession.aibot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reply to a WeCom AI-bot message that is written over time: the handler appends to it (or
 * replaces it) as its answer grows, from any thread, and finishes it. WeCom polls for it with
 * refresh callbacks, on any instance, and each is answered at once with the content so far from
 * the {@link WxStreamStore}, so a slow model never holds up a refresh.
 *
 * <pre>{@code
 * @WxHandler(msgType = "text", async = true)
 * void answer(WxXmlMessage message, WxStream stream) {
 *     for (String token : model.generate(message.getContent())) {
 *         stream.append(token);
 *     }
 *     stream.finish();
 * }
 * }</pre>
 *
 * Rules WeCom sets, enforced here: the content is cumulative and at most
 * {@value #MAX_CONTENT_BYTES} UTF-8 bytes ({@link WxStreamTooLongException}, the content unchanged);
 * WeCom stops polling {@link #WINDOW} after the user's message, so later writes are refused
 * ({@link IllegalStateException}), as are writes after {@link #finish()}. Every write is stored
 * before it returns. Thread-safe: writes from several threads are applied one at a time.
 */
public final class WxStream {

    /** WeCom's limit on a stream's content, in UTF-8 bytes. */
    public static final int MAX_CONTENT_BYTES = 20480;

    /** How long after the user's message WeCom keeps asking for an unfinished stream. */
    public static final Duration WINDOW = Duration.ofMinutes(6);

    /** How long the state outlives the window, for a refresh that was already on its way. */
    static final Duration GRACE = Duration.ofMinutes(1);

    private final WxStreamStore store;
    private final String account;
    private final String id;
    private final Instant deadline;
    private final Clock clock;
    /** Run once, after the first write is stored; {@code null} once run or if none. */
    private @Nullable Runnable afterFirstWrite;
    private String content;
    private int contentBytes;
    private boolean finished;

    WxStream(WxStreamStore store, String account, WxStreamState state, Instant deadline, Clock clock,
            @Nullable Runnable afterFirstWrite) {
        this.afterFirstWrite = afterFirstWrite;
        this.store = store;
        this.account = account;
        this.id = state.id();
        this.deadline = deadline;
        this.clock = clock;
        this.content = state.content();
        this.contentBytes = utf8Length(content);
        this.finished = state.finished();
    }

    /** The stream id WeCom echoes in its refresh callbacks. */
    public String id() {
        return id;
    }

    /** The content written so far. */
    public synchronized String content() {
        return content;
    }

    /** Whether {@link #finish()} was called. */
    public synchronized boolean isFinished() {
        return finished;
    }

    /** When WeCom stops polling: {@link #WINDOW} after the message. */
    public Instant deadline() {
        return deadline;
    }

    /**
     * Adds {@code text} to the end of the content.
     *
     * @throws WxStreamTooLongException if the content would exceed {@value #MAX_CONTENT_BYTES} bytes
     * @throws IllegalStateException if the stream is finished or its window is over
     */
    public synchronized WxStream append(CharSequence text) {
        Objects.requireNonNull(text, "text");
        write(content + text, contentBytes + utf8Length(text), false);
        return this;
    }

    /**
     * Replaces the whole content, e.g. to revise what was shown.
     *
     * @throws WxStreamTooLongException if {@code text} exceeds {@value #MAX_CONTENT_BYTES} bytes
     * @throws IllegalStateException if the stream is finished or its window is over
     */
    public synchronized WxStream replace(CharSequence text) {
        Objects.requireNonNull(text, "text");
        write(text.toString(), utf8Length(text), false);
        return this;
    }

    /**
     * Marks the content final: WeCom's next refresh gets it with {@code finish} and stops asking.
     * Finishing a finished stream does nothing.
     *
     * @throws IllegalStateException if the window is over
     */
    public synchronized void finish() {
        if (!finished) {
            write(content, contentBytes, true);
        }
    }

    /**
     * Replaces the content and finishes the stream in one write.
     *
     * @throws WxStreamTooLongException if {@code text} exceeds {@value #MAX_CONTENT_BYTES} bytes
     * @throws IllegalStateException if the stream is finished or its window is over
     */
    public synchronized void finish(CharSequence text) {
        Objects.requireNonNull(text, "text");
        write(text.toString(), utf8Length(text), true);
    }

    private void write(String next, int nextBytes, boolean finishing) {
        if (finished) {
            throw new IllegalStateException("stream " + id + " is finished; WeCom no longer asks for it");
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("stream " + id + " is past WeCom's " + WINDOW.toMinutes()
                    + "-minute window, which ended at " + deadline + "; send the rest through the message's response_url");
        }
        if (nextBytes > MAX_CONTENT_BYTES) {
            throw new WxStreamTooLongException("stream " + id + " would hold " + nextBytes + " UTF-8 bytes, more than"
                    + " WeCom's " + MAX_CONTENT_BYTES + "; its content is unchanged");
        }
        store.save(account, new WxStreamState(id, next, finishing), left.plus(GRACE));
        content = next;
        contentBytes = nextBytes;
        finished = finishing;
        Runnable first = afterFirstWrite;
        if (first != null) {
            afterFirstWrite = null;
            first.run();
        }
    }

    /** The UTF-8 length of {@code text}, counted without encoding it. */
    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                // A lone surrogate is encoded as '?', one byte, by String.getBytes; count three to stay safe.
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "WxStream[" + id + "]";
    }
}
