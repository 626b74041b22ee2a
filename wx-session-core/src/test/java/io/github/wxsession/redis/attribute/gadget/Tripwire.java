package io.github.wxsession.redis.attribute.gadget;

/** A class outside the allow-list that records it was initialized, as a gadget's side effect would be. */
public class Tripwire {

    /** Set once this class has been initialized. */
    public static final String PROPERTY = "wx-session.test.tripwire";

    static {
        System.setProperty(PROPERTY, "initialized");
    }

    public String command;
}
