package io.github.wxsession.benchmarks;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.router.InMemoryWxMessageDuplicateChecker;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Clock;

/**
 * One account's callback without HTTP: the work a controller does for each POST after reading
 * the body and before writing the answer, in memory, with the number game's rules.
 */
final class CallbackEndpoint implements AutoCloseable {

    /** The answer to a message that gets no reply. */
    static final String NO_REPLY = "success";

    private final WxMessageCrypt crypt;
    private final InMemoryWxSessionStore sessions = new InMemoryWxSessionStore();
    private final InMemoryWxMessageDuplicateChecker duplicates;
    private final WxMessageRouter router;

    /**
     * @param deduplicationClock the clock de-duplication entries expire by (the system clock in
     *                           production); everything else runs on the system clock
     */
    CallbackEndpoint(WxMessageCrypt crypt, Clock deduplicationClock) {
        this.crypt = crypt;
        this.duplicates = InMemoryWxMessageDuplicateChecker.builder().clock(deduplicationClock).build();
        // Handed to handlers, never called: the game makes no API calls.
        HttpWxService wxService = new HttpWxService(WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
                InMemoryWxConfigStorage.builder().appId(crypt.receiveId()).secret("unused").build());
        this.router = new WxMessageRouter(wxService);
        router.setSessionManager(sessions);
        router.setDuplicateChecker(duplicates);
        NumberGame.addRules(router);
    }

    /** Starts a game for each of {@code users}, as if each had sent {@code guess} earlier. */
    void startGames(String[] users) {
        for (String user : users) {
            NumberGame.newGame(sessions.getSession(user));
        }
    }

    /** Plain mode: check the 3-field signature, parse, route, answer the reply's XML. */
    String plain(CallbackRequest request) {
        crypt.verifySignature(request.signature(), request.timestamp(), request.nonce());
        return orNoReply(router.routeToXml(WxXmlMessage.fromXml(request.body())));
    }

    /** Safe mode: parse the envelope, check the msg_signature and decrypt, route, encrypt the reply. */
    String safe(CallbackRequest request) {
        WxXmlMessage envelope = WxXmlMessage.fromXml(request.body());
        String xml = crypt.decryptMessage(request.signature(), request.timestamp(), request.nonce(),
                envelope.getEncrypt());
        String reply = router.routeToXml(WxXmlMessage.fromXml(xml));
        return reply == null ? NO_REPLY : crypt.encryptReply(reply, request.nonce()).toXml();
    }

    /** De-duplication entries held now, expired ones not yet swept included. */
    int duplicateEntries() {
        return duplicates.size();
    }

    private static String orNoReply(String xml) {
        return xml == null ? NO_REPLY : xml;
    }

    @Override
    public void close() {
        router.close();
        sessions.close();
    }
}
