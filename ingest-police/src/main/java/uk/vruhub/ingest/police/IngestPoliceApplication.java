package uk.vruhub.ingest.police;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The police ingest service: recorded-crime extracts in, pseudonymised PoliceCrimeEvents out. */
@SpringBootApplication
public class IngestPoliceApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestPoliceApplication.class, args);
  }

  @Bean
  PoliceFeed policeFeed() {
    return new PoliceFeed();
  }
}
