package io.promptgate.store;

import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds the Hibernate {@link SessionFactory} programmatically: no persistence.xml, no scanning, no DDL. */
public final class SessionFactories {
    /** Every entity, listed explicitly (one per table; request_records is written with plain JDBC). */
    public static final List<Class<?>> ENTITIES = List.of(
            UserEntity.class,
            ApiKeyEntity.class,
            ProviderEntity.class,
            UpstreamKeyEntity.class,
            PromptPolicyEntity.class,
            RouteEntity.class,
            SettingEntity.class,
            AuditEventEntity.class);

    private SessionFactories() {
    }

    /** Over {@code dataSource}; the SQLite dialect for SQLite, else the dialect Hibernate detects from the JDBC metadata. */
    public static SessionFactory build(DataSource dataSource, DatabaseVendor vendor) {
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none") // Flyway owns the schema
                .applySetting(AvailableSettings.SHOW_SQL, false)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                // an explicit mapper: Hibernate's default scans the classpath for Jackson modules,
                // which picks up whatever the container or a neighbour put beside the WAR
                .applySetting(AvailableSettings.JSON_FORMAT_MAPPER, new JacksonJsonFormatMapper(new ObjectMapper()));
        if (vendor == DatabaseVendor.SQLITE) {
            settings.applySetting(AvailableSettings.DIALECT, SQLiteDialect.class.getName());
        }
        StandardServiceRegistry registry = settings.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            ENTITIES.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }
}
