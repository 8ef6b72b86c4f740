package uk.vruhub.ingest.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The springdoc defaults ingest-core sets and the README's table of them say the same. */
class SwaggerUiDefaultsReadmeTest {

  @Test
  void everyDefaultIsInTheReadmeWithItsValue() throws IOException {
    Properties defaults = new Properties();
    try (InputStream in =
        IngestAutoConfiguration.class.getResourceAsStream(
            "/uk/vruhub/ingest/core/swagger-ui.properties")) {
      assertThat(in).as("swagger-ui.properties on the class path").isNotNull();
      defaults.load(in);
    }
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);

    assertThat(defaults).isNotEmpty();
    assertThat(readme.lines().filter(l -> l.startsWith("| `springdoc.")).count())
        .as("rows of springdoc keys in README.md")
        .isEqualTo(defaults.size());
    defaults.forEach(
        (key, value) ->
            assertThat(readme)
                .as("README.md documents %s", key)
                .contains("| `" + key + "` | `" + value + "` |"));
  }
}
