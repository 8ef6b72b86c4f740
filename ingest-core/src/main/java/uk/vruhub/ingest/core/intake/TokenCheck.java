package uk.vruhub.ingest.core.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Checks an agency's bearer token against the SHA-256 hash the service is configured with, in
 * constant time; the token itself is never stored or logged.
 */
public final class TokenCheck {

  private final byte[] expected;

  public TokenCheck(String tokenSha256Hex) {
    if (tokenSha256Hex == null || !tokenSha256Hex.trim().matches("(?i)[0-9a-f]{64}")) {
      throw new IllegalStateException(
          "hub.ingest.intake.token-sha256 must be the hex SHA-256 of the agency's bearer token,"
              + " e.g. `printf %s \"$TOKEN\" | sha256sum`; the service refuses to start without"
              + " it");
    }
    this.expected = HexFormat.of().parseHex(tokenSha256Hex.trim().toLowerCase(Locale.ROOT));
  }

  /** Throws {@link Unauthorized} unless the header is {@code Bearer <the token>}. */
  public void require(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Unauthorized();
    }
    byte[] given = sha256(authorizationHeader.substring(7).trim());
    if (!MessageDigest.isEqual(given, expected)) {
      throw new Unauthorized();
    }
  }

  /** The hex SHA-256 of a token, as configured. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A request without the right token. */
  public static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthorized() {
      super("A valid bearer token for this agency is required (Authorization: Bearer <token>).");
    }
  }
}
