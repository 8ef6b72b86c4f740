package uk.vruhub.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's published ports stay out of the range Linux takes outgoing connections' local
 * ports from, so no connection of the host can hold one when the stack starts, and each broker
 * advertises the port it is published on.
 */
class ComposePortsTest {

  /** The lowest port of Linux's default {@code ip_local_port_range} (32768 to 60999). */
  private static final int EPHEMERAL_FROM = 32768;

  private static final Pattern PUBLISHED =
      Pattern.compile("ports: \\[\"\\$\\{HUB_BIND:-127\\.0\\.0\\.1}:(\\d+):(\\d+)\"]");
  private static final Pattern ADVERTISED =
      Pattern.compile("EXTERNAL://\\$\\{HUB_PUBLIC_HOST:-localhost}:(\\d+)");

  @Test
  void everyPublishedPortIsBelowTheEphemeralRange() throws IOException {
    List<Integer> published = ports(PUBLISHED);
    assertThat(published)
        .as("published ports")
        .hasSizeGreaterThanOrEqualTo(8)
        .doesNotHaveDuplicates();
    assertThat(published).allSatisfy(p -> assertThat(p).isLessThan(EPHEMERAL_FROM));
  }

  @Test
  void eachBrokerAdvertisesThePortItIsPublishedOn() throws IOException {
    List<Integer> advertised = ports(ADVERTISED);
    assertThat(advertised).as("brokers").hasSize(3);
    assertThat(ports(PUBLISHED)).containsAll(advertised);
  }

  private static List<Integer> ports(Pattern pattern) throws IOException {
    String compose = Files.readString(Path.of("compose.yaml"));
    List<Integer> out = new ArrayList<>();
    Matcher m = pattern.matcher(compose);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }
}
