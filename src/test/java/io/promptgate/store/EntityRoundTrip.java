package io.promptgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

/** One check shared by the SQLite and PostgreSQL database tests: entities written and read back through Hibernate. */
final class EntityRoundTrip {
    private EntityRoundTrip() {
    }

    static void check(Database db) {
        Instant now = Instant.ofEpochMilli(1_700_000_000_123L);
        db.sessionFactory().inTransaction(s -> {
            ProviderEntity provider = new ProviderEntity("p1", now);
            provider.setOpenaiBaseUrl("http://127.0.0.1:9001/v1");
            provider.setModels(List.of("m1", "m2"));
            provider.getUpstreamKeys().add(new UpstreamKeyEntity(provider, "v1:xyz", "abcd", 0));
            s.persist(provider);
            s.persist(new SettingEntity("globalQueue", "12"));
        });
        db.sessionFactory().inTransaction(s -> {
            ProviderEntity p = s.createSelectionQuery("from ProviderEntity", ProviderEntity.class).getSingleResult();
            assertThat(p.getId()).isPositive();
            assertThat(p.getModels()).containsExactly("m1", "m2");
            assertThat(p.getCreatedAt()).isEqualTo(now);
            assertThat(p.getUpstreamKeys()).extracting(UpstreamKeyEntity::getHint).containsExactly("abcd");
            assertThat(s.find(SettingEntity.class, "globalQueue").getValue()).isEqualTo("12");
        });
    }
}
