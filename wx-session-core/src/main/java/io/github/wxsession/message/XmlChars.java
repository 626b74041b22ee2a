package io.github.wxsession.message;

import org.jspecify.annotations.Nullable;

/** Checks that reply values can be written as XML 1.0 at all, so a bad value fails where it is set. */
final class XmlChars {

    private XmlChars() {
    }

    /** {@code value} must be present and writable as XML 1.0. */
    static String required(@Nullable String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return optional(value, name);
    }

    /** {@code value} may be {@code null} (the element is then left out) but must otherwise be writable. */
    static @Nullable String optional(@Nullable String value, String name) {
        if (value != null) {
            int bad = firstInvalid(value);
            if (bad >= 0) {
                throw new IllegalArgumentException(String.format(
                        "%s has U+%04X at index %d, which XML 1.0 cannot carry; remove it", name, (int) value.charAt(bad), bad));
            }
        }
        return value;
    }

    /** Index of the first char outside XML 1.0's Char production, or -1. */
    private static int firstInvalid(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0xD800 || c == '\n' || c == '\r' || c == '\t' || c >= 0xE000 && c <= 0xFFFD) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
