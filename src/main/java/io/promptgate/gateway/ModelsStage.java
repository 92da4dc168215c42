package io.promptgate.gateway;

import io.promptgate.protocol.ModelLists;

/** Answers {@code GET /v1/models} itself: the model ids of the routes visible on this Host. */
public final class ModelsStage implements Stage {
    /** The "created" time shown for every model: when this gateway started. */
    private static final java.time.Instant STARTED = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private final ExchangeFinisher finisher;

    public ModelsStage(ExchangeFinisher finisher) {
        this.finisher = finisher;
    }

    @Override
    public void handle(Exchange exchange, Next next) {
        if (!"GET".equals(exchange.method()) || !exchange.path().endsWith("/v1/models")) {
            next.proceed();
            return;
        }
        var models = exchange.snapshot().routes().modelsVisibleOn(exchange.host());
        finisher.answer(exchange, 200, "application/json", ModelLists.of(exchange.protocol(), models, STARTED));
    }
}
