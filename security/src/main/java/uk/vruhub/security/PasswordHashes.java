package uk.vruhub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Checks a password against the hash a server keeps of it, in time that does not depend on where
 * the two differ. Two forms: the hex SHA-256 of the password (for the generated 384-bit secrets of
 * {@link SecretFiles}, which no dictionary holds: {@code printf %s "$PASSWORD" | sha256sum}), and
 * bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}; {@code htpasswd -nbB user "$PASSWORD"}), for
 * passwords a person chose.
 */
public final class PasswordHashes {

  /**
   * A bcrypt hash of a random password, checked when the user is unknown so timing says nothing.
   */
  private static final String UNKNOWN_USER =
      OpenBSDBCrypt.generate(SecretFiles.random().toCharArray(), new byte[16], 10);

  private PasswordHashes() {}

  /** The hash to keep of a generated secret: its hex SHA-256. */
  public static String sha256(String password) {
    return SecretFiles.sha256Hex(password);
  }

  /** Whether the text is a hash this class can check. */
  public static boolean isHash(String stored) {
    return isSha256(stored) || isBcrypt(stored);
  }

  /**
   * Whether {@code password} is the one {@code stored} was made from; a null {@code stored} (an
   * unknown user) is checked against a dummy hash and is never a match.
   */
  public static boolean matches(String stored, String password) {
    if (password == null) {
      return false;
    }
    if (stored == null) {
      matches(UNKNOWN_USER, password);
      return false;
    }
    if (isSha256(stored)) {
      byte[] expected = HexFormat.of().parseHex(stored.toLowerCase(Locale.ROOT));
      byte[] given =
          HexFormat.of().parseHex(SecretFiles.sha256Hex(password).toLowerCase(Locale.ROOT));
      return MessageDigest.isEqual(expected, given);
    }
    if (isBcrypt(stored)) {
      return OpenBSDBCrypt.checkPassword(stored, password.getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalArgumentException("Not a SHA-256 or bcrypt hash (the value is not shown)");
  }

  private static boolean isSha256(String stored) {
    return stored.matches("(?i)[0-9a-f]{64}");
  }

  private static boolean isBcrypt(String stored) {
    return stored.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
  }
}
