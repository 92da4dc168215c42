package io.promptgate.admin;

import java.util.Set;

/** Every resource of the admin API: one class per URI template. */
final class Resources {
    static final Set<Class<?>> ALL = Set.of(
            LoginResource.class,
            LogoutResource.class,
            MeResource.class,
            UsersResource.class,
            UserResource.class,
            KeysResource.class,
            KeyResource.class,
            ProvidersResource.class,
            ProviderResource.class,
            ProviderTestResource.class,
            PoliciesResource.class,
            PolicyResource.class,
            PolicyPreviewResource.class,
            RoutesResource.class,
            RouteResource.class,
            RoutePreviewResource.class,
            LogsResource.class,
            AnalyticsResource.class,
            SettingsResource.class,
            ConfigExportResource.class,
            ConfigImportResource.class,
            AuditResource.class,
            DingTalkReportResource.class,
            DingTalkTestResource.class);

    private Resources() {
    }
}
