package uk.vruhub.ingest.core.intake;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import uk.vruhub.ingest.core.feed.FeedService;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

/**
 * Errors of the intake API, in words an agency's systems team can act on. None repeats anything of
 * a feed's content: the messages are this service's own, and say where and which limit.
 */
@RestControllerAdvice(assignableTypes = FeedController.class)
class IntakeErrors {

  @ExceptionHandler(TokenCheck.Unauthorized.class)
  ResponseEntity<Map<String, String>> unauthorized(TokenCheck.Unauthorized e) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header("WWW-Authenticate", "Bearer")
        .body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(FeedService.FeedTooLargeException.class)
  ResponseEntity<Map<String, String>> tooLarge(FeedService.FeedTooLargeException e) {
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .body(Map.of("error", e.getMessage()));
  }

  /** A feed refused before it is read, e.g. for its extract date. */
  @ExceptionHandler(FeedRefusedException.class)
  ResponseEntity<Map<String, String>> refused(FeedRefusedException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "reason", e.reason()));
  }

  /** The queue is full, or the spool or its disk is: both pass, so the sender is told when. */
  @ExceptionHandler(FeedService.BusyException.class)
  ResponseEntity<Map<String, String>> busy(FeedService.BusyException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "60")
        .body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<Map<String, String>> badRequest(Exception e) {
    String parameter =
        e instanceof MissingServletRequestParameterException missing
            ? missing.getParameterName()
            : ((MethodArgumentTypeMismatchException) e).getName();
    return ResponseEntity.badRequest()
        .body(
            Map.of(
                "error",
                switch (parameter) {
                  case "extractDate" ->
                      "extractDate is required as yyyy-MM-dd, e.g. ?extractDate=2026-03-31";
                  case "limit" -> "limit must be a whole number, e.g. ?limit=50";
                  default -> parameter + " is missing or not in the expected form";
                }));
  }
}
