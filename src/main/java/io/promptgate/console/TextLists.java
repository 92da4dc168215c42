package io.promptgate.console;

import java.util.Arrays;
import java.util.List;

/** Lists typed into one text field: one item a line (commas also separate); blanks dropped. */
final class TextLists {
    private TextLists() {
    }

    static List<String> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\n,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String join(List<String> items) {
        return items == null ? "" : String.join("\n", items);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
