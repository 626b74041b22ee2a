package io.github.wxsession.redis.attribute.apptypes;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** An application type that asks Jackson for class names in its JSON, as some code bases do. */
public record Envelope(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object payload) {
}
