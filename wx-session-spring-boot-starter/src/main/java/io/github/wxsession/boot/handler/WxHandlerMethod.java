package io.github.wxsession.boot.handler;

import io.github.wxsession.aibot.WxStream;
import io.github.wxsession.api.WxErrorException;
import io.github.wxsession.api.WxService;
import io.github.wxsession.boot.account.WxAccount;
import io.github.wxsession.message.WxReplyBody;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.message.WxXmlOutMessage;
import io.github.wxsession.router.WxMessageHandler;
import io.github.wxsession.router.WxRuleConditions;
import io.github.wxsession.session.WxSession;
import io.github.wxsession.session.WxSessionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WxHandler} method made callable as a {@link WxMessageHandler}. Everything that can be
 * checked is checked once, when the application starts: each parameter gets its resolver and the
 * return type its conversion, so a call only looks values up.
 */
public final class WxHandlerMethod {

    private final Object bean;
    private final Method method;
    private final WxHandler definition;
    private final WxRuleConditions conditions;
    private final Function<HandlerInvocation, Object>[] arguments;
    private final boolean returnsReply;

    private WxHandlerMethod(Object bean, Method method, WxHandler definition) {
        this.bean = bean;
        this.method = method;
        this.definition = definition;
        this.arguments = resolvers(method);
        this.returnsReply = checkReturnType(method);
        this.conditions = HandlerConditions.of(definition, describe(method));
        method.trySetAccessible();
    }

    /**
     * @param bean the bean to call the method on (a proxy, if the bean is proxied)
     * @throws InvalidWxHandlerException naming the method if a parameter or the return type cannot be
     *         served, or a regex of its conditions does not compile
     */
    public static WxHandlerMethod of(Object bean, Method method, WxHandler definition) {
        return new WxHandlerMethod(bean, method, definition);
    }

    public WxHandler definition() {
        return definition;
    }

    /** The conditions the annotation sets; two handlers of equal conditions and order shadow each other. */
    public WxRuleConditions conditions() {
        return conditions;
    }

    public Method method() {
        return method;
    }

    /** {@code GameHandlers.guess(WxXmlMessage, Integer)}: how errors and metrics name this handler. */
    public String describe() {
        return describe(method);
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** This method as a handler of {@code account}'s messages. */
    public WxMessageHandler handlerFor(WxAccount account) {
        return new WxMessageHandler() {
            @Override
            public WxXmlOutMessage handle(WxXmlMessage message, Map<String, Object> context, WxService service,
                    WxSessionManager sessionManager) throws WxErrorException {
                return invoke(new HandlerInvocation(message, context, service, sessionManager, account));
            }

            @Override
            public String toString() {
                return describe();
            }
        };
    }

    private WxXmlOutMessage invoke(HandlerInvocation invocation) throws WxErrorException {
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments[i].apply(invocation);
        }
        Object result;
        try {
            result = method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            finishQuietly(invocation.openedStream());
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call handler " + describe(), e);
        }
        WxXmlOutMessage reply = !returnsReply || result == null ? null
                : result instanceof WxXmlOutMessage out ? out
                : WxXmlOutMessage.replyTo(invocation.message).text((String) result);
        finish(invocation.openedStream(), reply);
        return reply;
    }

    /**
     * A stream the handler left unfinished is finished when it returns: with its text reply as the
     * final content, if it returned one, else as it stands. WeCom then stops asking for it.
     */
    private static void finish(@Nullable WxStream stream, @Nullable WxXmlOutMessage reply) {
        if (stream == null || stream.isFinished()) {
            return;
        }
        if (reply != null && reply.getBody() instanceof WxReplyBody.Text text) {
            stream.finish(text.content());
        } else {
            stream.finish();
        }
    }

    /** After a failure: what the stream shows stays, finished, rather than polled for 6 minutes. */
    private static void finishQuietly(@Nullable WxStream stream) {
        try {
            finish(stream, null);
        } catch (RuntimeException e) {
            // Past the window, or the store is down: the handler's own failure is the one to report.
        }
    }

    private static RuntimeException rethrow(Throwable failure) throws WxErrorException {
        if (failure instanceof WxErrorException wxError) {
            throw wxError;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        // A checked exception the handler interface cannot declare: keep it as the cause.
        throw new UndeclaredThrowableException(failure);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<HandlerInvocation, Object>[] resolvers(Method method) {
        Parameter[] parameters = method.getParameters();
        Function<HandlerInvocation, Object>[] resolvers = new Function[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            resolvers[i] = resolver(method, parameters[i]);
        }
        return resolvers;
    }

    private static Function<HandlerInvocation, Object> resolver(Method method, Parameter parameter) {
        Class<?> type = parameter.getType();
        WxSessionAttribute attribute = parameter.getAnnotation(WxSessionAttribute.class);
        if (attribute != null) {
            if (type.isPrimitive()) {
                throw invalid(method, "@WxSessionAttribute(\"" + attribute.value() + "\") parameter " + parameter.getName()
                        + " is a primitive " + type + "; use its wrapper type, the attribute may be absent");
            }
            String name = attribute.value();
            return invocation -> {
                WxSession session = invocation.session();
                return session == null ? null : type.cast(session.getAttribute(name));
            };
        }
        if (type == WxXmlMessage.class) {
            return invocation -> invocation.message;
        }
        if (type == WxSession.class) {
            return HandlerInvocation::session;
        }
        if (type == WxSessionManager.class) {
            return invocation -> invocation.sessionManager;
        }
        if (type == WxService.class) {
            return invocation -> invocation.service;
        }
        if (type == Map.class) {
            return invocation -> invocation.context;
        }
        if (type == WxAccount.class) {
            return invocation -> invocation.account;
        }
        if (type == WxStream.class) {
            return HandlerInvocation::stream;
        }
        throw invalid(method, "cannot supply parameter " + parameter.getName() + " of type " + type.getName()
                + "; a handler may take WxXmlMessage, WxSession, WxSessionManager, WxService, Map<String, Object>,"
                + " WxAccount, WxStream (AI bot) or @WxSessionAttribute values");
    }

    private static boolean checkReturnType(Method method) {
        Class<?> type = method.getReturnType();
        if (type == void.class || type == Void.class) {
            return false;
        }
        if (type == String.class || type == WxXmlOutMessage.class) {
            return true;
        }
        throw invalid(method, "returns " + type.getName()
                + "; a handler returns String (a text reply), WxXmlOutMessage or void");
    }

    static InvalidWxHandlerException invalid(Method method, String problem) {
        return new InvalidWxHandlerException("@WxHandler " + method.getDeclaringClass().getName() + "."
                + method.getName() + ": " + problem);
    }
}
