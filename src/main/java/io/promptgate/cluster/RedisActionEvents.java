package io.promptgate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promptgate.ops.ActionEvent;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Action-log events between nodes over Redis pub/sub ({@code <prefix>actions}), so that every
 * node's history and live feed show the events of all nodes. {@link #share} publishes one of this
 * node's events; another node's event goes to {@code onRemoteEvent}. Best effort, like the feed:
 * an event published while Redis is away is not replayed (the node's own action.log has it).
 */
public final class RedisActionEvents {
    static final String CHANNEL = "actions";
    private static final Logger LOG = Logger.getLogger(RedisActionEvents.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisLink link;

    /** The wire form: the event without this node's sequence number, plus the sending node. */
    record Message(String node, long timeMillis, String kind, String user, String level, String line) {
    }

    public RedisActionEvents(RedisLink link, Consumer<ActionEvent> onRemoteEvent) {
        this.link = link;
        link.subscribe(CHANNEL, text -> {
            try {
                Message m = JSON.readValue(text, Message.class);
                if (!link.nodeId().equals(m.node())) {
                    onRemoteEvent.accept(new ActionEvent(0, Instant.ofEpochMilli(m.timeMillis()), m.kind(), m.user(),
                            m.level(), m.line()));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.log(Level.FINE, "ignored an unreadable action event from Redis", e);
            }
        });
    }

    /** Publishes one of this node's events to the other nodes (fire and forget). */
    public void share(ActionEvent event) {
        try {
            link.publish(CHANNEL, JSON.writeValueAsString(new Message(link.nodeId(), event.time().toEpochMilli(),
                    event.kind(), event.user(), event.level(), event.line())));
        } catch (JsonProcessingException e) {
            LOG.log(Level.FINE, "could not encode an action event", e);
        }
    }
}
