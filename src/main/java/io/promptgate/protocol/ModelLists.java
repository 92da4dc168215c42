package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promptgate.core.Protocol;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The body of {@code GET /v1/models} in each protocol's shape. Model ids keep their order;
 * duplicates and blanks are dropped.
 * <ul>
 *   <li>OpenAI: {@code {"object":"list","data":[{"id","object":"model","created","owned_by":"promptgate"}]}}</li>
 *   <li>Anthropic: {@code {"data":[{"type":"model","id","display_name","created_at"}],"has_more":false,"first_id","last_id"}}</li>
 * </ul>
 */
public final class ModelLists {

    public static final String OWNER = "promptgate";

    private ModelLists() {
    }

    public static byte[] of(Protocol protocol, Collection<String> modelIds, Instant created) {
        return protocol == Protocol.ANTHROPIC ? anthropic(modelIds, created) : openai(modelIds, created);
    }

    /** {@code created} is written as Unix seconds. */
    public static byte[] openai(Collection<String> modelIds, Instant created) {
        long createdSeconds = created.getEpochSecond();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : distinct(modelIds)) {
            data.addObject()
                    .put("id", id)
                    .put("object", "model")
                    .put("created", createdSeconds)
                    .put("owned_by", OWNER);
        }
        return write(root);
    }

    /** {@code created} is written as an RFC 3339 timestamp; the display name is the id. */
    public static byte[] anthropic(Collection<String> modelIds, Instant created) {
        String createdAt = DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS));
        List<String> ids = List.copyOf(distinct(modelIds));
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (String id : ids) {
            data.addObject()
                    .put("type", "model")
                    .put("id", id)
                    .put("display_name", id)
                    .put("created_at", createdAt);
        }
        root.put("has_more", false);
        root.put("first_id", ids.isEmpty() ? null : ids.get(0));
        root.put("last_id", ids.isEmpty() ? null : ids.get(ids.size() - 1));
        return write(root);
    }

    private static Set<String> distinct(Collection<String> modelIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : modelIds) {
            if (id != null && !id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static byte[] write(ObjectNode root) {
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
