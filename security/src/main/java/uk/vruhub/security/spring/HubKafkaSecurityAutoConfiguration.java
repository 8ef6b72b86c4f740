package uk.vruhub.security.spring;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import uk.vruhub.security.KafkaClientSecurity;

/**
 * Makes every Kafka client a Spring Boot service builds from {@code spring.kafka.*} (producers,
 * consumers, Admin, Streams: whatever {@code KafkaProperties.build*Properties()} returns) connect
 * as the service's principal: the {@code hub.kafka.*} keys ({@link HubKafkaSettings}) become {@code
 * security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and the PEM trust store in
 * {@code spring.kafka.properties}, which Spring Boot puts into every client's configuration. A
 * service whose protocol needs a user and has none fails at start, saying which key to set.
 *
 * <p>The keys are read when the Kafka settings are bound, so a test's dynamic properties count.
 * Only applications that configure Spring for Apache Kafka ({@code spring.kafka.bootstrap-servers})
 * are concerned: the schema registry builds its clients itself from {@link HubKafkaSettings}, and
 * one started in the same JVM as a service is left alone.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProperties.class)
public class HubKafkaSecurityAutoConfiguration {

  /** Set by every application that configures Spring for Apache Kafka (the services' yaml). */
  static final String SPRING_KAFKA_BOOTSTRAP = "spring.kafka.bootstrap-servers";

  @Bean
  static BeanPostProcessor hubKafkaSecurity(ConfigurableEnvironment environment) {
    return new Applier(environment);
  }

  /** Puts the principal's settings into the bound {@link KafkaProperties}. */
  static final class Applier implements BeanPostProcessor {

    private final ConfigurableEnvironment environment;

    Applier(ConfigurableEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (bean instanceof KafkaProperties kafka
          && environment.containsProperty(SPRING_KAFKA_BOOTSTRAP)) {
        KafkaClientSecurity security = HubKafkaSettings.from(environment);
        security.properties().forEach((k, v) -> kafka.getProperties().put(k, v.toString()));
      }
      return bean;
    }
  }
}
