package io.github.wxsession.boot.actuate;

import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.boot.account.WxAccounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code wx} to the {@code info} endpoint: the store type, the callback path, and each
 * account's name, app id and type, read from {@link WxAccounts} at every request so accounts added
 * or removed at run time show as they are. Nothing secret. Its API is the same on Boot 3.5 and 4.
 */
public final class WxInfoContributor implements InfoContributor {

    private final WxAccounts accounts;
    private final String storeType;
    private final String callbackPath;

    /**
     * @param storeType {@code memory} or {@code redis}, as configured
     * @param callbackPath the path WeChat calls
     */
    public WxInfoContributor(WxAccounts accounts, String storeType, String callbackPath) {
        this.accounts = Objects.requireNonNull(accounts, "accounts must not be null");
        this.storeType = Objects.requireNonNull(storeType, "storeType must not be null");
        this.callbackPath = Objects.requireNonNull(callbackPath, "callbackPath must not be null");
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("wx", info());
    }

    /** What {@code wx} shows, in a stable order. */
    public Map<String, Object> info() {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (WxAccount account : accounts.all()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", account.name());
            one.put("appId", account.appId());
            one.put("type", account.type().name().toLowerCase(Locale.ROOT));
            shown.add(one);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("storeType", storeType);
        info.put("callbackPath", callbackPath);
        info.put("accounts", shown);
        return info;
    }
}
