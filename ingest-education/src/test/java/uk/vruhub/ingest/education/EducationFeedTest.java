package uk.vruhub.ingest.education;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.SchoolEventType;
import uk.vruhub.avro.common.MatchKeyScheme;
import uk.vruhub.ingest.core.feed.FeedState;
import uk.vruhub.ingest.core.it.Disclosure;
import uk.vruhub.ingest.core.it.FeedHarness;
import uk.vruhub.ingest.core.validate.Reject;
import uk.vruhub.ingest.core.validate.RowValidator;

class EducationFeedTest {

  @TempDir Path spool;

  private FeedHarness.Result process() throws Exception {
    return FeedHarness.process(
        new EducationFeed(),
        FeedHarness.resource(EducationFeedTest.class, "/education-sample.csv"),
        spool);
  }

  @Test
  void aSchoolEventKeepsWhatHappenedAndWhenButNotWho() throws Exception {
    FeedHarness.Result result = process();
    List<SchoolEvent> events = result.events();

    assertThat(result.status().state()).isEqualTo(FeedState.PUBLISHED);
    SchoolEvent suspension = events.get(0);
    assertThat(suspension.getEventType()).isEqualTo(SchoolEventType.SUSPENSION);
    assertThat(suspension.getStartDate()).isEqualTo(LocalDate.of(2026, 2, 2));
    assertThat(suspension.getReasonCode()).isEqualTo("PA");
    assertThat(suspension.getSessionsMissed()).isEqualTo(6);
    assertThat(suspension.getAgeAtEvent()).isEqualTo(17);
    assertThat(suspension.getHomeArea().getLsoa()).isEqualTo("E01900003");
    assertThat(suspension.getMatchKeys())
        .extracting(k -> k.getScheme())
        .contains(MatchKeyScheme.UPN, MatchKeyScheme.FULLNAME_DOB_SEX);
    assertThat(events.get(1).getReasonCode()).isNull();
    assertThat(events.get(2).getEventType()).isEqualTo(SchoolEventType.PERMANENT_EXCLUSION);
    assertThat(events.get(4)).isNull();
  }

  @Test
  void noUpnNameDateOfBirthOrPostcodeAppearsInAnyPublishedByte() throws Exception {
    FeedHarness.Result result = process();
    Disclosure.assertNoneIn(
        result.published(),
        List.of(result.status().toString()),
        List.of(
            "R999123424001",
            "F999123424002",
            "V999123424003",
            "Okonkwo",
            "Nowak",
            "Achterberg",
            "Ellie-Mae",
            "Bright",
            "2008-11-02",
            "2011-06-30",
            "2012-12-12",
            "XA2 1TH",
            "XA1 2HP"));
  }

  @Test
  void educationRulesCatchWhatTheColumnTableCannot() {
    RowValidator validator =
        new RowValidator(
            new EducationFeed().contract(), FeedHarness.CLOCK, new EducationFeed().rules());
    Map<String, String> suspensionWithoutReason =
        Map.of(
            "school_urn",
            "999101",
            "upn",
            "R999123424001",
            "surname",
            "A",
            "forenames",
            "B",
            "date_of_birth",
            "2010-01-01",
            "sex",
            "M",
            "event_type",
            "SUSPENSION",
            "start_date",
            "2026-03-02");
    Map<String, String> adult =
        Map.of(
            "school_urn",
            "999101",
            "upn",
            "R999123424001",
            "surname",
            "A",
            "forenames",
            "B",
            "date_of_birth",
            "1990-01-01",
            "sex",
            "M",
            "event_type",
            "PERSISTENT_ABSENCE",
            "start_date",
            "2026-01-05");

    assertThat(validator.validate(2, suspensionWithoutReason).rejects())
        .extracting(Reject::toString)
        .containsExactly(
            "row 2, column reason_code: MISSING_REQUIRED - a DfE reason code is required for"
                + " suspensions and permanent exclusions");
    assertThat(validator.validate(3, adult).rejects())
        .extracting(Reject::reason)
        .containsExactly("AGE_OUT_OF_RANGE");
  }
}
