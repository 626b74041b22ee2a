package io.github.wxsession.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxsession.session.InMemoryWxSessionStore;
import java.time.Duration;

/** The gate contract in one JVM: every node is a thread in front of the same gate and sessions. */
class InMemoryWxMessageGateContractTest extends WxMessageGateContract {

    private Node node;
    private Duration maxWait;

    @Override
    protected Node node(Duration maxWait) {
        if (node == null) {
            this.maxWait = maxWait;
            node = new Node(InMemoryWxMessageGate.builder().maxWait(maxWait).build(), new InMemoryWxSessionStore());
        }
        assertThat(maxWait).as("one wait per test").isEqualTo(this.maxWait);
        return node;
    }
}
