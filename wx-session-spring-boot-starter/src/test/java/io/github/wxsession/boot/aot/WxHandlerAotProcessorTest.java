package io.github.wxsession.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.github.wxsession.boot.aot.apptypes.Badge;
import io.github.wxsession.boot.aot.apptypes.Rank;
import io.github.wxsession.boot.aot.apptypes.Scoring;
import io.github.wxsession.boot.handler.WxHandler;
import io.github.wxsession.boot.handler.WxSessionAttribute;
import io.github.wxsession.message.WxXmlMessage;
import io.github.wxsession.session.WxSession;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;

/**
 * What a native image of an application needs to call its handlers and store its session types,
 * found from its bean definitions at build time.
 */
class WxHandlerAotProcessorTest {

    /** An application's handler bean, as the router finds it. */
    static class GameHandlers {

        @WxHandler(msgType = "text", content = "guess")
        String start(WxSession session) {
            return "Guess!";
        }

        @WxHandler(msgType = "text", content = "badge", order = 1)
        String badge(WxXmlMessage message, @WxSessionAttribute("badge") Badge badge) {
            return badge.name();
        }

        String notAHandler() {
            return "";
        }
    }

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

    @Test
    void everyHandlerMethodOfEveryBeanIsInvocable() {
        beanFactory.registerBeanDefinition("gameHandlers", new RootBeanDefinition(GameHandlers.class));

        RuntimeHints hints = contribute();

        assertThat(invocable(GameHandlers.class, "start", WxSession.class)).accepts(hints);
        assertThat(invocable(GameHandlers.class, "badge", WxXmlMessage.class, Badge.class)).accepts(hints);
        assertThat(invocable(GameHandlers.class, "notAHandler")).rejects(hints);
    }

    @Test
    void aSessionAttributeParameterTypeIsBoundByJackson() {
        beanFactory.registerBeanDefinition("gameHandlers", new RootBeanDefinition(GameHandlers.class));

        RuntimeHints hints = contribute();

        assertThat(RuntimeHintsPredicates.reflection().onType(Badge.class)).accepts(hints);
        assertThat(invocable(Badge.class, "name")).as("Jackson reads the record's components").accepts(hints);
    }

    @Test
    void theClassesOfTheAllowedPackagesAreBoundByJackson() {
        beanFactory.registerSingleton("environment", new MockEnvironment()
                .withProperty(WxHandlerAotProcessor.ALLOWED_PACKAGES, Badge.class.getPackageName()));

        RuntimeHints hints = contribute();

        assertThat(invocable(Badge.class, "level")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Rank.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Scoring.class)).rejects(hints);
    }

    @Test
    void anApplicationWithoutHandlersOrAllowedPackagesGetsNothing() {
        beanFactory.registerSingleton("environment", new MockEnvironment());
        beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(Object.class));

        assertThat(new WxHandlerAotProcessor().processAheadOfTime(beanFactory)).isNull();
    }

    @Test
    void theStartersHintsRegisterTheAttributesOfItsAnnotations() {
        RuntimeHints hints = new RuntimeHints();
        new WxRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.reflection().onType(WxHandler.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(WxSessionAttribute.class)
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_METHODS)).accepts(hints);
    }

    @Test
    void springAotFindsTheProcessorAndTheRegistrar() {
        SpringFactoriesLoader aotFactories = SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories");

        List<BeanFactoryInitializationAotProcessor> processors = aotFactories.load(BeanFactoryInitializationAotProcessor.class);
        List<RuntimeHintsRegistrar> registrars = aotFactories.load(RuntimeHintsRegistrar.class);

        assertThat(processors).hasAtLeastOneElementOfType(WxHandlerAotProcessor.class);
        assertThat(registrars).hasAtLeastOneElementOfType(WxRuntimeHints.class);
    }

    private RuntimeHints contribute() {
        BeanFactoryInitializationAotContribution contribution = new WxHandlerAotProcessor().processAheadOfTime(beanFactory);
        assertThat(contribution).as("a contribution").isNotNull();
        GenerationContext generation = new DefaultGenerationContext(new ClassNameGenerator(ClassName.get(getClass())),
                new InMemoryGeneratedFiles());
        contribution.applyTo(generation, mock(BeanFactoryInitializationCode.class));
        return generation.getRuntimeHints();
    }

    /**
     * Whether {@code type}'s method may be invoked, read from its type hint: RuntimeHintsPredicates'
     * {@code onMethod(...).invoke()} is deprecated for removal in Spring 7, and its replacement
     * {@code onMethodInvocation} is missing from Spring 6.2, which the boot3 profile builds on.
     */
    private static Predicate<RuntimeHints> invocable(Class<?> type, String name, Class<?>... parameterTypes) {
        assertThat(ReflectionUtils.findMethod(type, name, parameterTypes)).as(name).isNotNull();
        List<TypeReference> parameters = TypeReference.listOf(parameterTypes);
        return hints -> {
            TypeHint hint = hints.reflection().getTypeHint(type);
            return hint != null && hint.methods().anyMatch(method -> method.getName().equals(name)
                    && method.getParameterTypes().equals(parameters) && method.getMode() == ExecutableMode.INVOKE);
        };
    }
}
