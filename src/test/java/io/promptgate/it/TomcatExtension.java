package io.promptgate.it;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives tests the {@link SharedTomcat} containers and stops them once, when the whole test run
 * ends (a value in the root store). Resolves {@link TomcatContainer} parameters of test methods,
 * constructors and lifecycle methods; {@link Tomcat @Tomcat} on the parameter, the method or the
 * class picks the version (Tomcat 11 by default).
 *
 * <pre>{@code
 * @ExtendWith(TomcatExtension.class)
 * class RoutingIT {
 *     @Test
 *     void routes(@Tomcat(TomcatVersion.TOMCAT_10_1) TomcatContainer tomcat) { ... tomcat.uri("/v1/messages") ... }
 *
 *     @ParameterizedTest
 *     @EnumSource(TomcatVersion.class)
 *     void onEveryTomcat(TomcatVersion version) { TomcatContainer tomcat = SharedTomcat.get(version); ... }
 * }
 * }</pre>
 */
public final class TomcatExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TomcatExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        registerStopAtEndOfRun(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TomcatContainer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        registerStopAtEndOfRun(extensionContext);
        TomcatVersion version = parameterContext.findAnnotation(Tomcat.class).map(Tomcat::value)
                .or(() -> extensionContext.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, Tomcat.class))
                        .map(Tomcat::value))
                .or(() -> extensionContext.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, Tomcat.class))
                        .map(Tomcat::value))
                .orElse(TomcatVersion.TOMCAT_11);
        return SharedTomcat.get(version);
    }

    private static void registerStopAtEndOfRun(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StopAll.class, key -> new StopAll(), StopAll.class);
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the run. */
    private static final class StopAll implements AutoCloseable {
        @Override
        public void close() {
            SharedTomcat.stopAll();
        }
    }

}
