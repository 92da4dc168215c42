package io.promptgate.store;

import io.promptgate.core.PolicyMode;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link PolicyMode} by its wire name ({@code prepend}, {@code append}, {@code replace}). */
@Converter
public class PolicyModeConverter implements AttributeConverter<PolicyMode, String> {
    @Override
    public String convertToDatabaseColumn(PolicyMode mode) {
        return mode == null ? null : mode.wireName();
    }

    @Override
    public PolicyMode convertToEntityAttribute(String value) {
        return value == null ? null : PolicyMode.parse(value);
    }
}
