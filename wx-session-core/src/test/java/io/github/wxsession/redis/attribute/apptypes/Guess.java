package io.github.wxsession.redis.attribute.apptypes;

import java.util.List;

/** An application type a bot keeps in its session. */
public record Guess(int number, long attempts, Level level, List<Integer> history) {
}
