package uk.vruhub.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which policy a record was produced under: the agreement's id and version from the policy file,
 * and the SHA-256 of the file's bytes, so an auditor can tell exactly which text was in force.
 *
 * @param id the agreement id ({@code agreement.id} in the file)
 * @param version the agreement version ({@code agreement.version})
 * @param sha256 hex SHA-256 of the policy file
 */
public record PolicyIdentity(String id, String version, String sha256) {

  /** Kafka header carrying the policy id on every output record. */
  public static final String HEADER_ID = "vru-policy-id";

  /** Kafka header carrying the policy version. */
  public static final String HEADER_VERSION = "vru-policy-version";

  /** Kafka header carrying the policy file's SHA-256. */
  public static final String HEADER_SHA256 = "vru-policy-sha256";

  /** Reads the identity of a policy file without validating the rest of it. */
  public static PolicyIdentity read(Path policyFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(policyFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read policy file " + policyFile, e);
    }
    return of(bytes, policyFile.toString());
  }

  /** The identity of policy text; {@code source} names it in errors. */
  public static PolicyIdentity of(byte[] policyBytes, String source) {
    JsonNode agreement;
    try {
      agreement = new ObjectMapper(new YAMLFactory()).readTree(policyBytes).path("agreement");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Policy file " + source + " is not valid YAML: " + e.getMessage(), e);
    }
    String id = agreement.path("id").asText("");
    String version = agreement.path("version").asText("");
    if (id.isBlank() || version.isBlank()) {
      throw new IllegalArgumentException(
          "Policy file "
              + source
              + " has no agreement.id or agreement.version; every policy names the agreement it"
              + " enforces");
    }
    try {
      return new PolicyIdentity(
          id,
          version,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(policyBytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
