package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.mgt.DefaultWebSecurityManager;
import org.apache.shiro.web.subject.WebSubject;
import org.junit.jupiter.api.Test;

class RememberMeCookieTest {
    private final RememberMeCookie cookies = new RememberMeCookie(new byte[32], PromptGateRealm.NAME);

    @Test
    void theCookieIsHttpOnlyStrictAndSecureExactlyWhenTheRequestCameOverHttps() {
        assertThat(setCookie(true)).startsWith(RememberMeCookie.NAME + "=").contains("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("; Secure").contains("Max-Age=1209600");
        assertThat(setCookie(false)).contains("HttpOnly").doesNotContain("Secure");
    }

    @Test
    void anUnreadableCookieIsForgottenWithoutAnError() {
        org.apache.shiro.subject.support.DefaultSubjectContext context = new org.apache.shiro.web.subject.support.DefaultWebSubjectContext();
        assertThat(cookies.onRememberedPrincipalFailure(new RuntimeException("tag mismatch"), context)).isNull();
    }

    private String setCookie(boolean secure) {
        List<String> headers = new ArrayList<>();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "isSecure" -> secure;
                    case "getContextPath" -> "";
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("addHeader") && "Set-Cookie".equals(args[0])) {
                        headers.add((String) args[1]);
                    }
                    return null;
                });
        Subject subject = new WebSubject.Builder(new DefaultWebSecurityManager(), request, response).buildWebSubject();
        cookies.rememberSerializedIdentity(subject, "payload".getBytes(StandardCharsets.UTF_8));
        assertThat(headers).hasSize(1);
        return headers.get(0);
    }
}
