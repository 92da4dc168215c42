package io.promptgate.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

/** The rest of the pipeline as seen by one stage invocation; usable once. */
public final class Next {
    private final Pipeline pipeline;
    private final Exchange exchange;
    private final int stageIndex;
    private final AtomicBoolean used = new AtomicBoolean();

    Next(Pipeline pipeline, Exchange exchange, int stageIndex) {
        this.pipeline = pipeline;
        this.exchange = exchange;
        this.stageIndex = stageIndex;
    }

    /** Hands the exchange to the following stage. */
    public void proceed() {
        claim("proceeded");
        pipeline.run(exchange, stageIndex + 1);
    }

    /** Ends the exchange with an error in the caller's protocol shape. */
    public void fail(Throwable failure) {
        claim("failed");
        pipeline.fail(exchange, failure);
    }

    private void claim(String what) {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("stage " + pipeline.stageName(stageIndex) + " " + what
                    + " after it had already handed the exchange on or failed it");
        }
    }
}
