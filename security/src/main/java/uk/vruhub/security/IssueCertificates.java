package uk.vruhub.security;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The local CA from a shell: makes the CA in a folder if it has none, then (re)issues each server
 * certificate named on the command line, as {@link LocalCa} does for the local hub. The Compose
 * stack's {@code init-secrets.sh} runs it from a service image, so a machine with only Docker makes
 * its certificates with the hub's own code.
 *
 * <pre>
 * java -cp application.jar uk.vruhub.security.IssueCertificates DIR ORGANISATION NAME=HOST[,HOST...]...
 * </pre>
 *
 * <p>It prints each certificate's name, hosts and expiry, never a key.
 */
public final class IssueCertificates {

  private IssueCertificates() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 2) {
      err.println(
          "Usage: IssueCertificates DIR ORGANISATION NAME=HOST[,HOST...]...\n"
              + "  makes the CA in DIR (ca.crt, ca.key) if missing, then each server certificate"
              + " NAME.crt, NAME.key, NAME.pem naming those hosts");
      return 2;
    }
    Path dir = Path.of(args[0]);
    LocalCa ca;
    try {
      ca = LocalCa.loadOrCreate(dir, args[1]);
    } catch (RuntimeException e) {
      err.println(e.getMessage());
      return 1;
    }
    out.println(
        "CA: " + ca.certificateFile() + " (" + ca.certificate().getSubjectX500Principal() + ")");
    for (String spec : Arrays.copyOfRange(args, 2, args.length)) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        err.println("Not NAME=HOST[,HOST...]: " + spec);
        return 2;
      }
      String name = spec.substring(0, eq);
      List<String> hosts =
          Arrays.stream(spec.substring(eq + 1).split(","))
              .map(String::strip)
              .filter(h -> !h.isEmpty())
              .toList();
      try {
        LocalCa.ServerFiles files = ca.serverCertificate(name, hosts);
        var certificate = LocalCa.readCertificates(files.chain()).get(0);
        out.println(
            "Certificate "
                + name
                + ": "
                + String.join(", ", LocalCa.hostsOf(certificate))
                + ", valid until "
                + certificate.getNotAfter().toInstant());
      } catch (RuntimeException | java.io.IOException e) {
        err.println("Cannot issue " + name + ": " + e.getMessage());
        return 1;
      }
    }
    return 0;
  }
}
