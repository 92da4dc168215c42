package io.promptgate.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.promptgate.security.LoginRefusedException;
import io.promptgate.service.ConflictException;
import io.promptgate.service.InvalidInputException;
import io.promptgate.service.NoSuchEntityException;
import io.promptgate.service.NotPermittedException;
import io.promptgate.service.ServiceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.shiro.authc.AuthenticationException;

/** Every failure of the admin API as {@code {"error":{"code","message"}}}, in one place. */
final class ExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(code, message)).build();
    }

    /** Refusals of the use cases: 404, 409, 400 (with every problem), 403. */
    static final class Service implements ExceptionMapper<ServiceException> {
        @Override
        public Response toResponse(ServiceException e) {
            int status = e instanceof NoSuchEntityException ? 404
                    : e instanceof ConflictException ? 409
                    : e instanceof InvalidInputException ? 400
                    : e instanceof NotPermittedException ? 403
                    : 400;
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(e.code(), e.getMessage(), e.problems())).build();
        }
    }

    /** JAX-RS's own (unknown path, wrong method, media types): the status, with a fixed message. */
    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return Unexpected.internal(e);
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            String reason = known == null ? "error" : known.getReasonPhrase();
            String code = reason.toLowerCase(Locale.ROOT).replace(' ', '_');
            Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(code, reason));
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) {
                response.header("Allow", allow);
            }
            return response.build();
        }
    }

    /** A body that is not JSON, or not of the expected shape; never echoes the offending value. */
    static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException u) {
                return error(400, "invalid_json", "unknown field '" + u.getPropertyName() + "' (expected "
                        + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
            }
            if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                String field = m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
                return error(400, "invalid_json", field + ": wrong type or value");
            }
            return error(400, "invalid_json", "The request body is not valid JSON");
        }
    }

    /** A session login refused: wrong credentials (401), throttled (429) or busy (503). */
    static final class Login implements ExceptionMapper<AuthenticationException> {
        @Override
        public Response toResponse(AuthenticationException e) {
            if (e instanceof LoginRefusedException r) {
                int status = r.reason() == LoginRefusedException.Reason.BUSY ? 503 : 429;
                return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                        .header("Retry-After", Long.toString(r.retryAfterSeconds()))
                        .entity(ApiError.of(r.reason().name().toLowerCase(Locale.ROOT), r.getMessage())).build();
            }
            return error(401, "invalid_credentials", "Wrong user name or password");
        }
    }

    /** Anything else: 500 with an id that is also in the log, with the cause. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return internal(e);
        }

        static Response internal(Throwable e) {
            String id = "err_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            LOG.log(Level.SEVERE, "Admin API error " + id, e);
            return error(500, "internal", "Internal error (" + id + ")");
        }
    }
}
