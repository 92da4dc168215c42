package io.promptgate.bootstrap;

import io.promptgate.security.SecurityPolicy;
import org.apache.shiro.lang.util.Initializable;
import org.apache.shiro.web.env.DefaultWebEnvironment;

/**
 * Shiro's web environment, built from {@link SecurityPolicy} (the one place the policy lives)
 * instead of an INI file. Named by the {@code shiroEnvironmentClass} context parameter in
 * web.xml; Shiro's {@code EnvironmentLoaderListener} creates it after {@link AdminListener} ran.
 */
public class ShiroEnvironment extends DefaultWebEnvironment implements Initializable {
    @Override
    public void init() {
        Object attribute = getServletContext().getAttribute(AdminListener.SECURITY_ATTRIBUTE);
        if (!(attribute instanceof SecurityPolicy policy)) {
            throw new IllegalStateException("PromptGate did not start: the security policy is missing (see the log above)");
        }
        setWebSecurityManager(policy.securityManager());
        setFilterChainResolver(policy.filterChainResolver());
    }
}
