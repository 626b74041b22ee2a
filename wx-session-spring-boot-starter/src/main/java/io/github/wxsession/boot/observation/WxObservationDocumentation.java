package io.github.wxsession.boot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The starter's observations and their low-cardinality keys. */
public enum WxObservationDocumentation implements ObservationDocumentation {

    /** One callback request from WeChat: verified, read, routed and answered. */
    CALLBACK {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultWxCallbackObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return CallbackKeys.values();
        }
    },

    /** One run of a {@code @WxHandler} method, synchronous or async. */
    HANDLER {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultWxHandlerObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return HandlerKeys.values();
        }
    },

    /** One call of the WeChat API, token and ticket fetches included. */
    API {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultWxApiObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return ApiKeys.values();
        }
    };

    /** Keys of {@code wx.callback}. */
    public enum CallbackKeys implements KeyName {
        /** The configured account's name; {@code unknown} for the URL check, and if refused before it was known. */
        ACCOUNT("account"),
        /** The message's {@code MsgType}, lower case; {@code verify} for the URL check, {@code unknown} if unread. */
        MESSAGE_TYPE("message.type"),
        /**
         * {@code reply} (a passive reply), {@code success} (none), {@code late} (answered at the reply
         * deadline, the reply follows), {@code error}, or why it was refused, as in {@code wx.messages.rejected}.
         */
        OUTCOME("outcome");

        private final String key;

        CallbackKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys of {@code wx.handler}. */
    public enum HandlerKeys implements KeyName {
        /** The configured account's name. */
        ACCOUNT("account"),
        /** The handler method, as in {@code wx.handler.duration}. */
        HANDLER("handler"),
        /** {@code success} or {@code error}. */
        OUTCOME("outcome");

        private final String key;

        HandlerKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys of {@code wx.api}. */
    public enum ApiKeys implements KeyName {
        /** The configured account's name. */
        ACCOUNT("account"),
        /** The API path without query, e.g. {@code cgi-bin/message/custom/send}. */
        PATH("path"),
        /** WeChat's {@code errcode}: {@code 0} on success, {@code -1} for a failure without one. */
        ERRCODE("errcode");

        private final String key;

        ApiKeys(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
