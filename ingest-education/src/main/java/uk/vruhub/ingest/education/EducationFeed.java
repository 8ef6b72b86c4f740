package uk.vruhub.ingest.education;

import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.SchoolEventType;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.feed.FeedContext;
import uk.vruhub.ingest.core.identity.Ages;
import uk.vruhub.ingest.core.identity.Identity;
import uk.vruhub.ingest.core.validate.Reject;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.core.validate.ValidRow;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * The education feed: a suspension, permanent exclusion or term of persistent absence becomes a
 * {@link SchoolEvent} with the pupil's age and areas, and match keys in place of UPN, names and
 * date of birth.
 */
public final class EducationFeed implements AgencyFeed<SchoolEvent> {

  static final String CONTRACT = "/uk/vruhub/ingest/education/education-school-events-v1.yaml";

  private final FeedContract contract = FeedContract.load(CONTRACT);

  @Override
  public Agency agency() {
    return Agency.EDUCATION;
  }

  @Override
  public FeedContract contract() {
    return contract;
  }

  @Override
  public String eventsTopicId() {
    return Ids.EDUCATION_SCHOOL_EVENTS;
  }

  @Override
  public String receiptsTopicId() {
    return Ids.EDUCATION_FEED_RECEIPTS;
  }

  @Override
  public List<RowValidator.RowRule> rules() {
    return List.of(EducationFeed::reasonForExclusions, EducationFeed::schoolAge);
  }

  private static void reasonForExclusions(ValidRow row, List<Reject> rejects) {
    boolean absence = "PERSISTENT_ABSENCE".equals(row.text("event_type"));
    if (!absence && !row.has("reason_code")) {
      rejects.add(
          new Reject(
              row.row(),
              "reason_code",
              "MISSING_REQUIRED",
              "a DfE reason code is required for suspensions and permanent exclusions"));
    }
    if (absence && row.has("reason_code")) {
      rejects.add(
          new Reject(
              row.row(),
              "reason_code",
              "NOT_APPLICABLE",
              "persistent absence takes no exclusion reason code"));
    }
  }

  private static void schoolAge(ValidRow row, List<Reject> rejects) {
    Integer age = Ages.ageOn(row.date("date_of_birth"), row.date("start_date"));
    if (age == null || age < 3 || age > 19) {
      rejects.add(
          new Reject(
              row.row(),
              "date_of_birth",
              "AGE_OUT_OF_RANGE",
              "the pupil must be aged 3 to 19 on the start date"));
    }
  }

  @Override
  public String recordKey(ValidRow row, FeedContext context) {
    return context
        .pseudonymiser()
        .recordPseudonym(
            "EDUCATION",
            row.text("school_urn"),
            row.text("upn"),
            row.text("event_type"),
            row.date("start_date").toString());
  }

  @Override
  public SchoolEvent toEvent(ValidRow row, String recordKey, FeedContext context) {
    Identity identity =
        new Identity(
            row.text("surname"),
            row.text("forenames"),
            row.date("date_of_birth"),
            row.text("sex"),
            row.text("home_postcode"),
            null,
            row.text("upn"),
            null,
            null);
    LocalDate start = row.date("start_date");
    return SchoolEvent.newBuilder()
        .setRecordPseudonym(recordKey)
        .setMatchKeys(context.matchKeys(identity))
        .setSimilarity(context.similarity(identity))
        .setLinkageKeyId(context.linkageKeyId())
        .setSchoolUrn(row.text("school_urn"))
        .setEventType(SchoolEventType.valueOf(row.text("event_type")))
        .setStartDate(start)
        .setReasonCode(row.text("reason_code"))
        .setSessionsMissed(row.integer("sessions_missed"))
        .setAgeAtEvent(Ages.ageOn(identity.dateOfBirth(), start))
        .setSex(FeedContext.sex(row.text("sex")))
        .setHomeArea(context.areaOfPostcode(row.text("home_postcode")))
        .setFeedId(context.feedId())
        .setExtractDate(context.extractDate())
        .build();
  }
}
