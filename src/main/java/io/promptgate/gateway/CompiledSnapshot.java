package io.promptgate.gateway;

import io.promptgate.core.GatewaySnapshot;
import io.promptgate.gateway.auth.KeyIndex;
import io.promptgate.gateway.route.RouteTable;

/** A configuration snapshot with the indexes the hot path looks things up in. */
public record CompiledSnapshot(GatewaySnapshot snapshot, RouteTable routes, KeyIndex keys) {

    public static CompiledSnapshot of(GatewaySnapshot snapshot) {
        return new CompiledSnapshot(snapshot, new RouteTable(snapshot.routes()), new KeyIndex(snapshot.apiKeys()));
    }
}
