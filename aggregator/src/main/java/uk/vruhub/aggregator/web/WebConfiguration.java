package uk.vruhub.aggregator.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.aggregator.topology.AggregatorSettings;

/**
 * What every controller of the web API shares: one {@link RecipientAccess}, built once from the
 * policy and the configured token hashes, so that each page's API checks tokens the same way.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  @Bean
  RecipientAccess recipientAccess(
      AggregatorSettings settings, AggregatorProperties properties, Environment environment) {
    return RecipientAccess.configure(
        settings.policy().policy(),
        properties.http(),
        !environment.getProperty(RecipientAccess.REPLACED_KEY, "").isBlank());
  }
}
