package io.github.wxsession.boot.autoconfigure;

import io.github.wxsession.redis.LettuceClusterRefresh;
import io.lettuce.core.cluster.ClusterClientOptions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration.LettuceClientConfigurationBuilder;
import org.springframework.util.ClassUtils;

/**
 * Registers a Spring Boot {@code LettuceClientConfigurationBuilderCustomizer} that makes Lettuce
 * follow a Redis Cluster's failovers ({@link LettuceClusterRefresh}), unless the application set
 * {@code spring.data.redis.lettuce.cluster.refresh.adaptive} or {@code .period} itself. It runs
 * first among the customizers, so the application's own ones have the last word.
 * <p>
 * The customizer interface moved to another package in Spring Boot 4, and the starter runs on 3.5
 * too: the bean is a proxy implementing whichever interface the application's Boot has.
 */
final class LettuceClusterRefreshRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware,
        BeanClassLoaderAware {

    static final String BEAN_NAME = "wxSessionLettuceClusterRefresh";
    private static final String[] CUSTOMIZER_TYPES = {
        "org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer",
        "org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer"};
    private static final String REFRESH_PROPERTIES = "spring.data.redis.lettuce.cluster.refresh.";
    private static final Log LOG = LogFactory.getLog(LettuceClusterRefreshRegistrar.class);

    private static final InvocationHandler CUSTOMIZER = (proxy, method, args) -> switch (method.getName()) {
        case "customize" -> {
            customize((LettuceClientConfigurationBuilder) args[0]);
            yield null;
        }
        case "getOrder" -> Ordered.HIGHEST_PRECEDENCE;
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        case "toString" -> "wx-session's Lettuce cluster topology refresh";
        default -> throw new UnsupportedOperationException(method.toString());
    };

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        if (environment.containsProperty(REFRESH_PROPERTIES + "adaptive")
                || environment.containsProperty(REFRESH_PROPERTIES + "period")) {
            LOG.debug("Lettuce's cluster topology refresh is left as " + REFRESH_PROPERTIES + "* configures it");
            return;
        }
        Class<?> customizer = customizerType();
        if (customizer == null || registry.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        // A static factory method, not an instance supplier: Spring AOT turns it into code.
        RootBeanDefinition definition = new RootBeanDefinition(LettuceClusterRefreshRegistrar.class);
        definition.setFactoryMethodName("customizer");
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, customizer.getName());
        definition.setTargetType(customizer);
        registry.registerBeanDefinition(BEAN_NAME, definition);
    }

    /** The customizer: a proxy implementing {@code customizerType}, the interface of the application's Boot. */
    static Object customizer(String customizerType) {
        ClassLoader loader = LettuceClusterRefreshRegistrar.class.getClassLoader();
        return Proxy.newProxyInstance(loader, new Class<?>[] {ClassUtils.resolveClassName(customizerType, loader),
                Ordered.class}, CUSTOMIZER);
    }

    private @Nullable Class<?> customizerType() {
        for (String name : CUSTOMIZER_TYPES) {
            if (ClassUtils.isPresent(name, classLoader)) {
                return ClassUtils.resolveClassName(name, classLoader);
            }
        }
        return null;
    }

    /** The proxy, for a native image, which can only create the JDK proxies it was told of at build time. */
    static final class ProxyHints implements RuntimeHintsRegistrar {

        @Override
        public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
            for (String name : CUSTOMIZER_TYPES) {
                if (ClassUtils.isPresent(name, classLoader)) {
                    hints.proxies().registerJdkProxy(TypeReference.of(name), TypeReference.of(Ordered.class));
                }
            }
        }
    }

    /** Only a cluster's options change: Spring Boot builds {@link ClusterClientOptions} for a cluster alone. */
    private static void customize(LettuceClientConfigurationBuilder builder) {
        builder.build().getClientOptions()
                .filter(ClusterClientOptions.class::isInstance)
                .map(options -> LettuceClusterRefresh.followFailovers((ClusterClientOptions) options))
                .ifPresent(builder::clientOptions);
    }
}
