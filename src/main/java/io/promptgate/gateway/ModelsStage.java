package io.promptgate.gateway;

import io.promptgate.protocol.ModelLists;

/** Answers {@code GET /v1/models} itself: the model ids of the routes visible on this Host. */
public final class ModelsStage implements Stage {
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
        finisher.answer(exchange, 200, "application/json", ModelLists.render(exchange.protocol(), models));
    }
}
