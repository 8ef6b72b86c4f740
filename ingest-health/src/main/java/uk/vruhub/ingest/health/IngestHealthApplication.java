package uk.vruhub.ingest.health;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The health ingest service: emergency department (ISTV) extracts in, pseudonymised attendances
 * out.
 */
@SpringBootApplication
public class IngestHealthApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestHealthApplication.class, args);
  }

  @Bean
  HealthFeed healthFeed() {
    return new HealthFeed();
  }
}
