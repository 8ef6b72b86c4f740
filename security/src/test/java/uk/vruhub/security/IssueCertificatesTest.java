package uk.vruhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueCertificatesTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return IssueCertificates.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void makesTheCaAndEachNamedCertificateAndPrintsNoKey() throws Exception {
    int status =
        run(dir.toString(), "VRU hub (compose)", "kafka-1=kafka-1,localhost", "registry=registry");

    assertThat(status).as("%s", err).isZero();
    X509Certificate ca = LocalCa.readCertificates(dir.resolve("ca.crt")).get(0);
    X509Certificate kafka = LocalCa.readCertificates(dir.resolve("kafka-1.crt")).get(0);
    kafka.verify(ca.getPublicKey());
    assertThat(LocalCa.hostsOf(kafka)).containsExactly("kafka-1", "localhost");
    assertThat(dir.resolve("kafka-1.pem")).exists();
    assertThat(dir.resolve("registry.key")).exists();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("Certificate kafka-1: kafka-1, localhost")
        .doesNotContain("PRIVATE");
    assertThat(Files.readString(dir.resolve("kafka-1.pem"))).contains("PRIVATE KEY");
  }

  @Test
  void aSecondRunKeepsTheCaAndCertificatesStillCurrent() throws Exception {
    run(dir.toString(), "VRU hub (compose)", "kafka-1=kafka-1,localhost");
    String ca = Files.readString(dir.resolve("ca.crt"));
    String cert = Files.readString(dir.resolve("kafka-1.crt"));

    assertThat(run(dir.toString(), "VRU hub (compose)", "kafka-1=kafka-1,localhost")).isZero();

    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(ca);
    assertThat(Files.readString(dir.resolve("kafka-1.crt"))).isEqualTo(cert);
  }

  @Test
  void refusesASpecificationWithoutHosts() {
    assertThat(run(dir.toString(), "VRU hub (compose)", "kafka-1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not NAME=HOST[,HOST...]: kafka-1");
    assertThat(run()).isEqualTo(2);
  }
}
