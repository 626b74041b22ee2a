package io.github.wxsession.sample;

import io.github.wxsession.session.WxSessionStore;
import io.github.wxsession.test.WeChatCallbackClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Instances of the sample application in this JVM, each a whole Spring Boot application with its
 * own Tomcat on a free loopback port, in the {@code redis} profile and configured only by
 * properties given as command-line arguments (which win over the profile's
 * {@code spring.data.redis.host/port}), as an operator would start them.
 */
final class SampleInstances implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<WeChatCallbackClient> clients = new ArrayList<>();

    private SampleInstances() {
    }

    /** Starts {@code count} instances one after the other, each with {@code properties} ({@code name=value}). */
    static SampleInstances start(int count, String... properties) {
        SampleInstances instances = new SampleInstances();
        try {
            for (int i = 0; i < count; i++) {
                int port = FreePort.find();
                String[] args = Stream.concat(Stream.of("--server.port=" + port, "--spring.main.banner-mode=off"),
                        Stream.of(properties).map(property -> "--" + property)).toArray(String[]::new);
                instances.contexts.add(new SpringApplicationBuilder(SampleApplication.class).profiles("redis").run(args));
                instances.clients.add(new WeChatCallbackClient(port, "/wx/callback",
                        instances.contexts.get(i).getEnvironment().getRequiredProperty("wx.token")));
            }
            return instances;
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
    }

    /** WeChat's side of each instance's callback, in start order. */
    List<WeChatCallbackClient> callbacks() {
        return List.copyOf(clients);
    }

    /** The session store of instance {@code i}, as its handlers see it. */
    WxSessionStore sessions(int i) {
        return contexts.get(i).getBean(WxSessionStore.class);
    }

    /** The connection factory Spring Boot built for instance {@code i} from the properties. */
    RedisConnectionFactory connectionFactory(int i) {
        return contexts.get(i).getBean(RedisConnectionFactory.class);
    }

    int size() {
        return contexts.size();
    }

    /** Closes every instance (its Redis connections and its web server). */
    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }
}
