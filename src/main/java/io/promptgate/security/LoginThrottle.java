package io.promptgate.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Slows down and then locks repeated failed logins, per user name and per client address.
 *
 * <p>After a failure, the next attempt for the same name or address is refused until a delay
 * has passed (250 ms, doubling per failure, at most 8 s): refused attempts cost no password
 * check. After {@code maxFailures} failures in a row for a name (4 × that for an address, which
 * many users may share), it is locked for {@code lock}. A success clears the name's count, not
 * the address's. Counts are forgotten a lock period after the last failure. Names are compared
 * case-insensitively, so case variants share one count. Memory is bounded.
 */
public final class LoginThrottle {
    static final Duration FIRST_DELAY = Duration.ofMillis(250);
    static final Duration MAX_DELAY = Duration.ofSeconds(8);
    static final int ADDRESS_FACTOR = 4;
    static final int MAX_ENTRIES = 50_000;

    /** The limits in force; read at each attempt, so a settings change applies at once. */
    public record Policy(int maxFailures, Duration lock) {
    }

    /** Why an attempt is refused before its password is checked, and for how long. */
    public record Refusal(boolean locked, Duration retryAfter) {
    }

    /** What a failure did: whether it locked the name or the address. */
    public record Failure(boolean userLocked, boolean addressLocked) {
    }

    private final Supplier<Policy> policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(Supplier<Policy> policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Empty when an attempt may go ahead now. */
    public Optional<Refusal> check(String username, String address) {
        Instant now = clock.instant();
        Policy p = policy.get();
        Optional<Refusal> byUser = check(userKey(username), now, p);
        return byUser.isPresent() ? byUser : check(addressKey(address), now, p);
    }

    public Failure failed(String username, String address) {
        Instant now = clock.instant();
        Policy p = policy.get();
        if (entries.size() > MAX_ENTRIES) {
            entries.entrySet().removeIf(e -> e.getValue().forgotten(now, p));
        }
        boolean userLocked = fail(userKey(username), now, p.maxFailures(), p);
        boolean addressLocked = address != null && fail(addressKey(address), now, p.maxFailures() * ADDRESS_FACTOR, p);
        return new Failure(userLocked, addressLocked);
    }

    public void succeeded(String username) {
        entries.remove(userKey(username));
    }

    private Optional<Refusal> check(String key, Instant now, Policy p) {
        if (key == null) {
            return Optional.empty();
        }
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            if (e.lockedUntil != null && now.isBefore(e.lockedUntil)) {
                return Optional.of(new Refusal(true, Duration.between(now, e.lockedUntil)));
            }
            if (e.forgotten(now, p)) {
                entries.remove(key, e);
                return Optional.empty();
            }
            Instant earliest = e.lastFailure.plus(delay(e.failures));
            if (now.isBefore(earliest)) {
                return Optional.of(new Refusal(false, Duration.between(now, earliest)));
            }
            return Optional.empty();
        }
    }

    /** Counts a failure; true when it started a lock. */
    private boolean fail(String key, Instant now, int limit, Policy p) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        synchronized (e) {
            if (e.forgotten(now, p)) {
                e.failures = 0;
                e.lockedUntil = null;
            }
            e.failures++;
            e.lastFailure = now;
            if (e.failures >= limit && (e.lockedUntil == null || !now.isBefore(e.lockedUntil))) {
                e.lockedUntil = now.plus(p.lock());
                e.failures = 0;
                return true;
            }
            return false;
        }
    }

    static Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long millis = FIRST_DELAY.toMillis() << Math.min(failures - 1, 16);
        return Duration.ofMillis(Math.min(millis, MAX_DELAY.toMillis()));
    }

    private static String userKey(String username) {
        return username == null ? null : "u:" + username.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? null : "a:" + address;
    }

    private static final class Entry {
        int failures;
        Instant lastFailure = Instant.EPOCH;
        Instant lockedUntil;

        /** True when nothing about this entry matters any more. */
        boolean forgotten(Instant now, Policy p) {
            boolean lockOver = lockedUntil == null || !now.isBefore(lockedUntil);
            return lockOver && !now.isBefore(lastFailure.plus(p.lock()).plus(MAX_DELAY));
        }
    }
}
