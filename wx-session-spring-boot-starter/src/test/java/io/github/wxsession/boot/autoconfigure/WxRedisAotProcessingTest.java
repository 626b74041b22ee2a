package io.github.wxsession.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.Ordered;
import org.springframework.core.io.InputStreamSource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.javapoet.ClassName;

/**
 * An application on the Redis store goes through Spring AOT's build-time processing: every bean
 * definition the starter registers becomes code (an instance supplier could not), and the proxy
 * behind Lettuce's cluster refresh is one a native image may create.
 */
class WxRedisAotProcessingTest {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({WxAccountsAutoConfiguration.class, WxRoutingAutoConfiguration.class,
            WxRedisAutoConfiguration.class})
    static class RedisApplication {

        /** Not connected: AOT processing creates no bean. */
        @Bean
        LettuceConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory();
        }
    }

    @Test
    void theLettuceClusterRefreshBecomesCodeAndItsProxyAHint() {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get(RedisApplication.class)), files);
        Class<?> customizerType;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.register(RedisApplication.class);
            TestPropertyValues.of("wx.app-id=wxAot", "wx.secret=s", "wx.token=t", "wx.session.store-type=redis")
                    .applyTo(context);

            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();

            customizerType = ((RootBeanDefinition) context.getBeanFactory()
                    .getMergedBeanDefinition(LettuceClusterRefreshRegistrar.BEAN_NAME)).getTargetType();
        }

        assertThat(customizerType).as("Boot's Lettuce customizer interface").isNotNull();
        assertThat(files.getGeneratedFiles(GeneratedFiles.Kind.SOURCE).values())
                .map(WxRedisAotProcessingTest::text)
                .anyMatch(source -> source.contains("LettuceClusterRefreshRegistrar.customizer("));
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(customizerType, Ordered.class))
                .accepts(generation.getRuntimeHints());
    }

    private static String text(InputStreamSource source) {
        try (InputStream in = source.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
