package uk.vruhub.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import uk.vruhub.policy.model.DisclosureControl;
import uk.vruhub.policy.model.LevelRules;
import uk.vruhub.policy.model.PolicyDocument;
import uk.vruhub.policy.model.PolicyParser;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.policy.model.TopicRules;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.policy.validate.PolicyValidator;
import uk.vruhub.policy.validate.Violation;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * A policy file that has been read and passed every check against the schemas, the topic spec and
 * the rules of its levels. The only way to get one is through {@link #load}, so holding a {@code
 * Policy} means the hub may enforce it.
 */
public final class Policy {

  private final PolicyDocument document;

  private Policy(PolicyDocument document) {
    this.document = document;
  }

  /** Reads and checks a policy file against the shipped topic spec. */
  public static Policy load(Path file) {
    return load(file, TopicCatalogue.load());
  }

  /** Reads and checks a policy file; throws {@link PolicyException} listing every violation. */
  public static Policy load(Path file, TopicCatalogue catalogue) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read policy file " + file, e);
    }
    return parse(bytes, file.toString(), catalogue);
  }

  /** Reads and checks policy text; {@code source} names it in messages. */
  public static Policy parse(byte[] bytes, String source, TopicCatalogue catalogue) {
    PolicyDocument document = PolicyParser.parse(bytes, source);
    List<Violation> violations = PolicyValidator.validate(document, catalogue);
    if (!violations.isEmpty()) {
      throw new PolicyException(source, violations);
    }
    return new Policy(document);
  }

  public PolicyDocument document() {
    return document;
  }

  public PolicyIdentity identity() {
    return document.identity();
  }

  /**
   * Level 1's {@code disclosure-control} section, or null when the policy has none (only the
   * suppression floor then binds level-1 counts).
   */
  public DisclosureControl disclosureControl() {
    LevelRules one = document.levels().get(1);
    return one == null ? null : one.disclosureControl();
  }

  /** The rules of a governed output topic. */
  public TopicRules topic(String topicId) {
    TopicRules rules = document.topics().get(topicId);
    if (rules == null) {
      throw new NoSuchElementException("The policy does not cover topic '" + topicId + "'");
    }
    return rules;
  }

  /** How long a topic keeps data. */
  public Duration retention(String topicId) {
    Duration retention = document.retention().get(topicId);
    if (retention == null) {
      throw new NoSuchElementException("The policy sets no retention for topic '" + topicId + "'");
    }
    return retention;
  }

  public List<Recipient> recipients() {
    return document.recipients();
  }
}
