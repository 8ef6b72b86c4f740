package uk.vruhub.security.http;

/**
 * The keys every HTTP service of the hub (the ingest services, the aggregator, the registry) takes
 * for HTTPS (environment: {@code HUB_HTTP_TLS_CERTIFICATEFILE}, {@code HUB_HTTP_TLS_KEYFILE},
 * {@code HUB_HTTP_ALLOWPLAINTEXT}), and the name of the Spring Boot SSL bundle the two files
 * become. Setting them does what {@code spring.ssl.bundle.pem.hub-http.keystore.certificate}, its
 * {@code .private-key} and {@code server.ssl.bundle=hub-http} would; Spring's keys may be used
 * instead, not as well.
 */
public final class HttpTls {

  /** PEM file: the server's certificate, then any intermediate CA certificates. */
  public static final String CERTIFICATE_FILE = "hub.http.tls.certificate-file";

  /** PEM file: the server's private key (PKCS#8), readable by the service's user only. */
  public static final String KEY_FILE = "hub.http.tls.key-file";

  /**
   * {@code true} lets a service serve plain HTTP when no TLS is configured, with a warning at
   * start; without it, such a service refuses to start.
   */
  public static final String ALLOW_PLAINTEXT = "hub.http.allow-plaintext";

  /** The SSL bundle the two files are registered as. */
  public static final String BUNDLE = "hub-http";

  private HttpTls() {}
}
