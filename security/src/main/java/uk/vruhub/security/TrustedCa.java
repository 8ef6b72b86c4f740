package uk.vruhub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a client of the hub's HTTPS services trusts: the certificates of one PEM file (the local
 * CA's {@code ca.crt}, or an operator's CA bundle) and nothing else, so a client that trusts the
 * hub's CA does not also trust every public CA for it, and never trusts everything. Host names are
 * still checked by the client ({@code java.net.http.HttpClient} does by default).
 */
public final class TrustedCa {

  private TrustedCa() {}

  /** A TLS context whose only trust anchors are the certificates in {@code caPem}. */
  public static SSLContext sslContext(Path caPem) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager(caPem)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make a TLS context trusting " + caPem, e);
    }
  }

  /** A trust manager whose only trust anchors are the certificates in {@code caPem}. */
  public static X509TrustManager trustManager(Path caPem) {
    try {
      List<X509Certificate> certificates = LocalCa.readCertificates(caPem);
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("ca-" + i, certificates.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("This JVM has no X.509 trust manager");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CA certificates in " + caPem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot trust the CA certificates in " + caPem, e);
    }
  }
}
