package uk.vruhub.security.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * Makes every Kafka client a Spring Boot service builds from {@code spring.kafka.*} (producers,
 * consumers, Admin, Streams: whatever {@code KafkaProperties.build*Properties()} returns) connect
 * as the service's principal ({@link HubKafkaSettings}): {@code hub.kafka.*} becomes {@code
 * spring.kafka.properties.security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and
 * the PEM trust store. A service whose protocol needs a user and has none fails at start, saying
 * which key to set.
 *
 * <p>Only applications that use Spring for Apache Kafka are concerned: it is on their class path
 * and they set {@code spring.kafka.bootstrap-servers}. The schema registry builds its clients
 * itself from {@link HubKafkaSettings}, so one in the same JVM as a service is left alone.
 */
public final class KafkaSecurityEnvironmentPostProcessor
    implements EnvironmentPostProcessor, Ordered {

  /**
   * The property source this adds, ahead of every other: hub.kafka.* is where a principal is set.
   */
  public static final String SOURCE = "hubKafkaSecurity";

  private static final String SPRING_KAFKA = "org.springframework.kafka.core.KafkaTemplate";

  /** Set by every application that configures Spring for Apache Kafka (the services' yaml). */
  private static final String SPRING_KAFKA_BOOTSTRAP = "spring.kafka.bootstrap-servers";

  private final String marker;

  public KafkaSecurityEnvironmentPostProcessor() {
    this(SPRING_KAFKA);
  }

  /** Acting only when this class is on the application's class path. */
  KafkaSecurityEnvironmentPostProcessor(String marker) {
    this.marker = marker;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!ClassUtils.isPresent(marker, application.getClassLoader())
        || !environment.containsProperty(SPRING_KAFKA_BOOTSTRAP)) {
      return;
    }
    KafkaClientSecurity security = HubKafkaSettings.from(environment);
    Map<String, Object> mapped = new LinkedHashMap<>();
    security.properties().forEach((k, v) -> mapped.put("spring.kafka.properties." + k, v));
    environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, mapped));
  }

  /** After the configuration files are read, so hub.kafka.* from application.yaml counts. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
