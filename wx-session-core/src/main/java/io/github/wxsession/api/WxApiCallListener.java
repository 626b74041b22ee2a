package io.github.wxsession.api;

/**
 * Hears every WeChat API call of a service: once per call, around its retries and its token
 * refresh, on the calling thread. For tracing, metrics and health: what was called, how it ended.
 * Token and ticket fetches are calls too. Implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface WxApiCallListener {

    /** Hears nothing. */
    WxApiCallListener NONE = path -> WxApiCall.IGNORED;

    /**
     * Called before the call is sent.
     *
     * @param path relative to the API root, without query, e.g. {@code cgi-bin/message/custom/send}:
     *        a handful of values, safe as a metric tag
     * @return told once how the call ended
     */
    WxApiCall started(String path);

    /** One call, told once how it ended. */
    interface WxApiCall {

        /** Ignores the outcome. */
        WxApiCall IGNORED = new WxApiCall() {
            @Override
            public void succeeded() {
            }

            @Override
            public void failed(WxErrorException failure) {
            }
        };

        /** WeChat answered {@code errcode} 0 (or none). */
        void succeeded();

        /**
         * The call failed: {@link WxErrorException#getError()} has WeChat's {@code errcode}, or -1
         * for a failure without one (I/O, a bad status, not JSON).
         */
        void failed(WxErrorException failure);
    }

    /** Both listeners, in this order. */
    default WxApiCallListener andThen(WxApiCallListener next) {
        return path -> {
            WxApiCall first = started(path);
            WxApiCall second = next.started(path);
            return new WxApiCall() {
                @Override
                public void succeeded() {
                    first.succeeded();
                    second.succeeded();
                }

                @Override
                public void failed(WxErrorException failure) {
                    first.failed(failure);
                    second.failed(failure);
                }
            };
        };
    }
}
