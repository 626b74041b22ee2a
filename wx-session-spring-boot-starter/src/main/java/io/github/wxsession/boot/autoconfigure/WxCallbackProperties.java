package io.github.wxsession.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings under {@code wx.callback.*}: the endpoint WeChat calls. */
@ConfigurationProperties("wx.callback")
public class WxCallbackProperties {

    /** Path of the callback endpoint (GET verifies the URL, POST delivers messages). */
    private String path = "/wx/callback";

    /** Largest request body accepted; a larger one is answered 413. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /**
     * Remove the Jackson XML converter Spring MVC adds because jackson-dataformat-xml (which
     * the starter needs) is present, so other endpoints answer as they did without the starter.
     */
    private boolean removeXmlConverter = true;

    /**
     * How far a signed timestamp may be from the server clock, either way, before the request is
     * refused (403) as a possible replay; 0 turns the check off.
     */
    private Duration timestampTolerance = Duration.ofMinutes(5);

    /**
     * Refuse POSTs that are not encrypted (encrypt_type=aes with a valid msg_signature) with 403, so
     * a plaintext message cannot stand in for safe mode; turn on with the admin console's safe mode.
     */
    private boolean requireEncryption;

    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public void setTimestampTolerance(Duration timestampTolerance) {
        this.timestampTolerance = timestampTolerance;
    }

    public boolean isRequireEncryption() {
        return requireEncryption;
    }

    public void setRequireEncryption(boolean requireEncryption) {
        this.requireEncryption = requireEncryption;
    }

    public boolean isRemoveXmlConverter() {
        return removeXmlConverter;
    }

    public void setRemoveXmlConverter(boolean removeXmlConverter) {
        this.removeXmlConverter = removeXmlConverter;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }
}
