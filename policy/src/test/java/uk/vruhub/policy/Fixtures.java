package uk.vruhub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import uk.vruhub.policy.enforce.PolicyEnforcer;
import uk.vruhub.policy.enforce.RecipientSecrets;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.policy.validate.PolicyException;
import uk.vruhub.policy.validate.Violation;
import uk.vruhub.schemas.topics.TopicCatalogue;

/** The shipped policy, variants of it, and a small synthetic area lookup. */
public final class Fixtures {

  public static final Path SHIPPED = Paths.get("../deploy/policy/vru-hub-isa.yaml");
  public static final Path AREAS = Paths.get("src/test/resources/areas-sample.csv");
  public static final byte[] ANALYST_SECRET =
      "test-only-secret-for-the-vru-analyst-0123456789".getBytes(StandardCharsets.UTF_8);

  private Fixtures() {}

  public static String shippedText() {
    try {
      return Files.readString(SHIPPED, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped policy with one piece of text replaced, which must be present. */
  public static String replacing(String from, String to) {
    String text = shippedText();
    int at = text.indexOf(from);
    assertThat(at).as("fixture text to replace: %s", from).isNotNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  /**
   * The shipped policy with a level-1 {@code disclosure-control} section (rounding base 5, zeros
   * hidden, protection width 2, revisions only when a rounded count changes) and its three level-1
   * counts rounded to 5 and hiding zeros, as the section requires; it passes.
   */
  public static String withDisclosureControl() {
    String count = "        source: cell.events\n        treatment: ";
    String unlocated = "        source: cell.unlocated\n        treatment: ";
    String persons = "        source: cell.persons\n        treatment: ";
    String rounded = "{count: {suppress-below: 5, round-to: 5, suppress-zero: true";
    return replacing(
            "    suppression-floor: 5\n",
            "    suppression-floor: 5\n"
                + "    disclosure-control:\n"
                + "      rounding-base: 5\n"
                + "      suppress-zero: true\n"
                + "      protection-width: 2\n"
                + "      revisions: on-rounded-change\n")
        .replace(count + "{count: {suppress-below: 5}}", count + rounded + "}}")
        .replace(
            unlocated + "{count: {suppress-below: 5, suppressed-as: 0}}",
            unlocated + rounded + ", suppressed-as: 0}}")
        .replace(persons + "{count: {suppress-below: 5}}", persons + rounded + "}}");
  }

  /** The violations of a policy text; fails the test when the text passes. */
  public static List<Violation> violations(String text) {
    return violations(text, TopicCatalogue.load());
  }

  public static List<Violation> violations(String text, TopicCatalogue catalogue) {
    try {
      Policy.parse(text.getBytes(StandardCharsets.UTF_8), "fixture.yaml", catalogue);
    } catch (PolicyException e) {
      return e.violations();
    }
    throw new AssertionError("the policy passed, but a violation was expected");
  }

  public static Policy shipped() {
    return Policy.load(SHIPPED);
  }

  public static AreaHierarchy areas() {
    return AreaHierarchy.load(AREAS);
  }

  public static PolicyEnforcer enforcer() {
    return PolicyEnforcer.create(
        shipped(),
        TopicCatalogue.load(),
        areas(),
        RecipientSecrets.of(Map.of("vru-analyst", ANALYST_SECRET)));
  }
}
