package io.promptgate.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one {@link ObjectMapper} of the wire-format code. Thread-safe once built; never create a
 * mapper per request. Characters outside the BMP are written as escaped surrogate pairs (valid
 * JSON; Jackson's option to combine them mangles a lone surrogate, so it stays off).
 */
public final class Json {

    /** Strings up to this many characters are accepted (a request body is bounded before parsing). */
    static final int MAX_STRING_LENGTH = 512 * 1024 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder(jsonFactory())
            // numbers keep their exact written form when a body is parsed and written back
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private Json() {
    }

    private static JsonFactory jsonFactory() {
        return new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
                .build();
    }
}
