package io.github.wxsession.boot.callback;

import io.github.wxsession.aibot.WxStreams;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccountType;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.callback.CallbackRejection.Reason;
import io.github.wxsession.boot.metrics.WxMetrics;
import io.github.wxsession.boot.observation.WxObservations;
import io.github.wxsession.boot.routing.WxMessageRouters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The endpoint WeChat calls: GET to verify the URL, POST to deliver a message, at
 * {@code wx.callback.path}, or {@code <path>/<app-id>} with several accounts. Every request is
 * verified before anything else; one that fails never reaches a handler and is answered with a
 * status only (403 signature, 400 malformed, 413 too large), the reason going to the log.
 *
 * <p>Which {@link CallbackChannel} reads and answers a request depends on the account's type:
 * {@link WeChatCallbacks} for Official Accounts, WeCom apps and mini programs,
 * {@link AibotCallbacks} for the WeCom AI bot. Works on the servlet request and response
 * directly: no message converter or content negotiation is involved, so the host application's
 * own converters are neither used nor changed.
 */
@Controller
public class WxCallbackController {

    private static final Log LOG = LogFactory.getLog(WxCallbackController.class);

    private final WxAccounts accounts;
    private final WxMetrics metrics;
    private final WxObservations observations;
    private final CallbackChannel weChat;
    private final CallbackChannel aibot;

    /**
     * @param maxBodyBytes larger bodies are answered 413
     * @param timestampTolerance how far a signed timestamp may be from {@code clock}; zero: any
     * @param streams where the AI bot's streamed replies live
     * @param observations observes each request, from its arrival to its answer
     */
    public WxCallbackController(WxAccounts accounts, WxMessageRouters routers, int maxBodyBytes,
            Duration timestampTolerance, Clock clock, WxMetrics metrics, WxStreams streams,
            WxObservations observations) {
        this.accounts = accounts;
        this.metrics = metrics;
        this.observations = observations;
        CallbackRequests requests = new CallbackRequests(routers, maxBodyBytes, timestampTolerance, clock,
                observations);
        this.weChat = new WeChatCallbacks(requests, metrics);
        this.aibot = new AibotCallbacks(requests, metrics, streams);
    }

    /** The MVC configuration that keeps jackson-dataformat-xml from changing the application's other endpoints. */
    public static WebMvcConfigurer xmlConverterRemover() {
        return new XmlConverterRemover();
    }

    @GetMapping("${wx.callback.path:/wx/callback}")
    public void verify(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(new CallbackResponse(response), () -> {
            WxAccount account = singleAccount();
            return channel(account).verify(account, request);
        });
    }

    @GetMapping("${wx.callback.path:/wx/callback}/{appId}")
    public void verify(@PathVariable String appId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer(new CallbackResponse(response), () -> {
            WxAccount account = account(appId);
            return channel(account).verify(account, request);
        });
    }

    @PostMapping("${wx.callback.path:/wx/callback}")
    public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CallbackResponse callback = new CallbackResponse(response);
        answer(callback, () -> {
            WxAccount account = singleAccount();
            return channel(account).receive(account, request, callback);
        });
    }

    @PostMapping("${wx.callback.path:/wx/callback}/{appId}")
    public void receive(@PathVariable String appId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        CallbackResponse callback = new CallbackResponse(response);
        answer(callback, () -> {
            WxAccount account = account(appId);
            return channel(account).receive(account, request, callback);
        });
    }

    private CallbackChannel channel(WxAccount account) {
        return account.type() == WxAccountType.AIBOT ? aibot : weChat;
    }

    private WxAccount singleAccount() {
        if (accounts.all().size() != 1) {
            throw new CallbackRejection(Reason.UNKNOWN_ACCOUNT,
                    "several accounts are configured; each is served at <wx.callback.path>/<app-id>");
        }
        return accounts.single();
    }

    private WxAccount account(String appId) {
        WxAccount account;
        try {
            account = accounts.findByAppId(appId);
        } catch (RuntimeException e) {
            // The application's repository failed or gave settings that cannot work: WeChat retries.
            throw new CallbackRejection(Reason.ACCOUNT_UNAVAILABLE, "account " + appId + " could not be read", e);
        }
        if (account == null) {
            throw new CallbackRejection(Reason.UNKNOWN_ACCOUNT, "no account has app id " + appId);
        }
        return account;
    }

    private void answer(CallbackResponse response, AnswerSupplier work) throws IOException {
        WxObservations.Callback observed = observations.callback();
        try {
            CallbackAnswer answer;
            try {
                answer = work.get();
            } catch (CallbackRejection rejection) {
                log(rejection);
                metrics.rejected(rejection.reason().tag());
                observed.rejected(rejection.reason().tag(), rejection.reason().status() >= 500 ? rejection : null);
                answer = CallbackAnswer.status(rejection.reason());
            }
            boolean early = !response.answer(answer.status(), answer.contentType(), answer.body());
            observed.answered(answer != CallbackAnswer.SUCCESS && answer != CallbackAnswer.EMPTY, early);
        } catch (IOException | RuntimeException | Error e) {
            observed.failed(e);
            throw e;
        } finally {
            observed.stop();
        }
    }

    /**
     * One line per refused request; for a server-side failure it names the cause, whose stack
     * trace goes to DEBUG (an outage would otherwise print a trace per callback).
     */
    private static void log(CallbackRejection rejection) {
        String text = "WeChat callback answered " + rejection.reason().status() + " (" + rejection.reason().tag()
                + "): " + rejection.getMessage();
        if (rejection.reason().status() >= 500) {
            Throwable cause = rejection.getCause();
            LOG.warn(cause == null ? text : text + "; cause: " + rootCause(cause));
            if (cause != null && LOG.isDebugEnabled()) {
                LOG.debug("cause of the " + rejection.reason().status() + " above", cause);
            }
        } else if (LOG.isInfoEnabled()) {
            LOG.info(text);
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (root: " + root + ")";
    }

    @FunctionalInterface
    private interface AnswerSupplier {
        CallbackAnswer get() throws IOException;
    }
}
