package io.github.wxsession.redis.attributes;

/** An application enum. */
public enum Level {
    EASY, HARD
}
