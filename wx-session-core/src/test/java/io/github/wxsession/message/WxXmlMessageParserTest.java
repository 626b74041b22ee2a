package io.github.wxsession.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.wxsession.message.WxMessageParseException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed bodies fail fast with one typed exception, and reach nothing outside. */
class WxXmlMessageParserTest {

    private static final String VALID = "<xml><MsgType><![CDATA[text]]></MsgType><Content>hi</Content></xml>";

    private HttpServer server;
    private final AtomicInteger serverHits = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            serverHits.incrementAndGet();
            byte[] body = "<!ENTITY secret 'from-the-network'>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void refusesAnExternalFileEntity(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top-secret");
        String body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<xml><Content>&xxe;</Content></xml>";

        assertRefused(body, Reason.DOCTYPE).hasMessageNotContaining("top-secret");
    }

    @Test
    void refusesAnExternalUrlEntityWithoutFetchingIt() {
        String body = "<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + url("/entity") + "\">]><xml><Content>&xxe;</Content></xml>";

        assertRefused(body, Reason.DOCTYPE);
        assertThat(serverHits).hasValue(0);
    }

    @Test
    void refusesAnExternalDtdWithoutFetchingIt() {
        assertRefused("<!DOCTYPE xml SYSTEM \"" + url("/evil.dtd") + "\"><xml><Content>&secret;</Content></xml>", Reason.DOCTYPE);
        assertRefused("<!DOCTYPE xml [<!ENTITY % remote SYSTEM \"" + url("/p.dtd") + "\"> %remote;]><xml/>", Reason.DOCTYPE);
        assertThat(serverHits).hasValue(0);
    }

    @Test
    void refusesBillionLaughsBeforeExpandingAnything() {
        StringBuilder body = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            body.append("<!ENTITY lol").append(i).append(" \"");
            body.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        body.append("]><xml><Content>&lol9;</Content></xml>");

        assertRefused(body.toString(), Reason.DOCTYPE);
    }

    @Test
    void refusesAnyDoctypeEvenAHarmlessOne() {
        assertRefused("<!DOCTYPE xml><xml><Content>hi</Content></xml>", Reason.DOCTYPE);
        assertRefused("<!DOCTYPE xml [<!ELEMENT xml ANY>]>" + VALID, Reason.DOCTYPE);
    }

    @Test
    void refusesUndeclaredEntitiesWithoutADoctype() {
        assertRefused("<xml><Content>&xxe;</Content></xml>", Reason.MALFORMED);
    }

    @Test
    void refusesBodiesOverTheLimitInCharsAndBytes() {
        WxXmlMessageParser parser = WxXmlMessageParser.builder().maxLength(VALID.length()).build();
        String tooLong = VALID + " ";

        assertThat(parser.parse(VALID).getContent()).isEqualTo("hi");
        assertThatThrownBy(() -> parser.parse(tooLong)).isInstanceOf(WxMessageParseException.class)
                .hasMessageContaining("more than the limit of " + VALID.length())
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.TOO_LARGE);
        assertThatThrownBy(() -> parser.parse(tooLong.getBytes(StandardCharsets.UTF_8)))
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void theDefaultLimitIsOneMebibyte() {
        String padding = "<!--" + "x".repeat(WxXmlMessageParser.DEFAULT_MAX_LENGTH) + "-->";

        assertThat(WxXmlMessageParser.DEFAULT_MAX_LENGTH).isEqualTo(1024 * 1024);
        assertRefused(VALID + padding, Reason.TOO_LARGE);
    }

    @Test
    void refusesMalformedXml() {
        assertRefused("<xml><Content>hi</xml>", Reason.MALFORMED);
        assertRefused("<xml><Content>hi</Content>", Reason.MALFORMED);
        assertRefused("<xml><Content><![CDATA[hi</Content></xml>", Reason.MALFORMED);
        assertRefused("just text", Reason.MALFORMED);
        assertRefused("{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"abc\"}", Reason.MALFORMED);
        assertRefused("<xml><Content>\u0001</Content></xml>", Reason.MALFORMED);
    }

    @Test
    void refusesContentAfterTheRoot() {
        assertRefused(VALID + "<xml/>", Reason.MALFORMED);
        assertRefused(VALID + "garbage", Reason.MALFORMED);
    }

    @Test
    void refusesARootOtherThanXml() {
        assertRefused("<message><Content>hi</Content></message>", Reason.UNEXPECTED_ROOT)
                .hasMessageContaining("<message>");
    }

    @Test
    void refusesEmptyBodies() {
        assertRefused("", Reason.EMPTY);
        assertRefused(" \r\n\t", Reason.EMPTY);
        assertThatThrownBy(() -> WxXmlMessage.fromXml(new byte[0]))
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.EMPTY);
        assertThatThrownBy(() -> WxXmlMessage.fromXml((String) null))
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.EMPTY);
        assertThatThrownBy(() -> WxXmlMessage.fromXml((byte[]) null))
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.EMPTY);
    }

    @Test
    void refusesInvalidUtf8InsteadOfReplacingIt() {
        assertBytesRefused(new byte[] {(byte) 0xC3, 0x28}); // bad continuation byte
        assertBytesRefused(new byte[] {(byte) 0xC0, (byte) 0xAF}); // overlong '/'
        assertBytesRefused(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // encoded surrogate
        assertBytesRefused(new byte[] {(byte) 0xE4, (byte) 0xBD}); // truncated 你
        assertBytesRefused(new byte[] {(byte) 0xFF});
    }

    @Test
    void boundsNestingDepth() {
        WxXmlMessageParser parser = WxXmlMessageParser.builder().maxDepth(3).build();

        assertThat(parser.parse("<xml><A><B>deep enough</B></A></xml>").getElement("A").getChildText("B"))
                .isEqualTo("deep enough");
        assertThatThrownBy(() -> parser.parse("<xml><A><B><C/></B></A></xml>"))
                .hasMessageContaining("nested more than 3 deep")
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void refusesVeryDeepNestingWithoutOverflowingTheStack() {
        String body = "<xml>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</xml>";

        assertRefused(body, Reason.TOO_DEEP);
    }

    @Test
    void boundsTheElementCount() {
        WxXmlMessageParser parser = WxXmlMessageParser.builder().maxElements(3).build();

        assertThat(parser.parse("<xml><A/><B/></xml>").getElements()).hasSize(2);
        assertThatThrownBy(() -> parser.parse("<xml><A/><B/><C/></xml>"))
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.TOO_MANY_ELEMENTS);
    }

    @Test
    void keepsServingAfterHostileBodies() {
        assertRefused("<!DOCTYPE xml [<!ENTITY a 'b'>]><xml>&a;</xml>", Reason.DOCTYPE);
        assertRefused("<xml>", Reason.MALFORMED);

        assertThat(WxXmlMessage.fromXml(VALID).getContent()).isEqualTo("hi");
    }

    @Test
    void builderRefusesLimitsBelowOne() {
        assertThatThrownBy(() -> WxXmlMessageParser.builder().maxLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLength must be at least 1, was 0");
        assertThatThrownBy(() -> WxXmlMessageParser.builder().maxDepth(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WxXmlMessageParser.builder().maxElements(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String body, Reason reason) {
        AbstractThrowableAssert<?, ? extends Throwable> refusal = assertThatThrownBy(() -> WxXmlMessage.fromXml(body))
                .isInstanceOf(WxMessageParseException.class);
        refusal.extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(reason);
        assertThatThrownBy(() -> WxXmlMessage.fromXml(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WxMessageParseException.class)
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(reason);
        return refusal;
    }

    private static void assertBytesRefused(byte[] bad) {
        byte[] prefix = "<xml><Content>".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "</Content></xml>".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, 0, body, prefix.length, bad.length);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);

        assertThatThrownBy(() -> WxXmlMessage.fromXml(body)).isInstanceOf(WxMessageParseException.class)
                .hasMessage("the body is not valid UTF-8")
                .extracting(e -> ((WxMessageParseException) e).getReason()).isEqualTo(Reason.INVALID_ENCODING);
    }
}
