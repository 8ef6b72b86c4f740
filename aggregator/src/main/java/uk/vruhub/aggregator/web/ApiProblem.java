package uk.vruhub.aggregator.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An answer of the analyst API that is not data: an RFC 9457 problem with the headers its status
 * needs. Details say what was wrong and what would be accepted; they never repeat the value sent,
 * which keeps them short whatever was sent.
 */
public final class ApiProblem extends ErrorResponseException {

  private static final long serialVersionUID = 1L;

  /** Seconds a client should wait before asking again while the streams are not queryable. */
  static final String RETRY_AFTER_SECONDS = "5";

  private ApiProblem(HttpStatus status, String detail) {
    super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
  }

  /**
   * A query parameter that cannot be answered; {@code parameter} names it in the body too, for a
   * client that shows the field at fault, and is null when its name is not fit to repeat.
   */
  public static ApiProblem badParameter(String parameter, String detail) {
    ApiProblem problem = new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    if (parameter != null) {
      problem.getBody().setProperty("parameter", parameter);
    }
    return problem;
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
  }

  public static ApiProblem notAcceptable(String detail) {
    return new ApiProblem(HttpStatus.NOT_ACCEPTABLE, detail);
  }

  public static ApiProblem unauthorized(String detail) {
    ApiProblem problem = new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
    problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    return problem;
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, detail);
  }

  /** The streams are starting, rebalancing or restoring: nothing is wrong with the request. */
  public static ApiProblem notReady(String detail) {
    ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return problem;
  }
}
