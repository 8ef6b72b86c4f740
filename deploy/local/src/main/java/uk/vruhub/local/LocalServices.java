package uk.vruhub.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.vruhub.aggregator.AggregatorApplication;
import uk.vruhub.aggregator.config.StreamsRunner;
import uk.vruhub.ingest.education.IngestEducationApplication;
import uk.vruhub.ingest.health.IngestHealthApplication;
import uk.vruhub.ingest.police.IngestPoliceApplication;
import uk.vruhub.registry.RegistryServer;
import uk.vruhub.security.HubPrincipals;
import uk.vruhub.security.LocalCa;
import uk.vruhub.security.SecretFiles;

/**
 * The three ingest services and the aggregator, each its own Spring application in this JVM, on
 * consecutive HTTPS ports of one address, each its own registry user. They are configured here in
 * full rather than from their own {@code application.yaml} files, which share one name on a shared
 * class path; the keys are the same ones their READMEs document.
 */
final class LocalServices implements AutoCloseable {

  /**
   * Where the services find the geography; null fields fall back to the shipped samples (and the
   * dashboard's map to no areas).
   */
  record Geography(Path postcodes, Path areas, Path population, Path boundaries) {}

  /**
   * How the services serve HTTP: on one address, with the local CA's certificate, to the policy's
   * recipients by their tokens.
   *
   * @param bindAddress {@code server.address} of every service
   * @param certificate the services' certificate and key
   * @param recipients ids of the policy's recipients, each served by its token
   */
  record Http(String bindAddress, LocalCa.ServerFiles certificate, List<String> recipients) {}

  static final List<String> AGENCIES = List.of("police", "health", "education");

  private final List<ConfigurableApplicationContext> running = new ArrayList<>();
  private final int portBase;
  private final String host;
  private ConfigurableApplicationContext aggregator;

  private LocalServices(int portBase, String host) {
    this.portBase = portBase;
    this.host = host;
  }

  static LocalServices start(
      String bootstrap,
      String registryUrl,
      Path dataDir,
      Path policyFile,
      Geography geography,
      Secrets secrets,
      int portBase,
      Http http) {
    LocalServices services = new LocalServices(portBase, RegistryServer.host(http.bindAddress()));
    try {
      Path logFile = dataDir.resolve("logs/hub.log");
      for (String agency : AGENCIES) {
        Map<String, Object> p =
            common(
                HubPrincipals.ingest(agency),
                services.ingestPort(agency),
                bootstrap,
                logFile,
                secrets);
        https(p, http);
        registry(p, "hub.ingest.registry", registryUrl, HubPrincipals.ingest(agency), secrets);
        p.put("hub.ingest.registry.auto-register", "true");
        p.put("hub.ingest.linkage.secret-file", secrets.linkageSecret().toString());
        p.put("hub.ingest.intake.token-sha256", SecretFiles.sha256Hex(secrets.token(agency)));
        p.put("hub.ingest.intake.spool-dir", dataDir.resolve("spool/" + agency).toString());
        p.put("hub.ingest.policy-file", policyFile.toString());
        if (geography.postcodes() != null) {
          p.put("hub.ingest.geography.postcode-directory", geography.postcodes().toString());
        }
        Class<?> app =
            switch (agency) {
              case "police" -> IngestPoliceApplication.class;
              case "health" -> IngestHealthApplication.class;
              default -> IngestEducationApplication.class;
            };
        services.running.add(new SpringApplicationBuilder(app).properties(p).run());
      }
      Map<String, Object> p =
          common(HubPrincipals.AGGREGATOR, portBase, bootstrap, logFile, secrets);
      https(p, http);
      registry(p, "hub.aggregator.registry", registryUrl, HubPrincipals.AGGREGATOR, secrets);
      p.put("hub.aggregator.registry.auto-register", "true");
      p.put("hub.aggregator.policy-file", policyFile.toString());
      p.put("hub.aggregator.recipient-secrets-dir", secrets.recipientsDir().toString());
      for (String recipient : http.recipients()) {
        p.put(
            "hub.aggregator.http.recipient-tokens." + recipient,
            SecretFiles.sha256Hex(secrets.token(recipient)));
      }
      p.put("hub.aggregator.state-dir", dataDir.resolve("aggregator").toString());
      p.put("hub.aggregator.stream-threads", "1");
      if (geography.areas() != null) {
        p.put("hub.aggregator.areas-file", geography.areas().toString());
        p.put("hub.aggregator.population-file", geography.population().toString());
      }
      if (geography.boundaries() != null) {
        p.put("hub.aggregator.dashboard.boundaries", geography.boundaries().toString());
      }
      services.aggregator =
          new SpringApplicationBuilder(AggregatorApplication.class).properties(p).run();
      services.running.add(services.aggregator);
      return services;
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** HTTPS with the local CA's certificate, on the hub's address only. */
  private static void https(Map<String, Object> p, Http http) {
    p.put("server.address", http.bindAddress());
    p.put("hub.http.tls.certificate-file", http.certificate().chain().toString());
    p.put("hub.http.tls.key-file", http.certificate().key().toString());
  }

  /** The registry over HTTPS trusting the local CA, as the service's own registry user. */
  private static void registry(
      Map<String, Object> p, String prefix, String url, String user, Secrets secrets) {
    p.put(prefix + ".url", url);
    p.put(prefix + ".username", user);
    p.put(prefix + ".password-file", secrets.registryPasswordFile(user).toString());
    p.put(prefix + ".ca-file", secrets.caFile().toString());
  }

  /**
   * What every service shares; its name is also its Kafka user, as whom it logs in to the broker
   * (SASL/SCRAM over loopback) and whose ACLs it gets.
   */
  private static Map<String, Object> common(
      String name, int port, String bootstrap, Path logFile, Secrets secrets) {
    Map<String, Object> p = new LinkedHashMap<>();
    // No application.yaml: each service's own shares one name on this class path.
    p.put("spring.config.name", "local-hub-" + name);
    p.put("spring.application.name", name);
    p.put("spring.main.banner-mode", "off");
    p.put("spring.main.log-startup-info", "false");
    p.put("spring.jmx.enabled", "false");
    p.put("spring.kafka.bootstrap-servers", bootstrap);
    p.put("hub.kafka.security-protocol", "SASL_PLAINTEXT");
    p.put("hub.kafka.username", name);
    p.put("hub.kafka.password-file", secrets.kafkaPassword(name).toString());
    p.put("server.port", Integer.toString(port));
    p.put("management.endpoints.web.exposure.include", "health,info,metrics,prometheus");
    p.put("management.endpoint.health.show-details", "always");
    p.put("logging.file.name", logFile.toString());
    p.put("logging.threshold.console", "WARN");
    p.put("logging.level.org.apache.kafka", "WARN");
    return p;
  }

  int ingestPort(String agency) {
    return portBase + 1 + AGENCIES.indexOf(agency);
  }

  String ingestUrl(String agency) {
    return "https://" + host + ":" + ingestPort(agency);
  }

  String aggregatorUrl() {
    return "https://" + host + ":" + portBase;
  }

  /** The aggregator's running streams, for queries of its state. */
  KafkaStreams streams() {
    return aggregator.getBean(StreamsRunner.class).streams();
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (RuntimeException e) {
        System.err.println("[hub] stopping a service failed: " + e.getMessage());
      }
    }
    running.clear();
  }
}
