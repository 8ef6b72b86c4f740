package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --bind}: loopback by default, an address that is no address refused before anything
 * starts.
 */
class BindAddressTest {

  @Test
  void loopbackIsTheDefaultAndIsRecognisedInEveryForm() {
    LocalHub hub = new LocalHub(new PrintStream(new ByteArrayOutputStream()));
    new CommandLine(hub).parseArgs();
    assertThat(hub.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(LocalHub.isLoopback("127.0.0.1")).isTrue();
    assertThat(LocalHub.isLoopback("::1")).isTrue();
    assertThat(LocalHub.isLoopback("localhost")).isTrue();
    assertThat(LocalHub.isLoopback("0.0.0.0")).isFalse();
    assertThat(LocalHub.isLoopback("192.0.2.10")).isFalse();
  }

  @Test
  void anAddressThatIsNoAddressIsRefusedWithTheOptionNamed() {
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new LocalHub(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute("--bind", "no-such-host.invalid", "--data-dir", "target/bind-test");
    assertThat(status).isNotZero();
    assertThat(err.toString())
        .contains("--bind no-such-host.invalid is not an address or a known host name.");
  }
}
