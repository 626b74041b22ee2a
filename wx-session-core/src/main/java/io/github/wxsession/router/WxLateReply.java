package io.github.wxsession.router;

/**
 * What happens to the reply of a synchronous handler that is still running at the router's
 * {@linkplain WxMessageRouter#setReplyTimeout reply deadline}, i.e. that WeChat would not wait for
 * (it gives up on a delivery after 5 s, retries three times with the same {@code MsgId}, then shows
 * the user "该公众号暂时无法提供服务，请稍后再试"). The handler runs once either way, and its session
 * changes are saved as usual.
 */
public enum WxLateReply {

    /**
     * The delivery is answered {@code success} at the deadline (WeChat then neither retries nor
     * shows an error), and the handler's reply is sent when it finishes, through the
     * customer-service message API (WeCom: the app message API). Needs an account with that API
     * (a verified Official Account, or any WeCom app).
     */
    CUSTOMER_SERVICE,

    /**
     * The delivery is left to WeChat's timeout, so WeChat retries; every retry joins the running
     * handler and waits for it, and the first one that finds it finished answers with its reply.
     * If WeChat's last retry (its fourth delivery) finds it still running, that delivery answers a
     * placeholder and the reply is parked in the sender's session: their next message is answered
     * with it, once, instead of being routed. For accounts without the customer-service API.
     */
    RETRIES
}
