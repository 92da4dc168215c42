package io.promptgate.gateway;

import io.promptgate.core.ErrorKind;
import io.promptgate.core.GatewayError;
import java.util.List;

/** The ordered request path: stage order is this list's order, nothing else. */
public final class Pipeline {
    private final List<Stage> stages;
    private final ExchangeFinisher finisher;

    public Pipeline(List<Stage> stages, ExchangeFinisher finisher) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        this.stages = List.copyOf(stages);
        this.finisher = finisher;
    }

    /** Starts the exchange at the first stage. */
    public void start(Exchange exchange) {
        run(exchange, 0);
    }

    void run(Exchange exchange, int index) {
        if (index >= stages.size()) {
            throw new IllegalStateException("stage " + stageName(index - 1)
                    + " proceeded past the last stage: the last stage must answer the exchange");
        }
        Stage stage = stages.get(index);
        try {
            stage.handle(exchange, new Next(this, exchange, index));
        } catch (Throwable t) {
            fail(exchange, t);
        }
    }

    void fail(Exchange exchange, Throwable failure) {
        finisher.fail(exchange, toGatewayError(failure));
    }

    String stageName(int index) {
        return index >= 0 && index < stages.size() ? stages.get(index).name() : "#" + index;
    }

    static GatewayError toGatewayError(Throwable failure) {
        if (failure instanceof GatewayError error) {
            return error;
        }
        return GatewayError.of(ErrorKind.INTERNAL, "internal gateway error", failure);
    }
}
