package io.github.wxsession.redis.attribute.apptypes;

/** An application enum. */
public enum Level {
    EASY, HARD
}
