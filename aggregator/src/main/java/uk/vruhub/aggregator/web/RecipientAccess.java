package uk.vruhub.aggregator.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.vruhub.aggregator.config.AggregatorProperties;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.model.Recipient;

/**
 * Who may read which table over HTTP, as the policy says it over Kafka: a request's bearer token
 * names one recipient of the policy (only the tokens' SHA-256 hashes are configured, one per
 * recipient id), and that recipient is served a topic only if the policy lists it among the
 * recipient's topics and the topic's level is within the recipient's {@code max-level}. No token or
 * an unknown one is a 401; a table the recipient is not granted, a 403 that says what it is
 * granted. Tokens are compared in constant time, against every configured hash.
 */
public final class RecipientAccess {

  private static final Logger log = LoggerFactory.getLogger(RecipientAccess.class);

  /** The key that level 2 was once opened with; refused now, so an upgrade does not go unseen. */
  static final String REPLACED_KEY = "hub.aggregator.analyst-token-sha256";

  private record Holder(Recipient recipient, byte[] hash) {}

  private final Policy policy;
  private final List<Holder> holders;

  private RecipientAccess(Policy policy, List<Holder> holders) {
    this.policy = policy;
    this.holders = List.copyOf(holders);
  }

  /**
   * The recipients' tokens as configured; refuses a recipient the policy does not name, a value
   * that is not a SHA-256 hash and two recipients with the same token.
   */
  public static RecipientAccess configure(
      Policy policy, AggregatorProperties.Http http, boolean replacedKeySet) {
    if (replacedKeySet) {
      throw new IllegalStateException(
          REPLACED_KEY
              + " is no longer read: every recipient now has a token of its own. Set"
              + " hub.aggregator.http.recipient-tokens.vru-analyst to the same hash (or put it in"
              + " the file vru-analyst of hub.aggregator.http.recipient-tokens-dir) and remove "
              + REPLACED_KEY);
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    if (http.recipientTokensDir() != null && !http.recipientTokensDir().isBlank()) {
      hashes.putAll(readDir(Path.of(http.recipientTokensDir().strip())));
    }
    if (http.recipientTokens() != null) {
      hashes.putAll(http.recipientTokens());
    }
    Map<String, Recipient> byId = new LinkedHashMap<>();
    policy.recipients().forEach(r -> byId.put(r.id(), r));
    List<Holder> holders = new ArrayList<>();
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      Recipient recipient = byId.get(e.getKey());
      if (recipient == null) {
        throw new IllegalStateException(
            "hub.aggregator.http.recipient-tokens names '"
                + e.getKey()
                + "', which is not a recipient of the policy "
                + policy.identity().id()
                + " (its recipients: "
                + String.join(", ", byId.keySet())
                + ")");
      }
      String hex = e.getValue() == null ? "" : e.getValue().strip();
      if (!hex.matches("(?i)[0-9a-f]{64}")) {
        throw new IllegalStateException(
            "The token of recipient "
                + e.getKey()
                + " must be the hex SHA-256 of its bearer token, e.g. `printf %s \"$TOKEN\" |"
                + " sha256sum` (the value is not shown)");
      }
      byte[] hash = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
      for (Holder other : holders) {
        if (MessageDigest.isEqual(other.hash(), hash)) {
          throw new IllegalStateException(
              "Recipients "
                  + other.recipient().id()
                  + " and "
                  + e.getKey()
                  + " have the same token: each needs its own, or one could read as the other");
        }
      }
      holders.add(new Holder(recipient, hash));
    }
    if (holders.isEmpty()) {
      log.warn(
          "No recipient has a token (hub.aggregator.http.recipient-tokens): the analyst API"
              + " serves no table to anyone.");
    } else {
      log.info(
          "Analyst API recipients with a token: {}",
          holders.stream().map(h -> h.recipient().id()).toList());
    }
    return new RecipientAccess(policy, holders);
  }

  private static Map<String, String> readDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "hub.aggregator.http.recipient-tokens-dir " + dir.toAbsolutePath() + " is not a folder");
    }
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && !name.startsWith(".")) {
          out.put(name, Files.readString(file, StandardCharsets.UTF_8).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read hub.aggregator.http.recipient-tokens-dir", e);
    }
    return out;
  }

  /**
   * The recipient the request's token names, if the policy grants it the topic; otherwise the
   * refusal. Checked before anything else of the request is read.
   */
  public Recipient require(String authorization, String topicId) {
    Recipient recipient = identify(authorization);
    int level = policy.topic(topicId).level();
    if (!recipient.topics().contains(topicId)) {
      throw ApiProblem.forbidden(
          "The policy "
              + policy.identity().id()
              + " does not grant recipient "
              + recipient.id()
              + " the topic "
              + topicId
              + "; it is granted: "
              + String.join(", ", recipient.topics())
              + ".");
    }
    if (level > recipient.maxLevel()) {
      throw ApiProblem.forbidden(
          "The topic "
              + topicId
              + " is level "
              + level
              + " and recipient "
              + recipient.id()
              + " may receive up to level "
              + recipient.maxLevel()
              + ".");
    }
    return recipient;
  }

  /**
   * The recipient the request's token names, whatever it is granted; a 401 problem without a token
   * or with one no recipient holds.
   */
  public Recipient identify(String authorization) {
    Recipient recipient = recipientOf(authorization);
    if (recipient == null) {
      throw ApiProblem.unauthorized(
          "A recipient's bearer token is required (Authorization: Bearer <token>).");
    }
    return recipient;
  }

  /** The policy the tokens' recipients come from. */
  public Policy policy() {
    return policy;
  }

  private Recipient recipientOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    byte[] given = sha256(authorization.substring(7).strip());
    Recipient found = null;
    for (Holder holder : holders) {
      // Every hash is compared, so the time taken does not say which recipient matched.
      if (MessageDigest.isEqual(holder.hash(), given)) {
        found = holder.recipient();
      }
    }
    return found;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
