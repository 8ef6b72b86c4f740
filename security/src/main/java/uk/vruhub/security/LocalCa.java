package uk.vruhub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of one installation, kept in a folder: it signs the server certificates
 * of the hub's brokers and HTTP services, and users trust its certificate ({@code ca.crt}) and
 * nothing else of the hub's ({@code curl --cacert ca.crt}, a client's {@code ssl.truststore}).
 *
 * <p>Keys are EC P-256; certificates are PEM files. The CA is made on first use and kept (ten
 * years); a server certificate is (re)issued when missing, when it no longer names every host it
 * must, when it was not signed by this CA, or when it has less than {@link #RENEW_BEFORE} left, so
 * a restart after a year simply renews it. Private keys are PKCS#8 PEM files readable by their
 * owner only. Files in the folder:
 *
 * <ul>
 *   <li>{@code ca.crt}, {@code ca.key}: the CA's certificate and key
 *   <li>{@code <name>.crt}: the server's certificate followed by the CA's (the chain a TLS server
 *       sends); {@code <name>.key}: its key; {@code <name>.pem}: key and chain in one file, as
 *       Kafka's {@code ssl.keystore.type=PEM} reads from {@code ssl.keystore.location}
 * </ul>
 */
public final class LocalCa {

  /** How long a server certificate is valid: browsers' limit for publicly trusted ones. */
  public static final Duration SERVER_VALIDITY = Duration.ofDays(397);

  /** A server certificate with less time left than this is issued again. */
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A server certificate's files.
   *
   * @param chain PEM: the server's certificate, then the CA's
   * @param key PEM: its PKCS#8 private key (owner-only)
   * @param keyAndChain PEM: key and chain in one file (owner-only), for Kafka
   */
  public record ServerFiles(Path chain, Path key, Path keyAndChain) {}

  private final Path dir;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;

  private LocalCa(Path dir, X509Certificate certificate, PrivateKey key, Clock clock) {
    this.dir = dir;
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
  }

  /**
   * The CA in {@code dir}, made there if the folder has none.
   *
   * @param organisation who the CA belongs to, in its name, e.g. {@code VRU hub (local)}
   */
  public static LocalCa loadOrCreate(Path dir, String organisation) {
    return loadOrCreate(dir, organisation, Clock.systemUTC());
  }

  static LocalCa loadOrCreate(Path dir, String organisation, Clock clock) {
    Path crt = dir.resolve("ca.crt");
    Path keyFile = dir.resolve("ca.key");
    try {
      if (Files.exists(crt) && Files.exists(keyFile)) {
        return new LocalCa(dir, readCertificates(crt).get(0), readKey(keyFile), clock);
      }
      KeyPair pair = newKeyPair();
      Instant now = clock.instant();
      X500Name name = new X500Name("CN=" + escape(organisation) + " CA,O=" + escape(organisation));
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CA_VALIDITY)),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate ca = sign(builder, pair.getPrivate());
      SecretFiles.writeOwnerOnly(keyFile, pem(pair.getPrivate()), true);
      SecretFiles.createOwnerOnlyDirectories(dir);
      Files.writeString(crt, pem(ca), StandardCharsets.US_ASCII);
      return new LocalCa(dir, ca, pair.getPrivate(), clock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make or read the local CA in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make or read the local CA in " + dir, e);
    }
  }

  /** The CA's certificate file: what clients trust. */
  public Path certificateFile() {
    return dir.resolve("ca.crt");
  }

  /** The CA's certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * The server certificate {@code name} for these host names and IP addresses, issued now if it is
   * missing, stale or does not name them all. The first host name is the certificate's subject.
   */
  public ServerFiles serverCertificate(String name, Collection<String> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("A server certificate must name at least one host");
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException(
          "Certificate file name '" + name + "' is not a plain name");
    }
    ServerFiles files =
        new ServerFiles(
            dir.resolve(name + ".crt"), dir.resolve(name + ".key"), dir.resolve(name + ".pem"));
    Set<String> wanted = new LinkedHashSet<>(hosts);
    try {
      if (current(files, wanted)) {
        return files;
      }
      KeyPair pair = newKeyPair();
      Instant now = clock.instant();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(SERVER_VALIDITY)),
              new X500Name("CN=" + escape(wanted.iterator().next())),
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      builder.addExtension(Extension.subjectAlternativeName, false, altNames(wanted));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      X509Certificate server = sign(builder, key);
      String chain = pem(server) + pem(certificate);
      String keyPem = pem(pair.getPrivate());
      SecretFiles.writeOwnerOnly(files.key(), keyPem, true);
      SecretFiles.writeOwnerOnly(files.keyAndChain(), keyPem + chain, true);
      Files.writeString(files.chain(), chain, StandardCharsets.US_ASCII);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot issue the server certificate " + files.chain(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot issue the server certificate " + files.chain(), e);
    }
  }

  /** The host names and addresses a certificate names (its subject alternative names). */
  public static Set<String> hostsOf(X509Certificate certificate) {
    Set<String> out = new TreeSet<>();
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> n : names) {
          out.add(n.get(1).toString());
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalStateException("Unreadable subject alternative names", e);
    }
    return out;
  }

  /** The certificates in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path pem) throws IOException {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IOException("No certificate in " + pem);
      }
      return out;
    } catch (java.security.cert.CertificateException e) {
      throw new IOException("Unreadable certificate in " + pem + ": " + e.getMessage(), e);
    }
  }

  private boolean current(ServerFiles files, Set<String> wanted) throws IOException {
    if (!Files.exists(files.chain())
        || !Files.exists(files.key())
        || !Files.exists(files.keyAndChain())) {
      return false;
    }
    X509Certificate existing;
    try {
      existing = readCertificates(files.chain()).get(0);
    } catch (IOException e) {
      return false;
    }
    try {
      existing.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      return false;
    }
    Instant left = existing.getNotAfter().toInstant().minus(RENEW_BEFORE);
    Set<String> normalised = new TreeSet<>();
    for (String host : wanted) {
      normalised.add(normaliseHost(host));
    }
    return clock.instant().isBefore(left) && hostsOf(existing).equals(normalised);
  }

  private static GeneralNames altNames(Set<String> hosts) {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      names.add(
          isIpAddress(host)
              ? new GeneralName(GeneralName.iPAddress, host)
              : new GeneralName(GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static String normaliseHost(String host) {
    if (!isIpAddress(host)) {
      return host;
    }
    try {
      // Certificates give IP addresses in their full form (0:0:0:0:0:0:0:1 for ::1).
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      return host;
    }
  }

  private static boolean isIpAddress(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer);
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("Cannot sign with " + SIGNATURE, e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (object instanceof PrivateKey k) {
        // PKCS#8 ("BEGIN PRIVATE KEY"), which Kafka's PEM key store and Spring Boot both read.
        writer.writeObject(
            new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", k.getEncoded()));
      } else {
        writer.writeObject(object);
      }
    }
    return out.toString();
  }

  private static PrivateKey readKey(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      if (object instanceof PrivateKeyInfo info) {
        return new JcaPEMKeyConverter().getPrivateKey(info);
      }
      throw new IOException("No PKCS#8 private key in " + file);
    }
  }

  private static String escape(String rdnValue) {
    return rdnValue.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
  }
}
