package io.promptgate.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** Row of {@code upstream_keys}: one of a provider's keys, sealed by the secret box. */
@Entity
@Table(name = "upstream_keys")
public class UpstreamKeyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "provider_id", nullable = false)
    private ProviderEntity provider;

    /** {@code v1:} + base64(nonce ‖ ciphertext ‖ tag). */
    @Column(name = "ciphertext", nullable = false)
    private String ciphertext;

    /** The last characters of the key, for display. */
    @Column(name = "hint", nullable = false, length = 8)
    private String hint;

    @Column(name = "position", nullable = false)
    private int position;

    protected UpstreamKeyEntity() {
    }

    public UpstreamKeyEntity(ProviderEntity provider, String ciphertext, String hint, int position) {
        this.provider = provider;
        this.ciphertext = ciphertext;
        this.hint = hint;
        this.position = position;
    }

    public Long getId() {
        return id;
    }

    public ProviderEntity getProvider() {
        return provider;
    }

    public String getCiphertext() {
        return ciphertext;
    }

    public String getHint() {
        return hint;
    }

    public int getPosition() {
        return position;
    }

    @Override
    public String toString() {
        return "UpstreamKeyEntity[" + id + ", #" + position + ", …" + hint + "]";
    }
}
