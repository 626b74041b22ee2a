package io.github.wxsession.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisServerProcessTest {

    @Test
    void startedServerAnswersCommandsOnLoopback() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            LettuceConnectionFactory factory = redis.newConnectionFactory();
            try {
                StringRedisTemplate template = new StringRedisTemplate(factory);
                template.opsForValue().set("k", "v");

                assertThat(redis.host()).isEqualTo("127.0.0.1");
                assertThat(template.opsForValue().get("k")).isEqualTo("v");
            } finally {
                factory.destroy();
            }
        }
    }

    @Test
    void stoppedServerRefusesConnections() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            redis.stop();

            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(redis.host(), redis.port()));
                }
            }).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void restartKeepsThePortStartsEmptyAndClientsReconnect() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            LettuceConnectionFactory factory = redis.newConnectionFactory();
            try {
                StringRedisTemplate template = new StringRedisTemplate(factory);
                template.opsForValue().set("k", "v");
                int port = redis.port();

                redis.restart();

                assertThat(redis.port()).isEqualTo(port);
                assertThat(template.opsForValue().get("k")).isNull();
                template.opsForValue().set("k", "again");
                assertThat(template.opsForValue().get("k")).isEqualTo("again");
            } finally {
                factory.destroy();
            }
        }
    }
}
