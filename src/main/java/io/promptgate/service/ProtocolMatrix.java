package io.promptgate.service;

import io.promptgate.core.Protocol;
import java.util.Optional;
import java.util.Set;

/**
 * Which incoming protocol a provider can serve, and how: directly through the exit of the same
 * protocol, or through an adapter to its other exit. Routes whose provider (or fallback provider)
 * cannot serve the route's protocol are refused when they are saved.
 */
public final class ProtocolMatrix {
    /** How a request reaches the provider. */
    public enum Mode { DIRECT, ADAPTER }

    /** Incoming protocol -> exit protocol pairs an adapter translates (gateway.forward, protocol.adapt). */
    private static final Set<String> ADAPTED = Set.of("anthropic->openai", "openai->anthropic");

    private ProtocolMatrix() {
    }

    /** How a provider with these exits serves {@code incoming}; empty when it cannot. */
    public static Optional<Mode> mode(Protocol incoming, boolean hasOpenAiExit, boolean hasAnthropicExit) {
        boolean direct = incoming == Protocol.OPENAI ? hasOpenAiExit : hasAnthropicExit;
        if (direct) {
            return Optional.of(Mode.DIRECT);
        }
        Protocol other = incoming == Protocol.OPENAI ? Protocol.ANTHROPIC : Protocol.OPENAI;
        boolean hasOther = other == Protocol.OPENAI ? hasOpenAiExit : hasAnthropicExit;
        if (hasOther && ADAPTED.contains(incoming.wireName() + "->" + other.wireName())) {
            return Optional.of(Mode.ADAPTER);
        }
        return Optional.empty();
    }

    /** The exit protocol used for {@code incoming} in {@code mode}. */
    public static Protocol exit(Protocol incoming, Mode mode) {
        if (mode == Mode.DIRECT) {
            return incoming;
        }
        return incoming == Protocol.OPENAI ? Protocol.ANTHROPIC : Protocol.OPENAI;
    }
}
