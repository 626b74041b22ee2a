package io.github.wxsession.router;

import static io.github.wxsession.router.Messages.content;
import static io.github.wxsession.router.Messages.replying;
import static io.github.wxsession.router.Messages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxsession.api.WxError;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What an exception in an interceptor, handler or matcher does to the message and its retries. */
class WxMessageRouterFailureTest {

    private final WxMessageRouter router = new WxMessageRouter(Messages.WX_SERVICE);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void byDefaultAHandlerExceptionFailsTheMessageWithATypedException() {
        IllegalStateException bug = new IllegalStateException("bug");
        router.rule().handler((m, c, s, sm) -> {
            throw bug;
        }).end();

        assertThatThrownBy(() -> router.route(text("x"))).isInstanceOf(WxMessageHandlingException.class)
                .hasCause(bug).hasMessageContaining("MsgType=text");
    }

    @Test
    void aRetryAfterAFailureIsHandledAgainAndThenCached() {
        router.rule().handler(failingOnce()).end();
        WxXmlMessage message = text("x");

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageHandlingException.class);
        WxXmlOutMessage retried = router.route(message);
        WxXmlOutMessage retriedAgain = router.route(message);

        assertThat(content(retried)).isEqualTo("attempt 2");
        assertThat(retriedAgain).isEqualTo(retried);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void theExceptionHandlerSeesCheckedApiErrorsAndCanTurnThemIntoAReply() {
        List<Exception> seen = new ArrayList<>();
        router.setExceptionHandler((message, context, exception) -> {
            seen.add(exception);
            return WxXmlOutMessage.replyTo(message).createTime(1).text("sorry, try later");
        });
        router.rule().handler((m, c, s, sm) -> {
            attempts.incrementAndGet();
            throw new WxErrorException(new WxError(45009, "reach max api daily quota limit"));
        }).end();
        WxXmlMessage message = text("x");

        WxXmlOutMessage reply = router.route(message);

        assertThat(content(reply)).isEqualTo("sorry, try later");
        assertThat(seen).singleElement().isInstanceOfSatisfying(WxErrorException.class,
                e -> assertThat(e.getError().errorCode()).isEqualTo(45009));
        assertThat(router.route(message)).as("the recovered reply counts as handled").isEqualTo(reply);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRecoveredReplyEndsRouting() {
        List<String> ran = new ArrayList<>();
        router.setExceptionHandler((message, context, exception) -> WxXmlOutMessage.replyTo(message).text("recovered"));
        router.rule().handler((m, c, s, sm) -> {
            throw new IllegalArgumentException("bad input");
        }).next()
                .rule().handler((m, c, s, sm) -> {
                    ran.add("later rule");
                    return null;
                }).end();

        assertThat(content(router.route(text("x")))).isEqualTo("recovered");
        assertThat(ran).isEmpty();
    }

    @Test
    void anExceptionHandlerAnsweringNullHandlesTheMessageWithoutReply() {
        router.setExceptionHandler((message, context, exception) -> null);
        router.rule().handler((m, c, s, sm) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("ignored");
        }).end();
        WxXmlMessage message = text("x");

        assertThat(router.route(message)).isNull();
        assertThat(router.route(message)).isNull();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anExceptionHandlerThatThrowsFailsTheMessageWithWhatItThrew() {
        IllegalStateException translated = new IllegalStateException("translated");
        router.setExceptionHandler((message, context, exception) -> {
            throw translated;
        });
        router.rule().handler(failingOnce()).end();
        WxXmlMessage message = text("x");

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(WxMessageHandlingException.class).hasCause(translated);
        assertThat(content(router.route(message))).as("released for the retry").isEqualTo("attempt 2");
    }

    @Test
    void interceptorAndMatcherExceptionsReachTheExceptionHandler() {
        List<String> seen = new ArrayList<>();
        router.setExceptionHandler((message, context, exception) -> {
            seen.add(exception.getMessage());
            return null;
        });
        router.rule().content("intercept").interceptor((m, c, s, sm) -> {
            throw new WxErrorException(new WxError(-1, "system error"));
        }).handler(replying("never")).end()
                .rule().matcher(m -> {
                    throw new IllegalStateException("matcher broke");
                }).handler(replying("never")).end();

        assertThat(router.route(text("intercept"))).isNull();
        assertThat(router.route(text("other"))).isNull();
        assertThat(seen).containsExactly("errcode=-1, errmsg=system error", "matcher broke");
    }

    @Test
    void errorsBypassTheExceptionHandlerButStillReleaseTheMessage() {
        List<Exception> seen = new ArrayList<>();
        router.setExceptionHandler((message, context, exception) -> {
            seen.add(exception);
            return null;
        });
        router.rule().handler((m, c, s, sm) -> {
            if (attempts.incrementAndGet() == 1) {
                throw new StackOverflowError("deep");
            }
            return replying("fine").handle(m, c, s, sm);
        }).end();
        WxXmlMessage message = text("x");

        assertThatThrownBy(() -> router.route(message)).isInstanceOf(StackOverflowError.class);
        assertThat(content(router.route(message))).isEqualTo("fine");
        assertThat(seen).isEmpty();
    }

    @Test
    void aDeliveryWhoseOutcomeCannotBeRecordedFailsSoWeChatRetries() {
        AtomicInteger abandoned = new AtomicInteger();
        router.setGate((key, sender) -> WxMessageAdmission.acquired(delivery(key, sender, () -> {
            throw new IllegalStateException("store unreachable");
        }, abandoned::incrementAndGet)));
        router.rule().content("ok").handler(replying("fine")).end()
                .rule().handler((m, c, s, sm) -> {
                    throw new IllegalArgumentException("bad");
                }).end();

        assertThatThrownBy(() -> router.route(text("ok"))).isInstanceOf(WxMessageHandlingException.class)
                .hasMessageContaining("could not be recorded").hasRootCauseMessage("store unreachable");
        assertThat(abandoned).as("a delivery that failed to complete is not abandoned on top").hasValue(0);
        assertThatThrownBy(() -> router.route(text("boom"))).isInstanceOf(WxMessageHandlingException.class)
                .hasRootCauseMessage("bad");
        assertThat(abandoned).hasValue(1);
    }

    @Test
    void aDeliveryThatLostItsHoldSaysSoAsItIs() {
        router.setGate((key, sender) -> WxMessageAdmission.acquired(delivery(key, sender, () -> {
            throw new WxDeliveryLostException(key);
        }, () -> {
            throw new AssertionError("a lost delivery is not abandoned");
        })));
        router.rule().handler(replying("late")).end();

        assertThatThrownBy(() -> router.route(text(7, "oAnn", "x"))).isInstanceOf(WxDeliveryLostException.class)
                .satisfies(e -> assertThat(((WxDeliveryLostException) e).getMessageKey()).isEqualTo(":m:7"));
    }

    /** A delivery that runs {@code onComplete} or {@code onAbandon} when it ends. */
    private static WxDelivery delivery(String key, String sender, Runnable onComplete, Runnable onAbandon) {
        return new WxDelivery() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public String sender() {
                return sender;
            }

            @Override
            public void complete(String replyXml) {
                onComplete.run();
            }

            @Override
            public boolean completeLate(String cachedReplyXml, String replyXml) {
                onComplete.run();
                return false;
            }

            @Override
            public void abandon() {
                onAbandon.run();
            }
        };
    }

    private WxMessageHandler failingOnce() {
        return (message, context, wxService, sessionManager) -> {
            int attempt = attempts.incrementAndGet();
            if (attempt == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return WxXmlOutMessage.replyTo(message).createTime(1).text("attempt " + attempt);
        };
    }
}
