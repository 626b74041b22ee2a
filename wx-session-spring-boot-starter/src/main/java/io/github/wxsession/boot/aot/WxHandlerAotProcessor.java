package io.github.wxsession.boot.aot;

import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.boot.routing.WxHandlerMethodScanner;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Registers, at build time, what the starter will reach by reflection in the application's own
 * classes, which only the application's bean definitions tell:
 * <ul>
 * <li>every {@code @WxHandler} method of every bean, invoked reflectively once the context has
 *     started, found the way the router finds them ({@link WxHandlerMethodScanner#handlerMethods});</li>
 * <li>the types of {@link WxSessionAttribute} parameters, and every class in the packages of
 *     {@code wx.session.redis.allowed-packages}: a Redis store writes and reads them with Jackson and
 *     loads them by name.</li>
 * </ul>
 * On the JVM, AOT mode needs none of this; a native image needs all of it.
 */
final class WxHandlerAotProcessor implements BeanFactoryInitializationAotProcessor {

    static final String ALLOWED_PACKAGES = "wx.session.redis.allowed-packages";

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        List<Method> handlers = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (ScopedProxyUtils.isScopedTarget(name)) {
                continue;
            }
            Class<?> type = beanFactory.getType(name, false);
            if (type != null) {
                handlers.addAll(WxHandlerMethodScanner.handlerMethods(type).keySet());
            }
        }
        Set<Class<?>> attributeTypes = allowedTypes(beanFactory);
        if (handlers.isEmpty() && attributeTypes.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> register(generationContext.getRuntimeHints(), handlers, attributeTypes);
    }

    static void register(RuntimeHints hints, List<Method> handlers, Set<Class<?>> attributeTypes) {
        ReflectionHints reflection = hints.reflection();
        BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
        for (Method handler : handlers) {
            reflection.registerMethod(handler, ExecutableMode.INVOKE);
            for (Parameter parameter : handler.getParameters()) {
                if (parameter.isAnnotationPresent(WxSessionAttribute.class)) {
                    bindings.registerReflectionHints(reflection, parameter.getParameterizedType());
                }
            }
        }
        bindings.registerReflectionHints(reflection, attributeTypes.toArray(Type[]::new));
    }

    /** The classes of the packages the application allows in Redis sessions, as configured at build time. */
    private static Set<Class<?>> allowedTypes(ConfigurableListableBeanFactory beanFactory) {
        Environment environment = beanFactory.getBeanProvider(Environment.class).getIfAvailable();
        if (environment == null) {
            return Set.of();
        }
        List<String> packages = Binder.get(environment).bind(ALLOWED_PACKAGES, Bindable.listOf(String.class))
                .orElse(List.of());
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
                environment) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                // Records, classes and enums Jackson can bind; not interfaces, and not the local
                // or anonymous classes the allow-list refuses anyway.
                return definition.getMetadata().isIndependent() && !definition.getMetadata().isInterface();
            }
        };
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
        scanner.addIncludeFilter((reader, factory) -> true);
        Set<Class<?>> types = new LinkedHashSet<>();
        for (String packageName : packages) {
            for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
                String className = candidate.getBeanClassName();
                if (className != null && ClassUtils.isPresent(className, classLoader)) {
                    types.add(ClassUtils.resolveClassName(className, classLoader));
                }
            }
        }
        return types;
    }
}
