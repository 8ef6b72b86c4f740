package uk.vruhub.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.PasswordHashes;
import uk.vruhub.security.SecretFiles;

/**
 * The local hub's secrets, under {@code <data-dir>/secrets/} (owner-only folders and files): every
 * Kafka user's password ({@code kafka/<user>}), the linkage secret the three ingest services share,
 * the analyst's recipient secret, bearer tokens for the agencies and every policy recipient ({@code
 * tokens/<name>}), a registry password per principal ({@code registry/<user>}) and the registry's
 * users file, and the local CA with the HTTP services' certificate ({@code tls/}). Made once from a
 * secure random source and reused on every start, so pseudonyms stay stable and what a user was
 * given keeps working.
 */
final class Secrets {

  /** The organisation named in the local CA's certificate. */
  static final String CA_ORGANISATION = "VRU hub (local)";

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
    return SecretFiles.ensure(dir.resolve("linkage.key"));
  }

  Path recipientsDir() {
    SecretFiles.ensure(dir.resolve("recipients/vru-analyst"));
    return dir.resolve("recipients");
  }

  /** The bearer token of an agency ({@code police}) or a recipient ({@code vru-analyst}). */
  String token(String name) {
    return SecretFiles.read(tokenFile(name));
  }

  Path tokenFile(String name) {
    Path file = dir.resolve("tokens").resolve(name);
    Path old = dir.resolve("tokens/analyst");
    if (name.equals("vru-analyst") && !Files.exists(file) && Files.exists(old)) {
      // Before every recipient had a token, the analyst's was tokens/analyst: keep it working.
      try {
        Files.move(old, file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot rename " + old + " to " + file, e);
      }
    }
    return SecretFiles.ensure(file);
  }

  /** The file holding a registry user's password. */
  Path registryPasswordFile(String user) {
    return SecretFiles.ensure(dir.resolve("registry").resolve(user));
  }

  /** A registry user's {@code user:password}. */
  String registryUserInfo(String user) {
    return user + ":" + SecretFiles.read(registryPasswordFile(user));
  }

  /**
   * The registry's users file, written afresh from the password files on every start, so a password
   * replaced in its file takes effect at the next start.
   *
   * @param writers whether each user may register schemas, by user name
   */
  Path registryUsers(Map<String, Boolean> writers) {
    StringBuilder text =
        new StringBuilder(
            "# Written by the local hub at start from registry/<user>; user:sha256:role\n");
    writers.forEach(
        (user, write) ->
            text.append(user)
                .append(':')
                .append(PasswordHashes.sha256(SecretFiles.read(registryPasswordFile(user))))
                .append(':')
                .append(write ? "write" : "read")
                .append('\n'));
    Path file = dir.resolve("registry-users");
    SecretFiles.writeOwnerOnly(file, text.toString(), true);
    return file;
  }

  /** The local CA, made on first use. */
  LocalCa ca() {
    return LocalCa.loadOrCreate(dir.resolve("tls"), CA_ORGANISATION);
  }

  /** The CA certificate users trust. */
  Path caFile() {
    return dir.resolve("tls/ca.crt");
  }

  /** The HTTP services' certificate for these hosts, issued again when they change or it ages. */
  LocalCa.ServerFiles httpCertificate(Collection<String> hosts) {
    return ca().serverCertificate("http", hosts);
  }
}
