package uk.vruhub.aggregator.web;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.topology.AggregatorSettings;

/**
 * What every controller of the web API shares: one {@link RecipientAccess}, built once from the
 * policy and the configured token hashes, so that each page's API checks tokens the same way; and
 * the map's {@link Boundaries}.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

  /**
   * The map's areas, when a boundary file is configured (read and checked at start); no bean
   * otherwise.
   */
  @Bean
  Boundaries boundaries(AggregatorSettings settings, AggregatorProperties properties) {
    String file = properties.dashboard().boundaries();
    if (file == null || file.isBlank()) {
      log.warn(
          "hub.aggregator.dashboard.boundaries is not set: the dashboard's hotspot map has no"
              + " areas to draw (its tables still work)");
      return null;
    }
    Boundaries b =
        Boundaries.load(
            Path.of(file.strip()), settings.areas(), properties.dashboard().boundariesMaxPoints());
    log.info("Dashboard boundaries: {} LSOAs in {} wards", b.lsoaCount(), b.wardCount());
    return b;
  }

  @Bean
  RecipientAccess recipientAccess(
      AggregatorSettings settings, AggregatorProperties properties, Environment environment) {
    return RecipientAccess.configure(
        settings.policy().policy(),
        properties.http(),
        !environment.getProperty(RecipientAccess.REPLACED_KEY, "").isBlank());
  }
}
