package uk.vruhub.ingest.core.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The partnership's linkage secret: the key of every match key and record pseudonym, shared by the
 * three ingest services and nobody else. It comes from a file ({@code HUB_LINKAGE_SECRET_FILE}, as
 * a mounted secret) or an environment variable ({@code HUB_LINKAGE_SECRET}), never from the
 * repository, and is never logged; records carry only its id.
 */
public final class LinkageSecret {

  /** Shortest secret accepted: HMAC-SHA256 should have a 256-bit key. */
  public static final int MINIMUM_BYTES = 32;

  private final byte[] secret;
  private final String keyId;

  public LinkageSecret(byte[] secret, String keyId) {
    if (secret == null || secret.length < MINIMUM_BYTES) {
      throw new IllegalStateException(
          "The linkage secret must be at least "
              + MINIMUM_BYTES
              + " bytes; generate one with e.g. `openssl rand -base64 48`");
    }
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalStateException(
          "The linkage secret needs a key id (hub.ingest.linkage.key-id), so records say which"
              + " secret made them");
    }
    this.secret = secret.clone();
    this.keyId = keyId;
  }

  /**
   * The secret from a file named by {@code secretFile} (or {@code HUB_LINKAGE_SECRET_FILE}), else
   * from {@code HUB_LINKAGE_SECRET}; refuses when there is none.
   */
  public static LinkageSecret load(Path secretFile, Map<String, String> environment, String keyId) {
    Path file =
        secretFile != null
            ? secretFile
            : environment.containsKey("HUB_LINKAGE_SECRET_FILE")
                ? Path.of(environment.get("HUB_LINKAGE_SECRET_FILE"))
                : null;
    if (file != null) {
      try {
        return new LinkageSecret(
            Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8),
            keyId);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the linkage secret file " + file, e);
      }
    }
    String value = environment.get("HUB_LINKAGE_SECRET");
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "No linkage secret: set HUB_LINKAGE_SECRET_FILE to a file holding the partnership's"
              + " secret (or HUB_LINKAGE_SECRET, or hub.ingest.linkage.secret-file). The ingest"
              + " services refuse to run without one, because pseudonyms made without the shared"
              + " secret would not link across agencies.");
    }
    return new LinkageSecret(value.trim().getBytes(StandardCharsets.UTF_8), keyId);
  }

  byte[] bytes() {
    return secret;
  }

  public String keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "LinkageSecret[keyId=" + keyId + "]";
  }
}
