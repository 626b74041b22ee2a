package io.github.wxsession.router;

import io.github.wxsession.router.WxMessageGateContract.Node;
import io.github.wxsession.session.InMemoryWxSessionStore;
import java.time.Duration;

/** Late replies in one JVM: every node is a router in front of the same gate and sessions. */
class InMemoryWxLateReplyContractTest extends WxLateReplyContract {

    private Node node;

    @Override
    protected Node node(Duration maxWait) {
        if (node == null) {
            node = new Node(InMemoryWxMessageGate.builder().maxWait(maxWait).build(), new InMemoryWxSessionStore());
        }
        return node;
    }
}
