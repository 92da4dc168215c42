package io.promptgate.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Times as the console shows them: in the analytics time zone of the settings. */
@Named("formats")
@ApplicationScoped
public class ConsoleFormats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    ConsoleServices console;

    /** Items separated by commas, e.g. a provider's models. */
    public String list(List<String> items) {
        return items == null ? "" : String.join(", ", items);
    }

    public String time(Instant instant) {
        if (instant == null) {
            return "";
        }
        return TIME.withZone(console.services().settings().admin().zone()).format(instant);
    }
}
