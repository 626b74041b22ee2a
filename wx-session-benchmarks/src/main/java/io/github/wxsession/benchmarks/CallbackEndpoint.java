package io.github.wxsession.benchmarks;

import io.github.wxsession.api.HttpWxService;
import io.github.wxsession.api.WxApiConfig;
import io.github.wxsession.crypto.WxEncryptedEnvelope;
import io.github.wxsession.crypto.WxMessageCrypt;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.redis.session.RedisWxMessageGate;
import io.github.wxsession.redis.session.RedisWxSessionStore;
import io.github.wxsession.router.InMemoryWxMessageGate;
import io.github.wxsession.router.WxMessageGate;
import io.github.wxsession.router.WxMessageRouter;
import io.github.wxsession.session.InMemoryWxSessionStore;
import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.token.InMemoryWxConfigStorage;
import java.time.Clock;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * One account's callback without HTTP: the work a controller does for each POST after reading
 * the body and before writing the answer, with the number game's rules, its sessions and
 * de-duplication in memory or in Redis.
 */
final class CallbackEndpoint implements AutoCloseable {

    /** The answer to a message that gets no reply. */
    static final String NO_REPLY = "success";

    private final WxMessageCrypt crypt;
    private final WxSessionStore sessions;
    private final WxMessageGate gate;
    private final WxMessageRouter router;

    private CallbackEndpoint(WxMessageCrypt crypt, WxSessionStore sessions, WxMessageGate gate) {
        this.crypt = crypt;
        this.sessions = sessions;
        this.gate = gate;
        // Handed to handlers, never called: the game makes no API calls.
        HttpWxService wxService = new HttpWxService(WxApiConfig.builder().baseUri("http://127.0.0.1:9/").build(),
                InMemoryWxConfigStorage.builder().appId(crypt.receiveId()).secret("unused").build());
        this.router = new WxMessageRouter(wxService);
        router.setSessionManager(sessions);
        router.setGate(gate);
        NumberGame.addRules(router);
    }

    /**
     * Sessions and de-duplication in memory.
     *
     * @param deduplicationClock the clock de-duplication entries expire by (the system clock in
     *                           production); sessions run on the system clock
     */
    static CallbackEndpoint inMemory(WxMessageCrypt crypt, Clock deduplicationClock) {
        return new CallbackEndpoint(crypt, new InMemoryWxSessionStore(),
                InMemoryWxMessageGate.builder().clock(deduplicationClock).build());
    }

    /**
     * Sessions and de-duplication in Redis through one {@link RedisWxMessageGate}: two scripts
     * per message, as the starter sets it up.
     *
     * @param clock            the clock of the store and the gate (session times, lock deadlines)
     * @param deduplicationTtl how long Redis keeps a handled message's reply
     */
    static CallbackEndpoint redis(WxMessageCrypt crypt, RedisConnectionFactory redis, Clock clock,
            Duration deduplicationTtl) {
        RedisWxSessionStore store = RedisWxSessionStore.builder(redis).appId(crypt.receiveId()).clock(clock).build();
        return new CallbackEndpoint(crypt, store, RedisWxMessageGate.builder(store).ttl(deduplicationTtl).build());
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

    /**
     * Safe mode: find the ciphertext in the envelope (a scan, as the starter's controller does),
     * check the msg_signature and decrypt, route, encrypt the reply.
     */
    String safe(CallbackRequest request) {
        String ciphertext = WxEncryptedEnvelope.ciphertextOf(request.body());
        String xml = crypt.decryptMessage(request.signature(), request.timestamp(), request.nonce(),
                ciphertext != null ? ciphertext : WxXmlMessage.fromXml(request.body()).getEncrypt());
        String reply = router.routeToXml(WxXmlMessage.fromXml(xml));
        return reply == null ? NO_REPLY : crypt.encryptReply(reply, request.nonce()).toXml();
    }

    /** De-duplication entries held now, expired ones not yet swept included; in memory only. */
    int duplicateEntries() {
        return ((InMemoryWxMessageGate) gate).size();
    }

    /** Live sessions of the account. */
    int activeSessions() {
        return sessions.getActiveSessionCount();
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
