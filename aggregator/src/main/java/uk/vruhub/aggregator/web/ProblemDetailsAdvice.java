package uk.vruhub.aggregator.web;

import java.net.URI;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the aggregator's HTTP API as an RFC 9457 problem ({@code
 * application/problem+json}): the API's own refusals ({@link ApiProblem}), Spring MVC's (unknown
 * path, wrong method, a parameter or header missing or of the wrong type), the streams moving
 * during a query, and anything unexpected.
 *
 * <p>Being a {@link ResponseEntityExceptionHandler} bean, it takes the place of the one Spring Boot
 * registers with {@code spring.mvc.problemdetails.enabled}; that property is therefore not set. A
 * few of Spring's details are reworded because they repeat what the client sent (a value that
 * failed to convert) or speak of static resources to a client of an API.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
  private static final URI ABOUT_BLANK = URI.create("about:blank");

  /** Kafka Streams moved a store during the query (a rebalance): as not ready, try again. */
  @ExceptionHandler(InvalidStateStoreException.class)
  ResponseEntity<Object> storesMoving(InvalidStateStoreException e, WebRequest request) {
    ApiProblem problem =
        ApiProblem.notReady(
            "The aggregator's state stores are moving (the streams are rebalancing); try again"
                + " shortly.");
    return handleErrorResponseException(
        problem, problem.getHeaders(), problem.getStatusCode(), request);
  }

  /** A fault of the aggregator's: the cause goes to the log, never to the client. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    log.error("The analyst API could not answer a request: {}", e.toString(), e);
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "The aggregator could not answer this request; its log has the cause.");
    return handleExceptionInternal(
        e, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            status,
            "Nothing is served at this path. The analyst API answers GET /api/v1/hotspots,"
                + " /api/v1/cohort/summary, /api/v1/cohort/profiles, /api/v1/recipient,"
                + " /api/v1/tracker, /api/v1/governance/policy, /api/v1/governance/policy/report,"
                + " /api/v1/governance/audit and /api/v1/status; the dashboard is at /.");
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "A value" : ex.getPropertyName();
    String type =
        ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(status, name + " must be a value of type " + type + ".");
    if (ex.getPropertyName() != null) {
      body.setProperty("parameter", ex.getPropertyName());
    }
    return handleExceptionInternal(ex, body, headers, status, request);
  }

  /**
   * Problems are always {@code application/problem+json}, whatever the request's Accept asked for:
   * a client that asked for CSV gets a body it can show rather than a second failure. The type is
   * written out even when it is RFC 9457's default, {@code about:blank} (the status says it all),
   * which Spring would leave implicit, so that every problem has the same five members.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    HttpHeaders out = HttpHeaders.copyOf(headers);
    if (body instanceof ProblemDetail problem) {
      out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      if (problem.getType() == null) {
        problem.setType(ABOUT_BLANK);
      }
    }
    return new ResponseEntity<>(body, out, statusCode);
  }
}
