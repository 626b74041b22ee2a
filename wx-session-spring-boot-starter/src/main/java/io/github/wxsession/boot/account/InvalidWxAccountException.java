package io.github.wxsession.boot.account;

/**
 * An account's settings cannot work; {@link #field()} names the setting to fix, as its property
 * is spelled ({@code aes-key}), so configuration errors can point at {@code wx.accounts.shop.aes-key}
 * and a repository's at its column.
 */
public class InvalidWxAccountException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidWxAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The setting to fix, e.g. {@code secret} or {@code aes-key}. */
    public String field() {
        return field;
    }
}
