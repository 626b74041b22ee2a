package io.github.wxsession.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class WxSignaturesTest {

    @Test
    void urlVerificationSignatureMatchesTheOfficialExample() {
        // Vector V8 url_verify: token AAAAA.
        assertThat(WxSignatures.sortedSha1("AAAAA", "1714036504", "1514711492"))
                .isEqualTo("f464b24fc39322e44b38aa78f5edd27bd1441696");
    }

    @Test
    void signatureDoesNotDependOnArgumentOrder() {
        // Vector V8 plain_post.
        assertThat(WxSignatures.sortedSha1("486452656", "AAAAA", "1714037059"))
                .isEqualTo("899cf89e464efb63f54ddac96b0a0a235f53aa78");
    }

    @Test
    void messageSignatureIncludesTheCiphertext() {
        // Vector V1: WeCom URL verification signs token, timestamp, nonce and the echostr.
        String echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
        assertThat(WxSignatures.sortedSha1("QDG6eK", "1409659589", "263014780", echostr))
                .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    }

    @Test
    void jsSdkSignatureIsSha1OfTheJoinedString() {
        // Vector V10.
        String string1 = "jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
                + "&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value";
        assertThat(WxSignatures.sha1Hex(string1)).isEqualTo("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
    }

    @Test
    void matchesOnlyTheIdenticalSignature() {
        String signature = "f464b24fc39322e44b38aa78f5edd27bd1441696";
        assertThat(WxSignatures.matches(signature, signature)).isTrue();
        assertThat(WxSignatures.matches(signature, "f464b24fc39322e44b38aa78f5edd27bd1441697")).isFalse();
        assertThat(WxSignatures.matches(signature, signature.substring(1))).isFalse();
        assertThat(WxSignatures.matches(signature, null)).isFalse();
    }

    @Test
    void nullPartIsRejectedWithAMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> WxSignatures.sortedSha1("token", null, "nonce"))
                .withMessageContaining("must not be null");
    }
}
