package io.github.wxsession.boot.callback;

import io.github.wxsession.boot.account.WxAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * How the callbacks of one kind of account are verified, read and answered: XML with passive
 * replies ({@link WeChatCallbacks}, which also serves mini programs in XML or JSON), or the WeCom
 * AI bot's encrypted JSON with streamed replies ({@link AibotCallbacks}). A refusal is a
 * {@link CallbackRejection}.
 */
interface CallbackChannel {

    /** The GET with which WeChat verifies the callback URL. */
    CallbackAnswer verify(WxAccount account, HttpServletRequest request);

    /**
     * A POST that delivers a message. {@code response} may be answered early, from another thread,
     * while the handler goes on; the returned answer is then dropped.
     */
    CallbackAnswer receive(WxAccount account, HttpServletRequest request, CallbackResponse response)
            throws IOException;
}
