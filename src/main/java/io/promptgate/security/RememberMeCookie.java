package io.promptgate.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.logging.Logger;
import org.apache.shiro.lang.codec.Base64;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.subject.SubjectContext;
import org.apache.shiro.web.mgt.CookieRememberMeManager;
import org.apache.shiro.web.servlet.Cookie;
import org.apache.shiro.web.servlet.SimpleCookie;
import org.apache.shiro.web.util.WebUtils;

/**
 * "Keep me logged in": Shiro's rememberMe cookie, encrypted and authenticated with AES-GCM under
 * a per-install key (derived from the master key), holding a {@link PrincipalCodec} payload.
 * The cookie is HttpOnly and SameSite=Strict, and Secure whenever the request came over HTTPS
 * (decided per request, since the same install may be reached both ways during set-up).
 */
final class RememberMeCookie extends CookieRememberMeManager {
    private static final Logger LOG = Logger.getLogger(RememberMeCookie.class.getName());
    static final String NAME = "promptgate_remember";
    static final Duration LIFETIME = Duration.ofDays(14);

    RememberMeCookie(byte[] key, String realmName) {
        setCipherKey(key);
        setSerializer(new PrincipalCodec(realmName));
        SimpleCookie template = new SimpleCookie(NAME);
        template.setHttpOnly(true);
        template.setSameSite(Cookie.SameSiteOptions.STRICT);
        template.setMaxAge((int) LIFETIME.toSeconds());
        setCookie(template);
    }

    /**
     * A cookie that does not decrypt or parse (forged, from another installation, from before a
     * master key change) is forgotten quietly: one line at FINE, no stack trace, so that nobody
     * can fill the log by sending bad cookies.
     */
    @Override
    protected PrincipalCollection onRememberedPrincipalFailure(RuntimeException e, SubjectContext context) {
        LOG.fine(() -> "Ignored an unreadable rememberMe cookie (" + e.getClass().getSimpleName() + ")");
        forgetIdentity(context);
        return null;
    }

    @Override
    protected void rememberSerializedIdentity(Subject subject, byte[] serialized) {
        if (!WebUtils.isHttp(subject)) {
            return;
        }
        HttpServletRequest request = WebUtils.getHttpRequest(subject);
        HttpServletResponse response = WebUtils.getHttpResponse(subject);
        SimpleCookie cookie = new SimpleCookie(getCookie());
        cookie.setValue(Base64.encodeToString(serialized));
        cookie.setSecure(request.isSecure());
        cookie.saveTo(request, response);
    }
}
