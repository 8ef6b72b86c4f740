package uk.vruhub.registry.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import uk.vruhub.registry.RegistryException;

/**
 * Answers refusals in the Confluent error shape: {@code {"error_code": 40401, "message": "..."}}.
 */
@RestControllerAdvice
class RegistryErrors {

  private static final Logger log = LoggerFactory.getLogger(RegistryErrors.class);
  private final ObjectMapper json = new ObjectMapper();

  @ExceptionHandler(RegistryException.class)
  ResponseEntity<String> refused(RegistryException e) {
    if (e.httpStatus() >= 500) {
      log.error("Registry request failed: {}", e.getMessage(), e);
    }
    return body(e.httpStatus(), e.errorCode(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<String> badPath(MethodArgumentTypeMismatchException e) {
    return body(404, 40403, "Schema " + e.getValue() + " not found.");
  }

  private ResponseEntity<String> body(int status, int code, String message) {
    return ResponseEntity.status(status)
        .contentType(RegistryController.REGISTRY_JSON)
        .body(json.createObjectNode().put("error_code", code).put("message", message).toString());
  }
}
