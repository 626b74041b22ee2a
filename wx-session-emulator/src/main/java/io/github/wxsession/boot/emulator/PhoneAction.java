package io.github.wxsession.boot.emulator;

import io.github.wxsession.message.WxEventType;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the emulated user did on the phone: sent a text, followed or unfollowed the account, or
 * tapped a menu item.
 *
 * @param kind what happened
 * @param content the text sent, for {@link Kind#TEXT}
 * @param eventKey the menu item's key, for {@link Kind#CLICK}
 */
record PhoneAction(Kind kind, @Nullable String content, @Nullable String eventKey) {

    /** WeChat's text limit is 2048 bytes; a little slack for what a user may paste. */
    static final int MAX_CONTENT_CHARS = 2048;

    /** WeChat allows menu keys of up to 128 bytes. */
    static final int MAX_EVENT_KEY_CHARS = 128;

    /** The kinds of action, by the name the page sends. */
    enum Kind {
        TEXT(null), SUBSCRIBE(WxEventType.SUBSCRIBE), UNSUBSCRIBE(WxEventType.UNSUBSCRIBE), CLICK(WxEventType.CLICK);

        private final @Nullable String event;

        Kind(@Nullable String event) {
            this.event = event;
        }

        /** The {@code Event} WeChat sends, or {@code null} for a text message. */
        @Nullable String event() {
            return event;
        }

        static Kind parse(@Nullable String name) {
            if (name == null) {
                throw new EmulatorRequestException("kind is required: text, subscribe, unsubscribe or click");
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new EmulatorRequestException("kind must be text, subscribe, unsubscribe or click, not " + name);
            }
        }
    }

    /** Checks that the action has what WeChat would send with it. */
    PhoneAction {
        if (kind == Kind.TEXT && (content == null || content.isEmpty())) {
            throw new EmulatorRequestException("a text message needs content");
        }
        if (content != null && content.length() > MAX_CONTENT_CHARS) {
            throw new EmulatorRequestException("content is longer than " + MAX_CONTENT_CHARS + " characters");
        }
        if (kind == Kind.CLICK && (eventKey == null || eventKey.isBlank())) {
            throw new EmulatorRequestException("a menu click needs the menu item's eventKey");
        }
        if (eventKey != null && eventKey.length() > MAX_EVENT_KEY_CHARS) {
            throw new EmulatorRequestException("eventKey is longer than " + MAX_EVENT_KEY_CHARS + " characters");
        }
    }
}
