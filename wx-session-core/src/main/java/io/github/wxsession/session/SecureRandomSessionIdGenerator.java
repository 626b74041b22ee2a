package io.github.wxsession.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random ids of 18 bytes: more than the 128 bits OWASP asks of a session id, and a multiple of
 * three so the Base64 form (A–Z, a–z, 0–9, '-', '_') needs no padding and is safe in a URL,
 * a header and a cookie.
 */
final class SecureRandomSessionIdGenerator implements WxSessionIdGenerator {

    private static final int BYTES = 18;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    @Override
    public String generateId() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
