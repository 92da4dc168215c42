package io.promptgate.security;

import java.nio.charset.StandardCharsets;
import org.apache.shiro.lang.io.SerializationException;
import org.apache.shiro.lang.io.Serializer;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;

/**
 * The rememberMe cookie's payload as three short text lines ({@code v1}, user id, password stamp,
 * user name) instead of Java serialization: even a forged cookie that got past the cipher could
 * never make the server deserialize objects.
 */
final class PrincipalCodec implements Serializer<PrincipalCollection> {
    private static final String VERSION = "v1";

    private final String realmName;

    PrincipalCodec(String realmName) {
        this.realmName = realmName;
    }

    @Override
    public byte[] serialize(PrincipalCollection principals) {
        Object primary = principals == null ? null : principals.getPrimaryPrincipal();
        if (!(primary instanceof UserPrincipal p)) {
            throw new SerializationException("only PromptGate users can be remembered");
        }
        return (VERSION + "\n" + p.id() + "\n" + p.stamp() + "\n" + p.username()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PrincipalCollection deserialize(byte[] serialized) {
        String[] parts = new String(serialized, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            throw new SerializationException("not a PromptGate rememberMe payload");
        }
        try {
            return new SimplePrincipalCollection(new UserPrincipal(Long.parseLong(parts[1]), parts[3], parts[2]), realmName);
        } catch (NumberFormatException e) {
            throw new SerializationException("not a PromptGate rememberMe payload", e);
        }
    }
}
