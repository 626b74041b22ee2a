package io.github.wxsession.boot.aot.apptypes;

/** An enum of the same application, stored as its name. */
public enum Rank {
    NOVICE, MASTER
}
