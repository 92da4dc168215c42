package io.promptgate.admin;

import io.promptgate.ops.ScheduledJobs;
import io.promptgate.report.DingTalkReporter;
import io.promptgate.report.DingTalkSettingsService;
import io.promptgate.report.Reports;
import io.promptgate.security.SecurityPolicy;
import io.promptgate.security.WebLogin;
import io.promptgate.service.Caller;
import io.promptgate.service.Services;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.Context;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.process.internal.RequestScoped;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The admin API under {@code /api}: every resource, the JSON mapping and the exception mappers,
 * with the use cases the bootstrap published in the servlet context bound for constructor
 * injection. Authentication and authorization happen before Jersey, in the Shiro filter.
 */
public class AdminApplication extends ResourceConfig {
    public AdminApplication(@Context ServletContext context) {
        Services services = attribute(context, Services.ATTRIBUTE, Services.class);
        SecurityPolicy security = attribute(context, SecurityPolicy.class.getName(), SecurityPolicy.class);
        Reports reports = attribute(context, Reports.ATTRIBUTE, Reports.class);
        register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(services.users()).to(io.promptgate.service.UserService.class);
                bind(services.keys()).to(io.promptgate.service.KeyService.class);
                bind(services.providers()).to(io.promptgate.service.ProviderService.class);
                bind(services.policies()).to(io.promptgate.service.PolicyService.class);
                bind(services.routes()).to(io.promptgate.service.RouteService.class);
                bind(services.settings()).to(io.promptgate.service.SettingsService.class);
                bind(services.config()).to(io.promptgate.service.ConfigTransfer.class);
                bind(services.logs()).to(io.promptgate.service.RequestLogService.class);
                bind(services.analytics()).to(io.promptgate.service.AnalyticsService.class);
                bind(services.audit()).to(io.promptgate.service.AuditTrail.class);
                bind(security.login()).to(WebLogin.class);
                bind(reports.dingTalkSettings()).to(DingTalkSettingsService.class);
                bind(reports.dingTalk()).to(DingTalkReporter.class);
                bind(reports.jobs()).to(ScheduledJobs.class);
                bindFactory(CallerSupplier.class).to(Caller.class).in(RequestScoped.class);
            }
        });
        register(JacksonFeature.withoutExceptionMappers());
        register(ApiJson.class);
        register(ExceptionMappers.Service.class);
        register(ExceptionMappers.Web.class);
        register(ExceptionMappers.Json.class);
        register(ExceptionMappers.Login.class);
        register(ExceptionMappers.Unexpected.class);
        registerClasses(Resources.ALL);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    }

    private static <T> T attribute(ServletContext context, String name, Class<T> type) {
        Object value = context.getAttribute(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("PromptGate did not start: " + name + " is missing (see the log above)");
        }
        return type.cast(value);
    }
}
