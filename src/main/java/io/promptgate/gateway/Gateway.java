package io.promptgate.gateway;

import io.promptgate.core.RecordSink;
import io.promptgate.core.SnapshotSource;
import io.promptgate.gateway.admit.AdmitStage;
import io.promptgate.gateway.admit.Admission;
import io.promptgate.gateway.admit.Limiters;
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
    private final Admission admission;
    private final ExchangeFinisher finisher;
    private final Pipeline pipeline;

    public Gateway(SnapshotSource source, RecordSink records, Limiters limiters) {
        this.snapshots = new SnapshotCompiler(source);
        this.admission = new Admission(limiters);
        this.finisher = new ExchangeFinisher(new Recorder(records));
        this.pipeline = new Pipeline(List.of(
                new RouteStage(),
                new AuthStage(),
                new ModelsStage(finisher),
                new RequireRouteStage(),
                new ReadBodyStage(),
                new TransformStage(),
                new AdmitStage(admission),
                new ForwardStage(clients, watchdog, finisher, admission)), finisher);
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
        admission.close();
        clients.close();
    }
}
