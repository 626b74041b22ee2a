package io.github.wxsession.boot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.wxsession.api.WxApiType;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import io.github.wxsession.boot.web.JsonBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The emulator page and the little JSON API it runs on: what to emulate ({@code config}), one
 * user action to deliver to the callback ({@code send}), and each user's feed since a given point
 * ({@code inbox}): what the bot sent through the fake API, and how the deliveries went.
 */
@Controller
final class EmulatorController {

    /** The largest JSON body the page or a bot sends to the emulator, with room to spare. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** Enough for real openids (28 characters) and readable made-up ones; nothing that needs escaping. */
    private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    static final String PAGE_RESOURCE = "emulator.html";

    // The page is one self-contained file: inline style and script, nothing from elsewhere, never framed.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; connect-src 'self';"
            + " script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    private final WxAccounts accounts;
    private final EmulatedWeChatServer weChat;
    private final Inboxes inboxes;
    private final String callbackPath;
    private final @Nullable Map<String, Object> miniProgram;
    private final byte[] page;

    /**
     * @param callbackPath {@code wx.callback.path}
     * @param miniProgram the login endpoint and session header when HTTP sessions are on, else {@code null}
     */
    EmulatorController(WxAccounts accounts, EmulatedWeChatServer weChat, Inboxes inboxes, String callbackPath,
            @Nullable Map<String, Object> miniProgram) {
        this.accounts = accounts;
        this.weChat = weChat;
        this.inboxes = inboxes;
        this.callbackPath = callbackPath;
        this.miniProgram = miniProgram;
        this.page = loadPage();
    }

    @GetMapping({"${wx.emulator.path:/wx-emulator}", "${wx.emulator.path:/wx-emulator}/"})
    void page(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    @GetMapping("${wx.emulator.path:/wx-emulator}/config")
    void config(HttpServletResponse response) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (WxAccount account : accounts.all()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", account.name());
            json.put("appId", account.appId());
            json.put("type", account.type().name().toLowerCase(Locale.ROOT));
            json.put("originalId", account.apiType() == WxApiType.CP ? account.appId()
                    : EmulatedWeChatServer.originalId(account.appId()));
            json.put("safeMode", account.crypt() != null);
            json.put("plainMode", account.apiType() != WxApiType.CP);
            list.add(json);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("accounts", list);
        config.put("inboxSeq", inboxes.lastSeq());
        config.put("miniProgram", miniProgram);
        JsonBodies.write(response, 200, config);
    }

    /**
     * Starts delivering one action of the emulated user. Body: {@code account} (app id; optional
     * with one account), {@code openid}, {@code kind} (text, subscribe, unsubscribe, click),
     * {@code content}, {@code eventKey}, {@code mode} (plain or safe). Answered 202 with the
     * delivery's number ({@code delivery}) at once: WeChat's attempts, which may take its whole
     * retry schedule, then show in the user's feed ({@code inbox}) under that number.
     */
    @PostMapping("${wx.emulator.path:/wx-emulator}/send")
    void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // JSON only: a form or text/plain post from another site's page cannot get here without CORS.
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonBodies.write(response, 415, Map.of("error", "send JSON (Content-Type: application/json)"));
            return;
        }
        try {
            JsonNode body = JsonBodies.read(request, MAX_BODY_BYTES);
            WxAccount account = account(JsonBodies.text(body, "account"));
            String openid = openid(JsonBodies.text(body, "openid"));
            PhoneAction action = new PhoneAction(PhoneAction.Kind.parse(JsonBodies.text(body, "kind")),
                    body.path("content").isTextual() ? body.get("content").asText() : null,
                    JsonBodies.text(body, "eventKey"));
            boolean safe = safeMode(JsonBodies.text(body, "mode"));
            long delivery = weChat.deliver(account, openid, action, safe, callbackUri(request, account)).id();
            JsonBodies.write(response, 202, Map.of("delivery", delivery));
        } catch (EmulatorRequestException e) {
            JsonBodies.write(response, 400, Map.of("error", e.getMessage()));
        } catch (RejectedExecutionException e) {
            JsonBodies.write(response, 503, Map.of("error", EmulatedWeChatServer.MAX_IN_FLIGHT
                    + " deliveries are under way; wait for one to finish"));
        }
    }

    /**
     * The feed after entry number {@code after}, oldest first, optionally only one account's
     * ({@code account}, an app id) or user's ({@code openid}). Each entry has a {@code kind}:
     * {@code message} (from the fake API: {@code type}, {@code text}), {@code retry} (an attempt
     * that failed: the note in {@code text}, the attempt as in {@link Exchange#toJson()}) or
     * {@code outcome} (the last attempt, likewise; {@code text} is WeChat's error text when the user
     * sees one), the last two with the {@code delivery} number {@code send} answered.
     */
    @GetMapping("${wx.emulator.path:/wx-emulator}/inbox")
    void inbox(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long after;
        try {
            String value = request.getParameter("after");
            after = value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            JsonBodies.write(response, 400, Map.of("error", "after must be a message number"));
            return;
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Inboxes.Item item : inboxes.after(after, blankToNull(request.getParameter("account")),
                blankToNull(request.getParameter("openid")))) {
            messages.add(item.toJson());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messages", messages);
        answer.put("last", messages.isEmpty() ? Math.max(after, 0) : messages.get(messages.size() - 1).get("seq"));
        JsonBodies.write(response, 200, answer);
    }

    private WxAccount account(String appId) {
        if (appId == null) {
            if (accounts.all().size() != 1) {
                throw new EmulatorRequestException("several accounts are configured; name one by app id: "
                        + accounts.all().stream().map(WxAccount::appId).toList());
            }
            return accounts.single();
        }
        WxAccount account = accounts.findByAppId(appId);
        if (account == null) {
            throw new EmulatorRequestException("no account has app id " + appId);
        }
        return account;
    }

    private static String openid(String openid) {
        if (openid == null || !OPENID.matcher(openid).matches()) {
            throw new EmulatorRequestException("openid must be 1 to 64 letters, digits or _ . @ -");
        }
        return openid;
    }

    private static boolean safeMode(String mode) {
        if (mode == null || mode.equalsIgnoreCase("plain")) {
            return false;
        }
        if (mode.equalsIgnoreCase("safe")) {
            return true;
        }
        throw new EmulatorRequestException("mode must be plain or safe, not " + mode);
    }

    /**
     * The application's own callback, on the address and port this request came in on (so it is
     * one the server listens on), the account's own path when there are several.
     */
    private URI callbackUri(HttpServletRequest request, WxAccount account) {
        String host = request.getLocalAddr();
        if (host.indexOf(':') >= 0) {
            int zone = host.indexOf('%');
            host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
        }
        String path = request.getContextPath() + callbackPath
                + (accounts.all().size() == 1 ? "" : "/" + account.appId());
        return URI.create("http://" + host + ":" + request.getLocalPort() + path);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static byte[] loadPage() {
        try (InputStream in = EmulatorController.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE_RESOURCE + " is missing beside " + EmulatorController.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
