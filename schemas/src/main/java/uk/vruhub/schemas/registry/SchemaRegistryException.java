package uk.vruhub.schemas.registry;

/**
 * The registry refused a request or could not be reached. The message names the registry, the
 * subject (or schema id) and the registry's own error code, which the Confluent API documents:
 * 40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible
 * schema, 42201 invalid schema, 42203 invalid compatibility level, 50001 store error.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Error code used when the registry could not be reached or answered without a body. */
  public static final int UNREACHABLE = -1;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the registry's answer, or {@link #UNREACHABLE}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's error code (e.g. 40401), or {@link #UNREACHABLE}. */
  public int errorCode() {
    return errorCode;
  }

  /** True for "subject not found", "version not found" and "schema not found". */
  public boolean notFound() {
    return errorCode == 40401 || errorCode == 40402 || errorCode == 40403;
  }
}
