package io.promptgate.console;

import io.promptgate.service.AdminSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the browser chose for the whole console: the language (also kept in a cookie, so the
 * login page and a new session start in it) and the global time range every analytics view follows.
 */
@Named("preferences")
@SessionScoped
public class ConsolePreferences implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String LANGUAGE_COOKIE = "promptgate_lang";
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private Locale locale = Locale.ENGLISH;
    private TimeRange range = TimeRange.LAST_7_DAYS;
    private LocalDate customFrom;
    private LocalDate customTo;

    @PostConstruct
    void init() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        Map<String, Object> cookies = external.getRequestCookieMap();
        if (cookies.get(LANGUAGE_COOKIE) instanceof Cookie cookie) {
            locale = localeOf(cookie.getValue());
        } else if (((HttpServletRequest) external.getRequest()).getLocale().getLanguage().equals("zh")) {
            locale = CHINESE;
        }
    }

    static Locale localeOf(String tag) {
        return "zh-CN".equalsIgnoreCase(tag) ? CHINESE : Locale.ENGLISH;
    }

    public Locale getLocale() {
        return locale;
    }

    /** {@code en} or {@code zh-CN}: the page's {@code lang} and the language switch's value. */
    public String getLanguage() {
        return locale.equals(CHINESE) ? "zh-CN" : "en";
    }

    public void setLanguage(String tag) {
        locale = localeOf(tag);
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        external.addResponseCookie(LANGUAGE_COOKIE, getLanguage(), Map.of("maxAge", 365 * 24 * 3600, "path",
                external.getRequestContextPath().isEmpty() ? "/" : external.getRequestContextPath(), "httpOnly", true,
                "SameSite", "Strict"));
        FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
    }

    public List<String> getLanguages() {
        return List.of("en", "zh-CN");
    }

    public TimeRange getRange() {
        return range;
    }

    public void setRange(TimeRange range) {
        this.range = range == null ? TimeRange.LAST_7_DAYS : range;
    }

    public TimeRange[] getRanges() {
        return TimeRange.values();
    }

    public boolean isCustom() {
        return range == TimeRange.CUSTOM;
    }

    public LocalDate getCustomFrom() {
        return customFrom;
    }

    public void setCustomFrom(LocalDate customFrom) {
        this.customFrom = customFrom;
    }

    public LocalDate getCustomTo() {
        return customTo;
    }

    public void setCustomTo(LocalDate customTo) {
        this.customTo = customTo;
    }

    /** The chosen range as instants, by the analytics settings' zone, day start and week start. */
    public TimeWindow window(AdminSettings settings) {
        return range.window(ZonedDateTime.now(settings.zone()), settings.dayStartHour(), settings.firstDayOfWeek(), customFrom,
                customTo);
    }

    /** After a change: the same page again, by GET, so that every view loads for the new choice. */
    public void reloadPage() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        try {
            external.redirect(external.getRequestContextPath() + faces.getViewRoot().getViewId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
