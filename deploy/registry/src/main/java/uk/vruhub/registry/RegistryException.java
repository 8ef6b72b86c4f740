package uk.vruhub.registry;

/**
 * A request the registry refuses, with the HTTP status and the error code of the Confluent Schema
 * Registry API, so Confluent's own clients understand the answer.
 */
public final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  private RegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  public static RegistryException subjectNotFound(String subject) {
    return new RegistryException(404, 40401, "Subject '" + subject + "' not found.", null);
  }

  public static RegistryException versionNotFound(String subject, int version) {
    return new RegistryException(
        404, 40402, "Version " + version + " not found under subject '" + subject + "'.", null);
  }

  public static RegistryException schemaNotFound(String what) {
    return new RegistryException(404, 40403, what, null);
  }

  public static RegistryException subjectConfigNotFound(String subject) {
    return new RegistryException(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured",
        null);
  }

  public static RegistryException incompatible(String message) {
    return new RegistryException(409, 409, message, null);
  }

  public static RegistryException invalidSchema(String message, Throwable cause) {
    return new RegistryException(422, 42201, message, cause);
  }

  public static RegistryException invalidVersion(String version) {
    return new RegistryException(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"",
        null);
  }

  public static RegistryException invalidCompatibilityLevel(String level) {
    return new RegistryException(
        422,
        42203,
        "Invalid compatibility level '"
            + level
            + "'. Valid values are none, backward, forward, full, backward_transitive,"
            + " forward_transitive, and full_transitive",
        null);
  }

  public static RegistryException badRequest(String message) {
    return new RegistryException(400, 400, message, null);
  }

  public static RegistryException storeError(String message, Throwable cause) {
    return new RegistryException(500, 50001, "Error in the backend datastore: " + message, cause);
  }
}
