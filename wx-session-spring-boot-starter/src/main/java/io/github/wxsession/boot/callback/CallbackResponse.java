package io.github.wxsession.boot.callback;

import io.github.wxsession.router.WxEarlyAnswer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The answer to one callback, written once: either by the request's own thread when routing
 * returns, or earlier by the router's deadline thread ({@link #success()}) while a slow handler
 * keeps the request's thread. The monitor makes the two exclusive, and makes the request's thread
 * wait for an early answer being written before it leaves the servlet, so the container never
 * recycles a response that another thread is writing.
 */
final class CallbackResponse implements WxEarlyAnswer {

    static final String TEXT_PLAIN = "text/plain;charset=UTF-8";
    static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);

    private final HttpServletResponse response;
    private Supplier<CallbackAnswer> early = () -> CallbackAnswer.SUCCESS;
    private boolean answered;

    CallbackResponse(HttpServletResponse response) {
        this.response = response;
    }

    /**
     * What an early answer says instead of {@code success}: the AI bot's stream as it stands. Asked
     * when the early answer is given, on the thread that gives it.
     */
    synchronized void answerEarlyWith(Supplier<CallbackAnswer> answer) {
        this.early = answer;
    }

    /**
     * Answers {@code success} (or what {@link #answerEarlyWith} set) now and sends it: WeChat reads a complete response (its length is
     * set) while the handler goes on. The connection is closed afterwards, since the request's
     * thread is still busy and a client must not queue its next request behind it.
     */
    @Override
    public synchronized void success() throws IOException {
        if (answered) {
            return;
        }
        CallbackAnswer answer = early.get();
        answered = true;
        response.setHeader("Connection", "close");
        write(answer.status(), answer.contentType(), answer.body());
        response.flushBuffer();
    }

    /**
     * Writes the answer, unless it was answered early.
     *
     * @return {@code false} if it had been answered early
     */
    synchronized boolean answer(int status, String contentType, byte[] body) throws IOException {
        if (answered) {
            return false;
        }
        answered = true;
        write(status, contentType, body);
        return true;
    }

    private void write(int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
