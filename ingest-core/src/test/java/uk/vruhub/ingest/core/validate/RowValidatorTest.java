package uk.vruhub.ingest.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.contract.FeedContract;

class RowValidatorTest {

  static final FeedContract CONTRACT = FeedContract.load("/test-contract.yaml");
  private final RowValidator validator =
      new RowValidator(
          CONTRACT, Clock.fixed(Instant.parse("2026-04-01T10:00:00Z"), ZoneOffset.UTC), List.of());

  private static Map<String, String> row(String... pairs) {
    Map<String, String> out = new HashMap<>();
    out.put("reference", "R1");
    out.put("sex", "M");
    for (int i = 0; i < pairs.length; i += 2) {
      out.put(pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private Reject only(Map<String, String> raw) {
    RowValidator.Outcome outcome = validator.validate(7, raw);
    assertThat(outcome.rejects()).hasSize(1);
    return outcome.rejects().get(0);
  }

  @Test
  void aValidRowComesOutTyped() {
    RowValidator.Outcome outcome =
        validator.validate(
            2,
            row(
                "surname",
                "O'Neil-Smith",
                "date_of_birth",
                "05/03/2009",
                "colour",
                "red",
                "markers",
                "a; B",
                "seen_at",
                "2026-03-31 23:30",
                "count",
                "3",
                "flag",
                "y",
                "home_postcode",
                "xa12bc",
                "nhs_number",
                "999 000 0018",
                "upn",
                "n999123426001",
                "pnc_id",
                "2012/123456A"));

    assertThat(outcome.accepted()).isTrue();
    ValidRow row = outcome.row();
    assertThat(row.date("date_of_birth")).isEqualTo(LocalDate.of(2009, 3, 5));
    assertThat(row.text("colour")).isEqualTo("RED");
    assertThat(row.codes("markers")).containsExactly("A", "B");
    assertThat(row.instant("seen_at"))
        .as("UK summer time is UTC+1")
        .isEqualTo(Instant.parse("2026-03-31T22:30:00Z"));
    assertThat(row.integer("count")).isEqualTo(3);
    assertThat(row.flag("flag")).isTrue();
    assertThat(row.text("home_postcode")).isEqualTo("XA1 2BC");
    assertThat(row.text("nhs_number")).isEqualTo("9990000018");
    assertThat(row.text("pnc_id")).isEqualTo("12/0123456A");
    assertThat(row.has("upn")).isTrue();
  }

  @Test
  void eachRuleGivesRowColumnAndReasonButNeverAnIdentifyingValue() {
    assertThat(only(row("reference", "")))
        .isEqualTo(
            new Reject(7, "reference", "MISSING_REQUIRED", "a value is required (reference)"));
    assertThat(only(row("reference", "TOOLONGREFERENCE")).reason()).isEqualTo("TOO_LONG");
    assertThat(only(row("reference", "a b")).reason()).isEqualTo("BAD_FORMAT");
    assertThat(only(row("colour", "BLUE")))
        .isEqualTo(
            new Reject(
                7,
                "colour",
                "NOT_IN_CODE_LIST",
                "a value of 4 characters is not one of [RED, GREEN]"));
    assertThat(only(row("markers", "A;C")).reason()).isEqualTo("NOT_IN_CODE_LIST");
    assertThat(only(row("date_of_birth", "31/02/2009")).reason()).isEqualTo("BAD_DATE");
    assertThat(only(row("date_of_birth", "2026-04-02")).reason()).isEqualTo("DATE_IN_FUTURE");
    assertThat(only(row("seen_at", "yesterday")).reason()).isEqualTo("BAD_DATE_TIME");
    assertThat(only(row("seen_at", "2026-04-01T12:00")).reason()).isEqualTo("DATE_IN_FUTURE");
    assertThat(only(row("count", "three")).reason()).isEqualTo("BAD_NUMBER");
    assertThat(only(row("count", "11")).reason()).isEqualTo("OUT_OF_RANGE");
    assertThat(only(row("flag", "yes")).reason()).isEqualTo("NOT_IN_CODE_LIST");
    assertThat(only(row("home_postcode", "NOT A POSTCODE")).reason()).isEqualTo("BAD_POSTCODE");
    assertThat(only(row("nhs_number", "9990000019")))
        .isEqualTo(
            new Reject(
                7,
                "nhs_number",
                "NHS_NUMBER_CHECK_DIGIT",
                "the last digit is not the Modulus 11 check digit of the first nine"));
    assertThat(only(row("nhs_number", "12345")).reason()).isEqualTo("BAD_FORMAT");
    assertThat(only(row("upn", "A999123426001")).reason()).isEqualTo("UPN_CHECK_LETTER");
    assertThat(only(row("pnc_id", "12-34")).reason()).isEqualTo("BAD_FORMAT");
  }

  @Test
  void identifyingValuesNeverAppearInAnyMessage() {
    String secret = "ZQXW9990000019";
    for (String column :
        List.of("surname", "date_of_birth", "home_postcode", "nhs_number", "upn", "pnc_id")) {
      for (Reject r : validator.validate(3, row(column, secret + "-" + "9990000019")).rejects()) {
        assertThat(r.toString()).doesNotContain(secret).doesNotContain("9990000019");
      }
    }
  }

  @Test
  void allProblemsOfARowAreReportedTogether() {
    assertThat(validator.validate(4, row("colour", "BLUE", "count", "-1", "sex", "")).rejects())
        .extracting(Reject::column)
        .containsExactlyInAnyOrder("colour", "count", "sex");
  }

  @Test
  void agencyRulesRunOnRowsThatPassTheTable() {
    RowValidator withRule =
        new RowValidator(
            CONTRACT,
            Clock.systemUTC(),
            List.of(
                (r, rejects) -> {
                  if (!r.has("surname")) {
                    rejects.add(
                        new Reject(
                            r.row(), "surname", "NEEDED_HERE", "this agency needs a surname"));
                  }
                }));
    assertThat(withRule.validate(9, row()).rejects())
        .extracting(Reject::reason)
        .containsExactly("NEEDED_HERE");
  }
}
