package io.promptgate.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders a {@link UsageReport} as a DingTalk markdown message, in English or Simplified Chinese. */
public final class DingTalkMarkdown {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A DingTalk markdown message's two fields. */
    public record Message(String title, String text) {
    }

    /** The words of a report in one language. */
    private record Words(String title, String period, String requests, String tokens, String errors, String fallbacks,
                         String topUsers, String topModels, String topRoutes, String entry, String none) {
    }

    private static final Words ENGLISH = new Words("PromptGate daily usage", "Period", "Requests", "Tokens in / out",
            "Errors", "Fallbacks", "Top users", "Top models", "Top routes", "%s: %s requests, %s tokens", "none");
    private static final Words CHINESE = new Words("PromptGate 每日用量报告", "统计周期", "请求数", "输入 / 输出 Token",
            "错误数", "降级次数", "用户排行", "模型排行", "路由排行", "%s：%s 次请求，%s Token", "无");

    private DingTalkMarkdown() {
    }

    /** @param language {@code zh…} for Chinese, anything else English */
    public static Message render(UsageReport r, String language) {
        Words w = language != null && language.toLowerCase(Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
        String colon = w == CHINESE ? "：" : ": ";
        StringBuilder b = new StringBuilder(1024)
                .append("#### ").append(w.title()).append("\n\n")
                .append("**").append(w.period()).append(colon).append("** ")
                .append(TIME.format(r.from())).append(" – ").append(TIME.format(r.to()))
                .append(" (").append(r.to().getZone().getId()).append(")\n\n")
                .append("- ").append(w.requests()).append(colon).append(number(r.requests())).append('\n')
                .append("- ").append(w.tokens()).append(colon).append(number(r.inputTokens())).append(" / ")
                .append(number(r.outputTokens())).append('\n')
                .append("- ").append(w.errors()).append(colon).append(number(r.errors())).append('\n')
                .append("- ").append(w.fallbacks()).append(colon).append(number(r.fallbacks())).append("\n\n");
        list(b, w, w.topUsers(), r.topUsers());
        list(b, w, w.topModels(), r.topModels());
        list(b, w, w.topRoutes(), r.topRoutes());
        return new Message(w.title(), b.toString().stripTrailing());
    }

    private static void list(StringBuilder b, Words w, String heading, List<UsageReport.Entry> entries) {
        b.append("**").append(heading).append("**\n\n");
        if (entries.isEmpty()) {
            b.append("- ").append(w.none()).append('\n');
        }
        int rank = 1;
        for (UsageReport.Entry e : entries) {
            b.append(rank++).append(". ")
                    .append(String.format(Locale.ROOT, w.entry(), escape(e.name()), number(e.requests()), number(e.tokens())))
                    .append('\n');
        }
        b.append('\n');
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Names come from configuration; keep them from turning into markdown. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if ("\\`*_[]#<>".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
