package io.promptgate.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Tomcat distributions the container tests run against. The build unpacks each unmodified
 * distribution from Maven Central and passes its location as a system property.
 */
public enum TomcatVersion {
    TOMCAT_11("tomcat11", "tomcat11.home"),
    TOMCAT_10_1("tomcat10", "tomcat10.home");

    private final String id;
    private final String homeProperty;

    TomcatVersion(String id, String homeProperty) {
        this.id = id;
        this.homeProperty = homeProperty;
    }

    /** Short name used for working directories and log files, e.g. {@code tomcat11}. */
    public String id() {
        return id;
    }

    /** The system property that holds this distribution's CATALINA_HOME. */
    public String homeProperty() {
        return homeProperty;
    }

    /** CATALINA_HOME of the unpacked distribution; fails with a hint when it is missing. */
    public Path home() {
        String value = System.getProperty(homeProperty);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + homeProperty + " is not set: run the"
                    + " container tests through Maven (./mvnw verify), which unpacks Tomcat and sets it");
        }
        Path home = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalStateException(homeProperty + "=" + home + " is not a Tomcat distribution"
                    + " (no bin/catalina.sh); run ./mvnw verify, which unpacks it in pre-integration-test");
        }
        return home;
    }
}
