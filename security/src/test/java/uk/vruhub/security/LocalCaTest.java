package uk.vruhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {

  @TempDir Path dir;

  @Test
  void issuesAServerCertificateThatChainsToTheCaAndNamesItsHosts() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(dir, "VRU hub (local)");
    var files = ca.serverCertificate("hub", List.of("localhost", "127.0.0.1", "::1"));
    List<X509Certificate> chain = LocalCa.readCertificates(files.chain());
    assertThat(chain).hasSize(2);
    assertThat(LocalCa.hostsOf(chain.get(0)))
        .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain.get(0)));
    var params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(path, params);
    for (Path secret : List.of(files.key(), files.keyAndChain(), dir.resolve("ca.key"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(files.keyAndChain()))
        .startsWith("-----BEGIN PRIVATE KEY-----")
        .contains("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void aTlsClientTrustingOnlyTheCaConnectsToTheServer() throws Exception {
    LocalCa ca = LocalCa.loadOrCreate(dir, "VRU hub (local)");
    var files = ca.serverCertificate("hub", List.of("localhost", "127.0.0.1"));
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    try (var reader = Files.newBufferedReader(files.key());
        var parser = new PEMParser(reader)) {
      var key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
      keys.setKeyEntry(
          "server",
          key,
          new char[0],
          LocalCa.readCertificates(files.chain()).toArray(X509Certificate[]::new));
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    SSLContext client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
    try (SSLServerSocket listening =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
      Thread accept =
          new Thread(
              () -> {
                try (SSLSocket s = (SSLSocket) listening.accept()) {
                  s.getOutputStream().write(42);
                  s.getOutputStream().flush();
                } catch (Exception ignored) {
                  // the client's assertion reports the failure
                }
              });
      accept.start();
      try (SSLSocket socket =
          (SSLSocket)
              client.getSocketFactory().createSocket("localhost", listening.getLocalPort())) {
        var params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        assertThat(socket.getInputStream().read()).isEqualTo(42);
      }
      accept.join(10_000);
    }
  }

  @Test
  void keepsWhatIsCurrentAndReissuesWhatIsStaleOrNamesOtherHosts() throws Exception {
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    LocalCa ca = LocalCa.loadOrCreate(dir, "VRU hub", Clock.fixed(start, ZoneOffset.UTC));
    var files = ca.serverCertificate("hub", List.of("localhost"));
    String first = Files.readString(files.chain());

    LocalCa again =
        LocalCa.loadOrCreate(
            dir, "VRU hub", Clock.fixed(start.plus(Duration.ofDays(1)), ZoneOffset.UTC));
    assertThat(again.certificate()).isEqualTo(ca.certificate());
    again.serverCertificate("hub", List.of("localhost"));
    assertThat(Files.readString(files.chain())).isEqualTo(first);

    again.serverCertificate("hub", List.of("localhost", "registry"));
    String widened = Files.readString(files.chain());
    assertThat(widened).isNotEqualTo(first);

    LocalCa later =
        LocalCa.loadOrCreate(
            dir, "VRU hub", Clock.fixed(start.plus(Duration.ofDays(380)), ZoneOffset.UTC));
    later.serverCertificate("hub", List.of("localhost", "registry"));
    assertThat(Files.readString(files.chain())).isNotEqualTo(widened);
  }

  @Test
  void refusesNamesThatAreNotPlainFileNames() {
    LocalCa ca = LocalCa.loadOrCreate(dir, "VRU hub");
    assertThatThrownBy(() -> ca.serverCertificate("../x", List.of("localhost")))
        .hasMessageContaining("not a plain name");
    assertThatThrownBy(() -> ca.serverCertificate("x", List.of()))
        .hasMessageContaining("at least one host");
  }
}
