package uk.vruhub.policy.enforce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets recipient-specific pseudonyms are made with, one per recipient. They come from files
 * (one file per recipient id in a directory, as secrets are mounted in containers) or environment
 * variables ({@code HUB_RECIPIENT_SECRET_<ID>}, the id upper-cased with dashes as underscores);
 * never from the repository, and never logged.
 */
public final class RecipientSecrets {

  /** Shortest secret accepted, in bytes: an HMAC-SHA256 key should have 256 bits. */
  public static final int MINIMUM_BYTES = 32;

  private final Map<String, byte[]> secrets;

  private RecipientSecrets(Map<String, byte[]> secrets) {
    this.secrets = secrets;
  }

  /** Secrets given directly, e.g. in tests. */
  public static RecipientSecrets of(Map<String, byte[]> secrets) {
    return new RecipientSecrets(Map.copyOf(secrets));
  }

  /**
   * Secrets from a directory of files named by recipient id (may be null) and from the environment;
   * a file wins over a variable.
   */
  public static RecipientSecrets load(Path directory, Map<String, String> environment) {
    Map<String, byte[]> out = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("HUB_RECIPIENT_SECRET_") && !value.isBlank()) {
            out.put(
                name.substring("HUB_RECIPIENT_SECRET_".length())
                    .toLowerCase(Locale.ROOT)
                    .replace('_', '-'),
                value.trim().getBytes(StandardCharsets.UTF_8));
          }
        });
    if (directory != null && Files.isDirectory(directory)) {
      try (var files = Files.list(directory)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          out.put(
              file.getFileName().toString(),
              Files.readString(file, StandardCharsets.UTF_8)
                  .trim()
                  .getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read recipient secrets from " + directory, e);
      }
    }
    return new RecipientSecrets(Map.copyOf(out));
  }

  /** The secret of a recipient, if configured. */
  public Optional<byte[]> secret(String recipientId) {
    return Optional.ofNullable(secrets.get(recipientId));
  }
}
