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
    return replacingIn(shippedText(), from, to);
  }

  /** {@code text} with one piece of text replaced, which must be present. */
  public static String replacingIn(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("fixture text to replace: %s", from).isNotNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  /**
   * The shipped policy as it was before disclosure control: no level-1 {@code disclosure-control}
   * section, counts suppressed below 5 but neither rounded nor hiding zeros (unlocated events shown
   * as 0 when hidden). The validator refuses it for the missing section alone; the tests of the
   * count rules, which hold whatever the section says, start from it.
   */
  public static String suppressionOnlyText() {
    String text = shippedText();
    int section = text.indexOf("    # Beyond the floor,");
    int end = text.indexOf("  2:\n", section);
    assertThat(section).as("the shipped disclosure-control section").isNotNegative();
    text = text.substring(0, section) + text.substring(end);
    for (String[] rationale : UNROUNDED_RATIONALES) {
      text = replacingIn(text, rationale[0], rationale[1]);
    }
    return text.replace(
            "{count: {suppress-below: 5, round-to: 5, suppress-zero: true, suppressed-as: 0}}",
            "{count: {suppress-below: 5, suppressed-as: 0}}")
        .replace(
            "{count: {suppress-below: 5, round-to: 5, suppress-zero: true}}",
            "{count: {suppress-below: 5}}");
  }

  /** The rationales of the three level-1 counts, as shipped and as they read before rounding. */
  private static final String[][] UNROUNDED_RATIONALES = {
    {
      "        rationale: >-\n"
          + "          The number of serious violence events (in a cell of the whole VRU area,"
          + " those with no known\n"
          + "          location, as disclosure control's vru-area-count says). 0 to 4 are hidden"
          + " and shown counts\n"
          + "          are rounded to the nearest 5 (as HES publishes), so no event can be tied to"
          + " a person by\n"
          + "          subtracting published counts from each other or one revision from the"
          + " next.\n",
      "        rationale: The number of serious violence events; 1 to 4 are hidden so no event can"
          + " be tied to a person.\n"
    },
    {
      "          readers know how much of the total cannot be mapped. Rounded to the nearest 5;"
          + " shown as 0 when\n"
          + "          below 5, and also when the cell's located events are below 5 (so the mapped"
          + " part cannot be\n"
          + "          found by subtraction) - 0 means \"none, or too few to show\".\n",
      "          readers know how much of the total cannot be mapped; small numbers shown as 0.\n"
    },
    {
      "        rationale: >-\n"
          + "          How many people share the cell; 0 to 4 are hidden and shown numbers are"
          + " rounded to the nearest\n"
          + "          5, so a person cannot be found by differencing cells or revisions.\n",
      "        rationale: How many people share the cell; 1 to 4 are hidden.\n"
    },
  };

  /** {@link #suppressionOnlyText()} with one piece of text replaced, which must be present. */
  public static String replacingUnrounded(String from, String to) {
    return replacingIn(suppressionOnlyText(), from, to);
  }

  /**
   * {@link #suppressionOnlyText()} with a level-1 {@code disclosure-control} section (rounding base
   * 5, zeros hidden, protection width 2, revisions only when a rounded count changes, the VRU
   * area's cells counting only unlocated events) and its three level-1 counts rounded to 5 and
   * hiding zeros, as the section requires; it passes. The shipped policy has the same rules.
   */
  public static String withDisclosureControl() {
    String count = "        source: cell.events\n        treatment: ";
    String unlocated = "        source: cell.unlocated\n        treatment: ";
    String persons = "        source: cell.persons\n        treatment: ";
    String rounded = "{count: {suppress-below: 5, round-to: 5, suppress-zero: true";
    return replacingUnrounded(
            "    suppression-floor: 5\n",
            "    suppression-floor: 5\n"
                + "    disclosure-control:\n"
                + "      rounding-base: 5\n"
                + "      suppress-zero: true\n"
                + "      protection-width: 2\n"
                + "      revisions: on-rounded-change\n"
                + "      vru-area-count: unlocated-only\n")
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

  /** A policy text that must pass, parsed and validated as the hub loads its file. */
  public static Policy parse(String text) {
    return parse(text, TopicCatalogue.load());
  }

  private static Policy parse(String text, TopicCatalogue catalogue) {
    return Policy.parse(text.getBytes(StandardCharsets.UTF_8), "fixture.yaml", catalogue);
  }

  public static List<Violation> violations(String text, TopicCatalogue catalogue) {
    try {
      parse(text, catalogue);
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
    return enforcer(shipped());
  }

  /** The enforcer of a policy, over the sample areas, with the analyst's secret. */
  public static PolicyEnforcer enforcer(Policy policy) {
    return PolicyEnforcer.create(
        policy,
        TopicCatalogue.load(),
        areas(),
        RecipientSecrets.of(Map.of("vru-analyst", ANALYST_SECRET)));
  }
}
