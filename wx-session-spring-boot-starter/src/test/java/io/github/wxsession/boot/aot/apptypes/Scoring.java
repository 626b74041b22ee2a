package io.github.wxsession.boot.aot.apptypes;

/** An interface in the allowed package: nothing Jackson could create, so nothing to register. */
public interface Scoring {

    int score();
}
