package io.github.wxsession.boot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** One unit of work per request on its session: opened once, saved before the answer, discarded on failure. */
class HttpSessionScopeTest extends HttpSessionTestSupport {

    @Test
    void eachRequestRunsInOneScopeOnItsSessionSavedWhenItSucceeds() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oScoped");
        assertThat(scopes.of(id)).as("login fills the new session in one scope").containsExactly("open", "close");

        client.get("/api/me", "X-WX-SESSION", id);
        client.get("/api/health", "X-WX-SESSION", id);

        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "close", "open", "close");
    }

    @Test
    void theSessionIsSavedBeforeTheAnswerReachesTheClient() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oEager");

        for (int i = 0; i < 20; i++) {
            client.get("/api/me", "X-WX-SESSION", id);
            assertThat(scopes.of(id)).as("request %d", i).last().isEqualTo("close");
        }
    }

    @Test
    void aScopeIsDiscardedWhenTheHandlerFailsOrTheSessionIsRefused() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oFailing");

        assertThat(client.post("/api/fail", "X-WX-SESSION", id).statusCode()).isEqualTo(500);
        client.get("/api/me", "X-WX-SESSION", "~unknown-id");
        client.get("/api/me", "X-WX-SESSION", "oNotALoginId");

        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "discard");
        assertThat(scopes.of("~unknown-id")).containsExactly("open", "discard");
        assertThat(scopes.of("oNotALoginId")).as("not a login id: the store is not asked").isEmpty();
    }

    @Test
    void anAsyncRequestEndsItsScopeWhenTheHandlerReturnsAndIsNotCheckedAgainOnDispatch() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oAsync");

        HttpResponse<String> response = client.get("/api/later", "X-WX-SESSION", id);

        assertThat(response.body()).isEqualTo("later oAsync");
        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "close");
    }

    @Test
    void aFailingVerifierIsAServerErrorAndItsScopeIsDiscarded() throws Exception {
        ApiClient client = client();
        String id = client.login("code-oDirectoryDown");
        store.getSession(id, false).setAttribute("verifier-fails", Boolean.TRUE);

        assertThat(client.get("/api/me", "X-WX-SESSION", id).statusCode()).isEqualTo(500);
        assertThat(scopes.of(id)).containsExactly("open", "close", "open", "discard");
    }

    @Test
    void aRequestWithoutASessionIdOpensNoScope() throws Exception {
        int before = scopes.events.size();

        client().get("/api/health");
        client().get("/api/me");

        assertThat(scopes.events).hasSize(before);
    }
}
