package io.github.wxsession.benchmarks.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework floor of the HTTP load test (design §5): a bare Spring MVC endpoint on the same
 * Boot version as the sample, which reads the body and returns a constant XML reply. Whatever the
 * sample's callback costs beyond this is wx-session's.
 *
 * <p>Run by {@code scripts/load-test.sh} on the module's runtime classpath with
 * {@code --server.port=<port>}.
 */
@SpringBootApplication
public class FloorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    /** {@code POST /floor}: the body is read whole, as the callback reads it, and dropped. */
    @RestController
    static class FloorController {

        // About the size of the sample's text replies.
        private static final String REPLY = "<xml><ToUserName><![CDATA[oFloorUser]]></ToUserName>"
                + "<FromUserName><![CDATA[gh_floor]]></FromUserName><CreateTime>1714521600</CreateTime>"
                + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[Bigger]]></Content></xml>";

        @PostMapping(path = "/floor", produces = MediaType.APPLICATION_XML_VALUE)
        String floor(@RequestBody byte[] body) {
            return REPLY;
        }
    }
}
