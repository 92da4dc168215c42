package io.promptgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code settings}: one global setting as text (e.g. {@code globalConcurrency = 64}). */
@Entity
@Table(name = "settings")
public class SettingEntity {
    @Id
    @Column(name = "key", length = 100)
    private String key;

    @Column(name = "value", nullable = false)
    private String value;

    protected SettingEntity() {
    }

    public SettingEntity(String key, String value) {
        this.key = key;
        this.value = value;
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "SettingEntity[" + key + "=" + value + "]";
    }
}
