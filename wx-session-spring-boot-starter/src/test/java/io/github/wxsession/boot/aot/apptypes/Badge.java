package io.github.wxsession.boot.aot.apptypes;

/** A session attribute type of an application that allows its package in Redis sessions. */
public record Badge(String name, int level) {
}
