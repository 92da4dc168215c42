package io.promptgate.ops;

/** The words of an action-log line in one language; field values stay as they are. */
public record ActionLogLabels(
        String info, String warn, String requestDone, String requestFailed,
        String requestId, String user, String key, String host, String path, String route, String provider,
        String model, String status, String in, String out, String total, String ms, String queue,
        String fallback, String yes, String no, String error,
        String keyCreated, String keyDisabled, String keyEnabled, String keyDeleted,
        String loginFailed, String loginLocked, String configChanged,
        String actor, String target, String change, String client) {

    public static final ActionLogLabels ENGLISH = new ActionLogLabels(
            "INFO", "WARN", "request done", "request failed",
            "requestId", "user", "key", "host", "path", "route", "provider",
            "model", "status", "in", "out", "total", "ms", "queue",
            "fallback", "yes", "no", "error",
            "key created", "key disabled", "key enabled", "key deleted",
            "login failed", "login locked", "config changed",
            "actor", "target", "change", "client");

    public static final ActionLogLabels CHINESE = new ActionLogLabels(
            "信息", "警告", "请求完成", "请求失败",
            "请求ID", "用户", "密钥", "主机", "路径", "路由", "供应商",
            "模型", "状态", "输入", "输出", "总计", "耗时", "排队",
            "降级", "是", "否", "错误",
            "密钥已创建", "密钥已停用", "密钥已启用", "密钥已删除",
            "登录失败", "登录已锁定", "配置已变更",
            "操作者", "对象", "变更", "客户端");

    /** The labels for a {@code logLanguage} setting: {@code zh…} is Chinese, anything else English. */
    public static ActionLogLabels forLanguage(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? CHINESE : ENGLISH;
    }

    /** The event words of a notice. */
    String event(ActionNotice.Type type) {
        return switch (type) {
            case KEY_CREATED -> keyCreated;
            case KEY_DISABLED -> keyDisabled;
            case KEY_ENABLED -> keyEnabled;
            case KEY_DELETED -> keyDeleted;
            case LOGIN_FAILED -> loginFailed;
            case LOGIN_LOCKED -> loginLocked;
            case CONFIG_CHANGED -> configChanged;
        };
    }
}
