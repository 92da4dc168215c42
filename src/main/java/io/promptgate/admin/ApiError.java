package io.promptgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The admin API's error body: {@code {"error":{"code":"…","message":"…"}}}, plus every problem of a validation failure. */
public record ApiError(Body error) {
    public static ApiError of(String code, String message) {
        return new ApiError(new Body(code, message, List.of()));
    }

    public static ApiError of(String code, String message, List<String> problems) {
        return new ApiError(new Body(code, message, problems));
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Body(String code, String message, List<String> problems) {
    }
}
