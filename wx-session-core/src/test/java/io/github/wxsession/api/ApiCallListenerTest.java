package io.github.wxsession.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiCallListenerTest {

    private static final String MP_SEND = "cgi-bin/message/custom/send";

    private final ApiTestFixture fixture;
    private final List<String> heard = new CopyOnWriteArrayList<>();

    ApiCallListenerTest() throws Exception {
        fixture = new ApiTestFixture();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void hearsEachCallOnceAroundItsRetriesAndTheTokenFetchInside() throws Exception {
        fixture.server.on(ApiTestFixture.TOKEN_PATH, FakeWeChatServer.token("T1", 7200));
        fixture.server.on(MP_SEND, FakeWeChatServer.error(-1, "system busy"), FakeWeChatServer.ok());

        service().sendCustomMessage(WxCustomMessage.text("o1", "hi"));

        assertThat(heard).containsExactly("start " + MP_SEND, "start " + ApiTestFixture.TOKEN_PATH,
                "ok " + ApiTestFixture.TOKEN_PATH, "ok " + MP_SEND);
        assertThat(fixture.server.calls(MP_SEND)).isEqualTo(2);
    }

    @Test
    void hearsTheErrcodeOfAFailedCall() {
        fixture.storage.updateAccessToken("T1", 7200);
        fixture.server.on(MP_SEND, FakeWeChatServer.error(45009, "reach max api daily quota limit"));

        ApiTestFixture.failureOf(() -> service().sendCustomMessage(WxCustomMessage.text("o1", "hi")));

        assertThat(heard).containsExactly("start " + MP_SEND, "failed " + MP_SEND + " 45009");
    }

    @Test
    void addedListenersAllHear() throws Exception {
        fixture.storage.updateAccessToken("T1", 7200);
        fixture.server.on(MP_SEND, FakeWeChatServer.ok());
        List<String> second = new CopyOnWriteArrayList<>();

        new HttpWxService(fixture.config().addCallListener(recording(heard)).addCallListener(recording(second)).build(),
                fixture.storage).sendCustomMessage(WxCustomMessage.text("o1", "hi"));

        assertThat(heard).containsExactly("start " + MP_SEND, "ok " + MP_SEND);
        assertThat(second).isEqualTo(heard);
    }

    private HttpWxService service() {
        return fixture.service(config -> config.callListener(recording(heard)));
    }

    private static WxApiCallListener recording(List<String> into) {
        return path -> {
            into.add("start " + path);
            return new WxApiCallListener.WxApiCall() {
                @Override
                public void succeeded() {
                    into.add("ok " + path);
                }

                @Override
                public void failed(WxErrorException failure) {
                    into.add("failed " + path + " " + failure.getError().errorCode());
                }
            };
        };
    }
}
