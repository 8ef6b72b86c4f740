package uk.vruhub.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.EdAssaultAttendance;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.it.Disclosure;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.validate.Reject;
import uk.vruhub.ingest.core.validate.RowValidator;

class HealthFeedTest {

  @TempDir Path spool;

  private FeedHarness.Result process() throws Exception {
    return FeedHarness.process(
        new HealthFeed(), FeedHarness.resource(HealthFeedTest.class, "/health-sample.csv"), spool);
  }

  @Test
  void anAttendanceBecomesTheIstvItemsWithoutTheFreeText() throws Exception {
    FeedHarness.Result result = process();
    List<EdAssaultAttendance> events = result.events();

    assertThat(result.status().state()).isEqualTo(FeedState.PUBLISHED);
    assertThat(events).hasSize(5);
    EdAssaultAttendance first = events.get(0);
    assertThat(first.getSiteCode()).isEqualTo("RXX01");
    assertThat(first.getArrivedAt()).isEqualTo(Instant.parse("2026-03-14T23:30:00Z"));
    assertThat(first.getAssaultAt()).isEqualTo(Instant.parse("2026-03-14T22:40:00Z"));
    assertThat(first.getAssaultMethod()).isEqualTo(AssaultMethod.KNIFE_OR_BLADED);
    assertThat(first.getAssaultLocationType()).isEqualTo(AssaultLocationType.STREET_OR_PUBLIC);
    assertThat(first.getIncidentArea()).as("no incident postcode: location unknown").isNull();
    assertThat(first.getAgeAtEvent()).isEqualTo(17);
    assertThat(first.getSex()).isEqualTo(Sex.MALE);
    assertThat(first.getMatchKeys())
        .extracting(k -> k.getScheme())
        .contains(MatchKeyScheme.NHS_NUMBER, MatchKeyScheme.FULLNAME_DOB_SEX);
    assertThat(events.get(1).getIncidentArea().getLsoa()).isEqualTo("E01900001");
    assertThat(events.get(2).getAssaultMethod()).isEqualTo(AssaultMethod.GLASS_OR_BOTTLE);
    assertThat(events.get(3).getMatchKeys()).as("an unidentified patient has no keys").isEmpty();
    assertThat(events.get(3).getSex()).isEqualTo(Sex.UNKNOWN);
    assertThat(events.get(4)).as("withdrawn").isNull();
  }

  @Test
  void noNhsNumberNameDateOfBirthPostcodeOrFreeTextAppearsInAnyPublishedByte() throws Exception {
    FeedHarness.Result result = process();
    Disclosure.assertNoneIn(
        result.published(),
        List.of(result.status().toString()),
        List.of(
            "9990001103",
            "999 000 1103",
            "9990001111",
            "9990001138",
            "Okonkwo",
            "Daniel",
            "Whitfield",
            "Nowak",
            "Zofia",
            "2008-11-02",
            "1990-05-30",
            "2010-01-17",
            "XA2 1TH",
            "XA1 5JE",
            "XA2 5BN",
            "XA1 2BG",
            "chip shop",
            "Harbour Street",
            "4th floor",
            "ED26-0001"));
  }

  @Test
  void healthRulesCatchWhatTheColumnTableCannot() {
    RowValidator validator =
        new RowValidator(new HealthFeed().contract(), FeedHarness.CLOCK, new HealthFeed().rules());
    Map<String, String> row =
        Map.of(
            "site_code",
            "RXX01",
            "attendance_reference",
            "A1",
            "arrival_datetime",
            "2026-03-10 10:00",
            "assault_datetime",
            "2026-03-10 11:00",
            "assault_method",
            "KNIFE",
            "assault_location_type",
            "HOME",
            "sex",
            "2",
            "reporting_period_start",
            "2026-03-31",
            "reporting_period_end",
            "2026-03-01");

    assertThat(validator.validate(3, row).rejects())
        .extracting(Reject::toString)
        .containsExactly(
            "row 3, column assault_datetime: DATE_ORDER - the assault is after the arrival",
            "row 3, column reporting_period_end: DATE_ORDER - the reporting period ends before it"
                + " starts");
    assertThat(
            validator
                .validate(
                    4,
                    Map.of(
                        "site_code",
                        "RXX01",
                        "attendance_reference",
                        "A1",
                        "arrival_datetime",
                        "2026-03-10 10:00",
                        "assault_method",
                        "KNIFE",
                        "assault_location_type",
                        "HOME",
                        "sex",
                        "2",
                        "nhs_number",
                        "9990001104"))
                .rejects())
        .extracting(Reject::reason)
        .containsExactly("NHS_NUMBER_CHECK_DIGIT");
  }
}
