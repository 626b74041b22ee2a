package io.github.wxsession.api;

import io.github.wxsession.token.RefreshLock;
import io.github.wxsession.token.WxConfigStorage;
import io.github.wxsession.token.WxTokenType;
import java.util.concurrent.CountDownLatch;

/**
 * A storage that counts down a latch whenever a thread starts acquiring a refresh lock, so a
 * test can hold the token answer until every thread is known to be contending for the lock.
 */
public final class LockObservingStorage implements WxConfigStorage {

    private final WxConfigStorage delegate;
    private final CountDownLatch acquiring;

    public LockObservingStorage(WxConfigStorage delegate, CountDownLatch acquiring) {
        this.delegate = delegate;
        this.acquiring = acquiring;
    }

    @Override
    public RefreshLock refreshLock(WxTokenType type) {
        RefreshLock lock = delegate.refreshLock(type);
        return () -> {
            acquiring.countDown();
            return lock.acquire();
        };
    }

    @Override
    public String getAppId() {
        return delegate.getAppId();
    }

    @Override
    public String getSecret() {
        return delegate.getSecret();
    }

    @Override
    public String getToken() {
        return delegate.getToken();
    }

    @Override
    public String getAesKey() {
        return delegate.getAesKey();
    }

    @Override
    public String getCredential(WxTokenType type) {
        return delegate.getCredential(type);
    }

    @Override
    public void updateCredential(WxTokenType type, String value, int expiresInSeconds) {
        delegate.updateCredential(type, value, expiresInSeconds);
    }

    @Override
    public void expireCredential(WxTokenType type) {
        delegate.expireCredential(type);
    }

    @Override
    public boolean expireCredentialIfCurrent(WxTokenType type, String failedValue) {
        return delegate.expireCredentialIfCurrent(type, failedValue);
    }
}
