package uk.vruhub.ingest.education;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The education ingest service: exclusions and absence extracts in, pseudonymised school events
 * out.
 */
@SpringBootApplication
public class IngestEducationApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestEducationApplication.class, args);
  }

  @Bean
  EducationFeed educationFeed() {
    return new EducationFeed();
  }
}
