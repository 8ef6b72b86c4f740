package uk.vruhub.ingest.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.vruhub.ingest.core.contract.Column;
import uk.vruhub.ingest.core.contract.FeedContract;

/**
 * Keeps a service README's column table and its machine-readable contract the same: the table
 * between {@code <!-- contract -->} and {@code <!-- /contract -->} is generated from the contract.
 * After changing a contract, regenerate with {@code -Dcontract.readme.update=true} and review.
 */
public final class ContractReadme {

  private static final Pattern SECTION =
      Pattern.compile("(<!-- contract -->\\n)(.*?)(<!-- /contract -->)", Pattern.DOTALL);

  private ContractReadme() {}

  public static void assertInSync(FeedContract contract, Path readme) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Matcher m = SECTION.matcher(text);
    assertThat(m.find()).as("%s has a <!-- contract --> section", readme).isTrue();
    String expected = table(contract);
    if (Boolean.getBoolean("contract.readme.update")) {
      Files.writeString(
          readme,
          text.substring(0, m.start(2)) + expected + text.substring(m.end(2)),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(m.group(2))
        .as(
            "the column table in %s is stale; regenerate it with -Dcontract.readme.update=true",
            readme)
        .isEqualTo(expected);
  }

  static String table(FeedContract contract) {
    StringBuilder out =
        new StringBuilder(
            "| column | required | kind | accepted values | leaves the service |\n"
                + "|---|---|---|---|---|\n");
    for (Column c : contract.orderedColumns()) {
      out.append("| `")
          .append(c.name())
          .append("` | ")
          .append(c.required() ? "yes" : "no")
          .append(" | ")
          .append(c.type().name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .append(" | ");
      out.append(accepted(c))
          .append(" | ")
          .append(c.identifying() ? "never: used inside the service only" : "in the event")
          .append(" |\n");
    }
    return out.toString();
  }

  private static String accepted(Column c) {
    return switch (c.type()) {
      case CODE, CODES ->
          String.join(", ", c.codes())
              + (c.type() == uk.vruhub.ingest.core.contract.ColumnType.CODES
                  ? " (separated by ;)"
                  : "");
      case INTEGER -> c.min() + " to " + c.max();
      default -> c.description().replace("|", "/");
    };
  }
}
