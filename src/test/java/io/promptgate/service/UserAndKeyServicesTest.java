package io.promptgate.service;

import io.promptgate.testing.TestEngine;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.core.ApiKey;
import io.promptgate.security.KeyHasher;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ParameterizedClass
@EnumSource(TestEngine.class)
class UserAndKeyServicesTest {
    @Parameter
    TestEngine engine;

    @TempDir
    Path home;
    ServicesFixture f;

    @BeforeEach
    void open() {
        f = new ServicesFixture(home, engine);
        f.createUser("admin", "admin");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void usersAreValidatedUniqueAndTheLastAdminStays() throws Exception {
        Caller admin = f.user("admin");
        assertThatThrownBy(() -> f.services.users().create(admin, new UserService.NewUser("bad name", "root", "short", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(3));
        f.createUser("alice", "user");
        assertThatThrownBy(() -> f.createUser("alice", "user")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> f.services.users().update(admin, "admin", new UserService.UserChange("user", null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("last_admin"));
        assertThatThrownBy(() -> f.services.users().delete(admin, "admin")).isInstanceOf(ConflictException.class);
        assertThat(f.services.users().list().toString()).doesNotContain("$shiro2$");
        assertThatThrownBy(() -> f.services.users().create(f.user("alice"), new UserService.NewUser("eve", null, null, null)))
                .isInstanceOf(NotPermittedException.class);
        assertThat(f.store.count("audit_events")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCreatedKeyIsReturnedOnceStoredAsPrefixAndHashAndPublishedAtOnce() throws Exception {
        Caller alice = f.createUser("alice", "user");
        KeyService.CreatedKey created = f.services.keys().create(alice, new KeyService.NewKey("laptop", 3, null));
        String key = created.key();
        assertThat(key).startsWith("pg_");
        assertThat(f.store.value("SELECT key_hash FROM api_keys WHERE id = " + created.view().id()))
                .isEqualTo(KeyHasher.sha256Hex(key));
        assertThat(f.store.dump().toString()).doesNotContain(key);
        ApiKey published = f.snapshots.current().apiKeys().stream().filter(k -> k.id() == created.view().id()).findFirst()
                .orElseThrow();
        assertThat(published.enabled()).isTrue();
        assertThat(published.concurrency()).isEqualTo(3);

        f.services.keys().update(alice, created.view().id(), new KeyService.KeyChange("renamed", false, 1));
        ApiKey after = f.snapshots.current().apiKeys().stream().filter(k -> k.id() == created.view().id()).findFirst()
                .orElseThrow();
        assertThat(after.enabled()).isFalse();
        assertThat(after.name()).isEqualTo("renamed");
        assertThat(after.concurrency()).isEqualTo(1);
        assertThat(f.services.keys().get(alice, created.view().id()).name()).isEqualTo("renamed");
    }

    @Test
    void anotherUsersKeyIsNotFoundAndAdministratorsSeeEveryKey() {
        Caller alice = f.createUser("alice", "user");
        Caller bob = f.createUser("bob", "user");
        long id = f.services.keys().create(alice, new KeyService.NewKey("k", null, null)).view().id();
        assertThatThrownBy(() -> f.services.keys().get(bob, id)).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> f.services.keys().update(bob, id, new KeyService.KeyChange(null, false, null)))
                .isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> f.services.keys().delete(bob, id)).isInstanceOf(NoSuchEntityException.class);
        assertThatThrownBy(() -> f.services.keys().list(bob, "alice", false)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> f.services.keys().create(bob, new KeyService.NewKey("x", null, "alice")))
                .isInstanceOf(NotPermittedException.class);
        assertThat(f.services.keys().list(bob, null, false)).isEmpty();
        assertThat(f.services.keys().list(f.user("admin"), null, true)).extracting(KeyService.KeyView::owner).containsExactly("alice");
        f.services.keys().create(f.user("admin"), new KeyService.NewKey("for-bob", null, "bob"));
        assertThat(f.services.keys().list(bob, null, false)).extracting(KeyService.KeyView::name).containsExactly("for-bob");
    }

    @Test
    void disablingOrDeletingAUserTakesTheirKeysOffTheGateway() {
        Caller alice = f.createUser("alice", "user");
        long id = f.services.keys().create(alice, new KeyService.NewKey("k", null, null)).view().id();
        f.services.users().update(f.user("admin"), "alice", new UserService.UserChange(null, false, null));
        assertThat(f.snapshots.current().apiKeys()).filteredOn(k -> k.id() == id).singleElement()
                .satisfies(k -> assertThat(k.enabled()).isFalse());
        f.services.users().delete(f.user("admin"), "alice");
        assertThat(f.snapshots.current().apiKeys()).noneMatch(k -> k.id() == id);
    }
}
