package io.promptgate.service;

import io.promptgate.core.ApiKey;
import io.promptgate.core.GatewaySnapshot;
import io.promptgate.core.PromptPolicy;
import io.promptgate.core.Provider;
import io.promptgate.core.Route;
import io.promptgate.core.UpstreamKeys;
import io.promptgate.security.SecretBox;
import io.promptgate.security.SecretBoxException;
import io.promptgate.store.ApiKeyEntity;
import io.promptgate.store.PromptPolicyEntity;
import io.promptgate.store.ProviderEntity;
import io.promptgate.store.RouteEntity;
import io.promptgate.store.SettingEntity;
import io.promptgate.store.UpstreamKeyEntity;
import io.promptgate.store.UserEntity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.hibernate.Session;

/** Reads one consistent {@link GatewaySnapshot} from the database (inside the caller's transaction). */
final class SnapshotReader {
    private static final Logger LOG = Logger.getLogger(SnapshotReader.class.getName());

    private final Session session;
    private final SecretBox secrets;

    SnapshotReader(Session session, SecretBox secrets) {
        this.session = session;
        this.secrets = secrets;
    }

    GatewaySnapshot read(long version) {
        Map<String, String> settings = new HashMap<>();
        session.createSelectionQuery("from SettingEntity", SettingEntity.class)
                .getResultList()
                .forEach(s -> settings.put(s.getKey(), s.getValue()));
        return new GatewaySnapshot(version, SettingsCodec.fromRows(settings), routes(), providers(), policies(), apiKeys());
    }

    private Map<String, Provider> providers() {
        Map<String, Provider> providers = new HashMap<>();
        for (ProviderEntity p : session.createSelectionQuery(
                "select distinct p from ProviderEntity p left join fetch p.upstreamKeys", ProviderEntity.class).getResultList()) {
            providers.put(p.getName(), new Provider(
                    p.getId(),
                    p.getName(),
                    uri(p.getOpenaiBaseUrl()),
                    uri(p.getAnthropicBaseUrl()),
                    p.getModels(),
                    p.getConcurrency(),
                    p.getQueueSize(),
                    p.getMaxOutputTokens(),
                    millis(p.getConnectTimeoutMs()),
                    millis(p.getFirstByteTimeoutMs()),
                    millis(p.getIdleTimeoutMs()),
                    upstreamKeys(p)));
        }
        return providers;
    }

    /** The provider's keys in position order; a key that cannot be decrypted is left out and reported. */
    private UpstreamKeys upstreamKeys(ProviderEntity provider) {
        List<UpstreamKeyEntity> sealed = new ArrayList<>(provider.getUpstreamKeys());
        sealed.sort(Comparator.comparingInt(UpstreamKeyEntity::getPosition));
        List<String> keys = new ArrayList<>(sealed.size());
        for (UpstreamKeyEntity key : sealed) {
            try {
                keys.add(secrets.decrypt(key.getCiphertext()));
            } catch (SecretBoxException e) {
                LOG.severe(() -> "Upstream key #" + key.getPosition() + " (…" + key.getHint() + ") of provider '"
                        + provider.getName() + "' cannot be decrypted with the current master key; it is not used");
            }
        }
        return new UpstreamKeys(keys);
    }

    private Map<String, PromptPolicy> policies() {
        Map<String, PromptPolicy> policies = new HashMap<>();
        for (PromptPolicyEntity p : session.createSelectionQuery("from PromptPolicyEntity", PromptPolicyEntity.class).getResultList()) {
            policies.put(p.getName(), new PromptPolicy(p.getId(), p.getName(), p.getMode(), p.getText()));
        }
        return policies;
    }

    private List<Route> routes() {
        return session.createSelectionQuery(
                        "select r from RouteEntity r join fetch r.provider left join fetch r.policy"
                                + " left join fetch r.fallbackProvider order by r.id", RouteEntity.class)
                .getResultList().stream()
                .map(r -> new Route(
                        r.getId(),
                        r.getName(),
                        r.getHost(),
                        r.getPath(),
                        r.getProtocol(),
                        r.getProvider().getName(),
                        r.getModel(),
                        r.getPolicy() == null ? null : r.getPolicy().getName(),
                        r.getFallbackProvider() == null ? null : r.getFallbackProvider().getName(),
                        r.getFallbackModel()))
                .toList();
    }

    private List<ApiKey> apiKeys() {
        return session.createSelectionQuery("select k from ApiKeyEntity k join fetch k.user order by k.id", ApiKeyEntity.class)
                .getResultList().stream()
                .map(k -> {
                    UserEntity user = k.getUser();
                    return new ApiKey(
                            k.getId(),
                            user.getId(),
                            user.getUsername(),
                            k.getName(),
                            k.getPrefix(),
                            HexFormat.of().parseHex(k.getKeyHash()),
                            k.isEnabled() && user.isEnabled(),
                            k.getConcurrency());
                })
                .toList();
    }

    private static URI uri(String value) {
        return value == null ? null : URI.create(value);
    }

    private static Duration millis(Long value) {
        return value == null ? null : Duration.ofMillis(value);
    }
}
