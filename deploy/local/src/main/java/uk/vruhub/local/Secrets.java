package uk.vruhub.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import uk.vruhub.security.SecretFiles;

/**
 * The local hub's secrets: every Kafka user's password ({@code kafka/<user>}), the linkage secret
 * the three ingest services share, the analyst's recipient secret, and bearer tokens for the
 * agencies and the analyst. Made once from a secure random source, kept under the data folder
 * readable by the owner only, and reused on every start so pseudonyms stay stable.
 */
final class Secrets {

  private final Path dir;

  Secrets(Path dataDir) {
    this.dir = dataDir.resolve("secrets");
  }

  /** The folder of the Kafka users' password files, one per user, named after it. */
  Path kafkaDir() {
    return dir.resolve("kafka");
  }

  /** The file holding a Kafka user's password, made on first use. */
  Path kafkaPassword(String user) {
    return SecretFiles.ensure(kafkaDir().resolve(user));
  }

  /** The folder every secret lives under. */
  Path dir() {
    return dir;
  }

  Path linkageSecret() {
    return file("linkage.key");
  }

  Path recipientsDir() {
    Path recipients = dir.resolve("recipients");
    file("recipients/vru-analyst");
    return recipients;
  }

  /** The bearer token of a principal (an agency or the analyst). */
  String token(String principal) {
    try {
      return Files.readString(file("tokens/" + principal), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path tokenFile(String principal) {
    return file("tokens/" + principal);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path file(String name) {
    Path file = dir.resolve(name);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        Files.writeString(
            file,
            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
            StandardCharsets.US_ASCII);
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system; the folder's own permissions apply.
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create secret " + file, e);
    }
  }
}
