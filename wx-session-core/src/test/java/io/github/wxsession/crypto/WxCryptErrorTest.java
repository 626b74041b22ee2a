package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WxCryptErrorTest {

    @Test
    void codesAreTheOfficialWxBizMsgCryptNumbers() {
        Map<WxCryptError, Integer> codes = new LinkedHashMap<>();
        Arrays.stream(WxCryptError.values()).forEach(error -> codes.put(error, error.code()));

        assertThat(codes).containsExactly(
                Map.entry(WxCryptError.VALIDATE_SIGNATURE, -40001),
                Map.entry(WxCryptError.PARSE_XML, -40002),
                Map.entry(WxCryptError.COMPUTE_SIGNATURE, -40003),
                Map.entry(WxCryptError.ILLEGAL_AES_KEY, -40004),
                Map.entry(WxCryptError.VALIDATE_APPID, -40005),
                Map.entry(WxCryptError.ENCRYPT_AES, -40006),
                Map.entry(WxCryptError.DECRYPT_AES, -40007),
                Map.entry(WxCryptError.ILLEGAL_BUFFER, -40008),
                Map.entry(WxCryptError.ENCODE_BASE64, -40009),
                Map.entry(WxCryptError.DECODE_BASE64, -40010),
                Map.entry(WxCryptError.GEN_RETURN_XML, -40011));
    }

    @Test
    void exceptionMessageLeadsWithTheErrorAndItsCode() {
        WxCryptException e = new WxCryptException(WxCryptError.DECODE_BASE64, "the ciphertext is not valid Base64");

        assertThat(e).hasMessage("DECODE_BASE64 (-40010): the ciphertext is not valid Base64");
        assertThat(e.code()).isEqualTo(-40010);
        assertThat(e.error()).isEqualTo(WxCryptError.DECODE_BASE64);
    }
}
