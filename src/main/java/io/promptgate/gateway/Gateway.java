package io.promptgate.gateway;

import io.promptgate.core.RecordSink;
import io.promptgate.core.SnapshotSource;
import io.promptgate.gateway.auth.AuthStage;
import io.promptgate.gateway.forward.ForwardStage;
import io.promptgate.gateway.forward.IdleWatchdog;
import io.promptgate.gateway.forward.UpstreamClients;
import io.promptgate.gateway.record.Recorder;
import io.promptgate.gateway.route.RequireRouteStage;
import io.promptgate.gateway.route.RouteStage;
import java.util.List;

/** The wired request path: its stages in order, the shared upstream clients and the finisher. */
public final class Gateway implements AutoCloseable {
    private final SnapshotCompiler snapshots;
    private final UpstreamClients clients = new UpstreamClients();
    private final IdleWatchdog watchdog = new IdleWatchdog(200);
    private final ExchangeFinisher finisher;
    private final Pipeline pipeline;

    public Gateway(SnapshotSource source, RecordSink records) {
        this.snapshots = new SnapshotCompiler(source);
        this.finisher = new ExchangeFinisher(new Recorder(records));
        this.pipeline = new Pipeline(List.of(
                new RouteStage(),
                new AuthStage(),
                new ModelsStage(finisher),
                new RequireRouteStage(),
                new ReadBodyStage(),
                new TransformStage(),
                new ForwardStage(clients, watchdog, finisher)), finisher);
    }

    SnapshotCompiler snapshots() {
        return snapshots;
    }

    ExchangeFinisher finisher() {
        return finisher;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    @Override
    public void close() {
        watchdog.close();
        clients.close();
    }
}
