package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PortsTest {

  @Test
  void freeDistinctPortsPass() throws Exception {
    int a;
    int b;
    try (ServerSocket one = new ServerSocket(0);
        ServerSocket two = new ServerSocket(0)) {
      a = one.getLocalPort();
      b = two.getLocalPort();
    }
    assertThat(new Ports().with("--kafka-port", a).with("--registry-port", b).problems()).isEmpty();
  }

  @Test
  void aPortGivenTwiceIsNamedWithBothOptions() throws Exception {
    int port = freePort();
    assertThat(new Ports().with("--kafka-port", port).with("--registry-port", port).problems())
        .hasValue("Port " + port + " is given to both --kafka-port and --registry-port.");
  }

  @Test
  void aPortInUseAndAPortOutOfRangeAreEachSaid() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      assertThat(
              new Ports()
                  .with("--http-port + 1 (police)", port)
                  .with("--controller-port", 70_000)
                  .problems())
          .hasValueSatisfying(
              p ->
                  assertThat(p.lines())
                      .containsExactly(
                          "Port "
                              + port
                              + " (--http-port + 1 (police)) is in use by another program; stop"
                              + " it, or choose another port with --http-port.",
                          "--controller-port is 70000; a port is a number from 1 to 65535."));
    }
  }

  @Test
  void theHubRefusesClashingPortsAsAUsageErrorBeforeStartingAnything() throws Exception {
    int port = freePort();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(new LocalHub(new PrintStream(printed, true, StandardCharsets.UTF_8)));
    cli.setErr(new PrintWriter(err, true));

    int status =
        cli.execute(
            "--kafka-port",
            Integer.toString(port),
            "--controller-port",
            Integer.toString(port),
            "--no-services");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("Port " + port + " is given to both --kafka-port and --controller-port.");
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
