package io.github.wxsession.aibot;

import java.util.Objects;

/**
 * What WeCom is shown of a streamed reply: its content so far (cumulative, each refresh replaces
 * what the user sees) and whether it is finished. Immutable.
 *
 * @param id the stream id WeCom echoes in its refresh callbacks
 * @param content the whole content so far, at most {@link WxStream#MAX_CONTENT_BYTES} UTF-8 bytes
 * @param finished whether WeCom may stop asking
 */
public record WxStreamState(String id, String content, boolean finished) {

    public WxStreamState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
    }
}
