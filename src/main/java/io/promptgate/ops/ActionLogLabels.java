package io.promptgate.ops;

/** The words of an action-log line in one language; field values stay as they are. */
public record ActionLogLabels(
        String info, String warn, String requestDone, String requestFailed,
        String requestId, String user, String key, String host, String path, String route, String provider,
        String model, String status, String in, String out, String total, String ms, String queue,
        String fallback, String yes, String no, String error) {

    public static final ActionLogLabels ENGLISH = new ActionLogLabels(
            "INFO", "WARN", "request done", "request failed",
            "requestId", "user", "key", "host", "path", "route", "provider",
            "model", "status", "in", "out", "total", "ms", "queue",
            "fallback", "yes", "no", "error");

    public static final ActionLogLabels CHINESE = new ActionLogLabels(
            "信息", "警告", "请求完成", "请求失败",
            "请求ID", "用户", "密钥", "主机", "路径", "路由", "供应商",
            "模型", "状态", "输入", "输出", "总计", "耗时", "排队",
            "降级", "是", "否", "错误");

    /** The labels for a {@code logLanguage} setting: {@code zh…} is Chinese, anything else English. */
    public static ActionLogLabels forLanguage(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
    }
}
