package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promptgate.service.AuditTrail;
import io.promptgate.service.Caller;
import io.promptgate.service.Services;
import io.promptgate.service.SnapshotService;
import io.promptgate.service.UserService;
import io.promptgate.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.IncorrectCredentialsException;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptGateRealmTest {
    static final Caller SYSTEM = new Caller(0, "tester", true);

    @TempDir
    Path home;
    Database database;
    Services services;
    PromptGateRealm realm;
    final LoginThrottle throttle = new LoginThrottle(() -> new LoginThrottle.Policy(3, Duration.ofMinutes(5)), Clock.systemUTC());

    @BeforeEach
    void open() {
        database = Database.open(home);
        SecretBox secrets = new SecretBox(MasterKey.generate());
        PasswordHasher passwords = new PasswordHasher();
        services = Services.create(database.sessionFactory(), database.dataSource(), secrets, passwords,
                new SnapshotService(database.sessionFactory(), secrets), home);
        services.users().create(SYSTEM, new UserService.NewUser("alice", "user", "alice-password", null));
        services.users().create(SYSTEM, new UserService.NewUser("root", "admin", "root-password", null));
        services.users().create(SYSTEM, new UserService.NewUser("nopass", "user", null, null));
        realm = new PromptGateRealm(services.directory(), passwords, throttle, services.audit());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theRightPasswordGivesTheUserWithAStampOfTheirHash() {
        AuthenticationInfo info = realm.getAuthenticationInfo(token("alice", "alice-password", "10.0.0.1"));
        UserPrincipal principal = (UserPrincipal) info.getPrincipals().getPrimaryPrincipal();
        assertThat(principal.username()).isEqualTo("alice");
        assertThat(principal.stamp()).isEqualTo(UserPrincipal.stampOf(
                services.directory().byUsername("alice").orElseThrow().passwordHash()));
        assertThat(realm.hasRole(info.getPrincipals(), PromptGateRealm.ROLE_ADMIN)).isFalse();
        assertThat(realm.hasRole(realm.getAuthenticationInfo(token("root", "root-password", "10.0.0.2")).getPrincipals(),
                PromptGateRealm.ROLE_ADMIN)).isTrue();
    }

    @Test
    void wrongUnknownPasswordlessDisabledAndHashAsPasswordAllFailAlike() {
        String hash = services.directory().byUsername("alice").orElseThrow().passwordHash();
        services.users().create(SYSTEM, new UserService.NewUser("carol", "user", "carol-password", false));
        String[][] attempts = {
            {"alice", "wrong"}, {"nobody", "alice-password"}, {"nopass", ""}, {"carol", "carol-password"}, {"alice", hash},
        };
        int i = 0;
        for (String[] a : attempts) {
            String address = "10.1.0." + i++;
            throttle.succeeded(a[0]); // alice twice: her back-off from the first failure is not what is tested here
            assertThatThrownBy(() -> realm.getAuthenticationInfo(token(a[0], a[1], address)))
                    .isInstanceOf(IncorrectCredentialsException.class)
                    .hasMessage("Wrong user name or password");
        }
    }

    @Test
    void failuresAreAuditedAndLockTheName() throws Exception {
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> realm.getAuthenticationInfo(token("alice", "guess-" + n, "10.2.0." + n)))
                    .isInstanceOf(IncorrectCredentialsException.class);
            Thread.sleep(LoginThrottle.delay(i + 1).toMillis() + 20);
        }
        assertThatThrownBy(() -> realm.getAuthenticationInfo(token("alice", "alice-password", "10.2.0.9")))
                .isInstanceOfSatisfying(LoginRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(LoginRefusedException.Reason.LOCKED));
        var events = services.audit().list(new AuditTrail.Filter(null, null, null, null), 50, 0).items();
        assertThat(events).filteredOn(e -> e.action().equals("login.failed")).hasSize(3)
                .allSatisfy(e -> assertThat(e.target()).isEqualTo("alice"));
        assertThat(events).filteredOn(e -> e.action().equals("login.locked")).hasSize(1);
        assertThat(events.toString()).doesNotContain("guess-");
    }

    private static UsernamePasswordToken token(String username, String password, String address) {
        return new UsernamePasswordToken(username, password.toCharArray(), false, address);
    }
}
