package uk.vruhub.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import uk.vruhub.schemas.registry.SchemaRegistryClient;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.PasswordHashes;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.security.TrustedCa;

/**
 * What a registry under test runs with, as the hub's do: HTTPS with a certificate of a CA made for
 * the test JVM, and two users, one that may write and one that may only read.
 */
final class RegistryFixture {

  static final String WRITER = "ingest-police";
  static final String WRITER_PASSWORD = SecretFiles.random();
  static final String READER = "csp-partners";
  static final String READER_PASSWORD = SecretFiles.random();

  static final Path DIR;
  static final LocalCa CA;
  static final LocalCa.ServerFiles SERVER;
  static final Path USERS;

  static {
    try {
      DIR = Files.createTempDirectory("registry-test");
      CA = LocalCa.loadOrCreate(DIR.resolve("tls"), "Registry test");
      SERVER = CA.serverCertificate("registry", List.of("localhost", "127.0.0.1"));
      USERS = DIR.resolve("registry-users");
      Files.writeString(
          USERS,
          "# user:sha256:role\n"
              + WRITER
              + ":"
              + PasswordHashes.sha256(WRITER_PASSWORD)
              + ":write\n"
              + READER
              + ":"
              + PasswordHashes.sha256(READER_PASSWORD)
              + ":read\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RegistryFixture() {}

  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.http.tls.certificate-file", SERVER.chain()::toString);
    registry.add("hub.http.tls.key-file", SERVER.key()::toString);
    registry.add("registry.auth.users-file", USERS::toString);
  }

  static String url(int port) {
    return "https://localhost:" + port;
  }

  static SchemaRegistryClient client(int port, String user, String password) {
    return new SchemaRegistryClient(
        SchemaRegistryClient.parseUrls(url(port)),
        Duration.ofSeconds(10),
        user == null ? null : user + ":" + password,
        TrustedCa.sslContext(CA.certificateFile()));
  }

  static SchemaRegistryClient writer(int port) {
    return client(port, WRITER, WRITER_PASSWORD);
  }

  static HttpClient http() {
    return HttpClient.newBuilder().sslContext(TrustedCa.sslContext(CA.certificateFile())).build();
  }
}
