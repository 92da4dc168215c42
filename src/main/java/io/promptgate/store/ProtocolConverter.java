package io.promptgate.store;

import io.promptgate.core.Protocol;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link Protocol} by its wire name ({@code openai}, {@code anthropic}). */
@Converter
public class ProtocolConverter implements AttributeConverter<Protocol, String> {
    @Override
    public String convertToDatabaseColumn(Protocol protocol) {
        return protocol == null ? null : protocol.wireName();
    }

    @Override
    public Protocol convertToEntityAttribute(String value) {
        return value == null ? null : Protocol.parse(value);
    }
}
