package io.promptgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptgateHomeTest {
    @TempDir
    Path tmp;

    @Test
    void usesTheHomeSettingAndCreatesItOwnerOnly() throws Exception {
        Path wanted = tmp.resolve("a/b/home");
        Path home = PromptgateHome.resolve(ConfigValues.of(Map.of(), Map.of("PROMPTGATE_HOME", wanted.toString()), Map.of()));

        assertThat(home).isEqualTo(wanted).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
    }

    @Test
    void defaultsToCatalinaBaseThenJettyBaseThenDotData() {
        Map<String, String> both = Map.of("catalina.base", tmp.resolve("tomcat").toString(), "jetty.base", tmp.resolve("jetty").toString());
        assertThat(PromptgateHome.resolve(ConfigValues.of(both, Map.of(), Map.of())))
                .isEqualTo(tmp.resolve("tomcat/data/promptgate")).isDirectory();

        Map<String, String> jetty = Map.of("jetty.base", tmp.resolve("jetty").toString());
        assertThat(PromptgateHome.resolve(ConfigValues.of(jetty, Map.of(), Map.of())))
                .isEqualTo(tmp.resolve("jetty/data/promptgate")).isDirectory();

        assertThat(PromptgateHome.locate(ConfigValues.of(Map.of(), Map.of(), Map.of())))
                .isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void keepsAnExistingDirectoryAsItIs() throws Exception {
        Path existing = Files.createDirectory(tmp.resolve("existing"));
        Files.writeString(existing.resolve("promptgate.db"), "x");
        assertThat(PromptgateHome.resolve(ConfigValues.of(Map.of("promptgate.home", existing.toString()), Map.of(), Map.of())))
                .isEqualTo(existing);
        assertThat(existing.resolve("promptgate.db")).hasContent("x");
    }
}
