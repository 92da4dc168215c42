package io.promptgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code users}: a console / admin API account that owns gateway keys. */
@Entity
@Table(name = "users")
public class UserEntity extends TimestampedEntity {
    @Column(name = "username", nullable = false, unique = true, length = 100)
    private String username;

    @Convert(converter = UserRoleConverter.class)
    @Column(name = "role", nullable = false, length = 16)
    private UserRole role = UserRole.USER;

    /** argon2id in Shiro 2 crypt format; {@code null}: this user cannot log in. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "enabled", nullable = false)
    private boolean enabled = true;

    protected UserEntity() {
    }

    public UserEntity(String username, UserRole role, Instant now) {
        super(now);
        this.username = username;
        this.role = role;
    }

    public String getUsername() {
        return username;
    }

    public UserRole getRole() {
        return role;
    }

    public void setRole(UserRole role) {
        this.role = role;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String toString() {
        return "UserEntity[" + getId() + ", " + username + ", " + role.wireName() + (enabled ? "" : ", disabled") + "]";
    }
}
