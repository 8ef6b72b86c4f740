package uk.vruhub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.PasswordHashes;
import uk.vruhub.security.SecretFiles;
import uk.vruhub.security.TrustedCa;

/**
 * The secrets of one test JVM's hub, laid out as the local hub lays out its own ({@code tls/},
 * {@code registry/<user>}, {@code tokens/<recipient>}) in a temporary folder: a CA and a server
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}; a registry password for
 * every hub principal, every recipient of the shipped policy and the test kit itself; and a bearer
 * token per recipient. Made with the same code the local hub uses, so tests exercise the real TLS
 * and the real checks.
 */
public final class TestSecrets {

  /** The test kit's own registry user: registers the schemas tests write with (role write). */
  public static final String TESTKIT = "testkit";

  /** Recipients of the shipped policy ({@code deploy/policy/vru-hub-isa.yaml}). */
  public static final List<String> RECIPIENTS =
      List.of("vru-analyst", "csp-partners", "strategic-board");

  /** Registry users with the write role: the schema-registering services and the test kit. */
  public static final List<String> WRITERS =
      List.of(
          HubPrincipals.AGGREGATOR,
          HubPrincipals.ingest("police"),
          HubPrincipals.ingest("health"),
          HubPrincipals.ingest("education"),
          TESTKIT);

  private final Path dir;
  private final LocalCa ca;
  private final LocalCa.ServerFiles server;
  private final Path registryUsers;
  private final SSLContext sslContext;

  private TestSecrets(Path dir) {
    this.dir = dir;
    this.ca = LocalCa.loadOrCreate(dir.resolve("tls"), "VRU hub tests");
    this.server = ca.serverCertificate("http", List.of("localhost", "127.0.0.1", "::1"));
    this.sslContext = TrustedCa.sslContext(ca.certificateFile());
    StringBuilder users = new StringBuilder("# user:sha256:role\n");
    for (String user : registryUserNames()) {
      String password = SecretFiles.read(SecretFiles.ensure(registryPasswordFile(user)));
      users
          .append(user)
          .append(':')
          .append(PasswordHashes.sha256(password))
          .append(':')
          .append(WRITERS.contains(user) ? "write" : "read")
          .append('\n');
    }
    this.registryUsers = dir.resolve("registry-users");
    SecretFiles.writeOwnerOnly(registryUsers, users.toString(), true);
    for (String recipient : RECIPIENTS) {
      SecretFiles.ensure(tokenFile(recipient));
    }
  }

  /** New secrets in a temporary folder. */
  public static TestSecrets create() {
    try {
      return new TestSecrets(Files.createTempDirectory("hub-test-secrets"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a folder for the test secrets", e);
    }
  }

  private static List<String> registryUserNames() {
    List<String> out = new java.util.ArrayList<>(HubPrincipals.components());
    out.addAll(RECIPIENTS);
    out.add(TESTKIT);
    return out;
  }

  /** The folder holding everything. */
  public Path dir() {
    return dir;
  }

  /** The CA, to issue further server certificates (e.g. for a container's host name). */
  public LocalCa ca() {
    return ca;
  }

  /** The CA certificate clients trust ({@code curl --cacert}). */
  public Path caFile() {
    return ca.certificateFile();
  }

  /** A TLS context trusting the test CA only. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** An HTTP client trusting the test CA only. */
  public HttpClient httpClient() {
    return HttpClient.newBuilder()
        .sslContext(sslContext)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The server certificate chain (PEM) for localhost. */
  public Path serverCertificate() {
    return server.chain();
  }

  /** Its private key (PEM). */
  public Path serverKey() {
    return server.key();
  }

  /** The properties that make a Spring service under test serve HTTPS with the test certificate. */
  public Map<String, String> serverTlsProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("hub.http.tls.certificate-file", server.chain().toString());
    out.put("hub.http.tls.key-file", server.key().toString());
    return out;
  }

  /** The registry's users file ({@code user:sha256:role}). */
  public Path registryUsersFile() {
    return registryUsers;
  }

  /** The file holding a registry user's password. */
  public Path registryPasswordFile(String user) {
    return dir.resolve("registry").resolve(user);
  }

  /** A registry user's {@code user:password}, for {@code basic.auth.user.info}. */
  public String registryUserInfo(String user) {
    return user + ":" + SecretFiles.read(registryPasswordFile(user));
  }

  /** The file holding a recipient's bearer token. */
  public Path tokenFile(String recipient) {
    return dir.resolve("tokens").resolve(recipient);
  }

  /** A recipient's bearer token. */
  public String token(String recipient) {
    return SecretFiles.read(tokenFile(recipient));
  }

  /**
   * The aggregator's properties for every recipient's token: {@code
   * hub.aggregator.http.recipient-tokens.<id>=<sha256>}.
   */
  public Map<String, String> recipientTokenProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String recipient : RECIPIENTS) {
      out.put(
          "hub.aggregator.http.recipient-tokens." + recipient,
          SecretFiles.sha256Hex(token(recipient)));
    }
    return out;
  }
}
