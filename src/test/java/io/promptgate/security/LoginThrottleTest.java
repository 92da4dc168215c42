package io.promptgate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(() -> new LoginThrottle.Policy(3, Duration.ofMinutes(15)), clock);

    @Test
    void aFirstAttemptIsNeverRefused() {
        assertThat(throttle.check("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void eachFailureSlowsTheNextAttemptDownByADoublingDelay() {
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.check("alice", "10.0.0.2")).hasValueSatisfying(r -> {
            assertThat(r.locked()).isFalse();
            assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(250));
        });
        clock.advance(Duration.ofMillis(250));
        assertThat(throttle.check("alice", "10.0.0.2")).isEmpty();
        throttle.failed("alice", "10.0.0.2");
        assertThat(throttle.check("alice", "10.0.0.3").orElseThrow().retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(LoginThrottle.delay(10)).isEqualTo(LoginThrottle.MAX_DELAY);
    }

    @Test
    void theNameIsLockedAfterMaxFailuresWhateverTheCaseAndTheRightPasswordWaits() {
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(10));
            LoginThrottle.Failure f = throttle.failed(i == 1 ? "ALICE" : "alice", "10.0.0." + i);
            assertThat(f.userLocked()).isEqualTo(i == 2);
        }
        assertThat(throttle.check("Alice", "10.9.9.9")).hasValueSatisfying(r -> {
            assertThat(r.locked()).isTrue();
            assertThat(r.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        });
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.check("alice", "10.9.9.9")).isEmpty();
    }

    @Test
    void theAddressIsLockedAfterFourTimesAsManyFailuresAcrossNames() {
        LoginThrottle.Failure last = null;
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(10));
            last = throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(last.addressLocked()).isTrue();
        assertThat(throttle.check("someone-else", "10.0.0.1").orElseThrow().locked()).isTrue();
        assertThat(throttle.check("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNameButNotTheAddressAndCountsAreForgottenAfterALockPeriod() {
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice");
        assertThat(throttle.check("alice", "10.0.0.2")).isEmpty();
        assertThat(throttle.check("bob", "10.0.0.1")).isPresent();

        throttle.failed("carol", "10.0.0.3");
        throttle.failed("carol", "10.0.0.3");
        clock.advance(Duration.ofMinutes(16));
        assertThat(throttle.check("carol", "10.0.0.3")).isEmpty();
        assertThat(throttle.failed("carol", "10.0.0.3").userLocked()).isFalse(); // counting started again
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-06-02T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
