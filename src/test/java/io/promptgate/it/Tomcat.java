package io.promptgate.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Which shared Tomcat {@link TomcatExtension} injects into a {@link TomcatContainer} parameter. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Tomcat {
    TomcatVersion value() default TomcatVersion.TOMCAT_11;
}
