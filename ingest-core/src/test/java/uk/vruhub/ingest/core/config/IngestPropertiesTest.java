package uk.vruhub.ingest.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The settings bind with their documented defaults, settings that cannot work stop the service at
 * start-up with a message that says what to change, and the README documents every key.
 */
class IngestPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(IngestProperties.class)
  static class Bound {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Bound.class);

  @Test
  void theIntakeLimitsHaveTheirDocumentedDefaults() {
    runner.run(
        context -> {
          IngestProperties p = context.getBean(IngestProperties.class);
          assertThat(p.csv().limits())
              .isEqualTo(new uk.vruhub.ingest.core.csv.CsvLimits(1 << 20, 64 << 10, 500));
          assertThat(p.intake().maxSpoolBytes()).isEqualTo(8L << 30);
          assertThat(p.intake().minFreeDiskBytes()).isEqualTo(1L << 30);
          assertThat(p.intake().maxExtractAge()).isEqualTo(Period.ofYears(10));
          assertThat(p.dropFolder().keepExtracts()).isFalse();
        });
  }

  @Test
  void limitsThatCannotWorkStopTheServiceWithWhatToChange() {
    assertFails(
        "hub.ingest.csv.max-field-bytes=2000000",
        "hub.ingest.csv.max-field-bytes must not be more than hub.ingest.csv.max-row-bytes");
    assertFails("hub.ingest.csv.max-row-bytes=100", "must be at least 1024");
    assertFails("hub.ingest.csv.max-row-bytes=1000000000", "a row is held in memory whole");
    assertFails(
        "hub.ingest.intake.max-spool-bytes=1000",
        "hub.ingest.intake.max-spool-bytes must be at least hub.ingest.intake.max-feed-bytes");
    assertFails("hub.ingest.intake.max-extract-age=0d", "must be a positive period");
  }

  private void assertFails(String property, String message) {
    runner
        .withPropertyValues(property)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .as(property)
                    .hasMessageContaining(message));
  }

  /** Every key of {@link IngestProperties} appears in the README's configuration table. */
  @Test
  void theReadmeDocumentsEveryKey() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = new ArrayList<>();
    keys("hub.ingest", IngestProperties.class, keys);
    assertThat(keys).hasSizeGreaterThan(20);
    Matcher documented =
        Pattern.compile("^\\| `(hub\\.ingest\\.[a-z0-9.-]+)` \\|", Pattern.MULTILINE)
            .matcher(readme);
    List<String> rows = new ArrayList<>();
    while (documented.find()) {
      rows.add(documented.group(1));
    }
    assertThat(rows).containsExactlyInAnyOrderElementsOf(keys);
  }

  private static void keys(String prefix, Class<?> type, List<String> out) {
    for (var component : type.getRecordComponents()) {
      String key =
          prefix
              + "."
              + component
                  .getName()
                  .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                  .toLowerCase(java.util.Locale.ROOT);
      if (component.getType().isRecord()) {
        keys(key, component.getType(), out);
      } else {
        out.add(key);
      }
    }
  }
}
