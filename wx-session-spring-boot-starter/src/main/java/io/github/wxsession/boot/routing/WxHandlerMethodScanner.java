package io.github.wxsession.boot.routing;

import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxHandlerMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/** Finds the {@link WxHandler} methods of every bean, the way Spring finds {@code @EventListener}s. */
public final class WxHandlerMethodScanner {

    private WxHandlerMethodScanner() {
    }

    static List<WxHandlerMethod> scan(ConfigurableListableBeanFactory beanFactory) {
        List<WxHandlerMethod> handlers = new ArrayList<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (ScopedProxyUtils.isScopedTarget(name)) {
                continue;
            }
            Class<?> type = beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            Map<Method, WxHandler> methods = handlerMethods(type);
            if (methods.isEmpty()) {
                continue;
            }
            Object bean = beanFactory.getBean(name);
            methods.forEach((method, definition) -> handlers.add(
                    WxHandlerMethod.of(bean, AopUtils.selectInvocableMethod(method, bean.getClass()), definition)));
        }
        return handlers;
    }

    /**
     * The {@link WxHandler} methods of a bean of {@code beanType} (a proxy's: its target class's),
     * as {@link #scan} finds them; also what Spring AOT registers for reflection at build time.
     */
    public static Map<Method, WxHandler> handlerMethods(Class<?> beanType) {
        return MethodIntrospector.selectMethods(ClassUtils.getUserClass(beanType),
                (MethodIntrospector.MetadataLookup<WxHandler>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, WxHandler.class));
    }
}
