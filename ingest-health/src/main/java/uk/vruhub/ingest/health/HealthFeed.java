package uk.vruhub.ingest.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.agency.AssaultLocationType;
import uk.vruhub.avro.agency.AssaultMethod;
import uk.vruhub.avro.agency.EdAssaultAttendance;
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
 * The emergency department feed: one attendance after an assault becomes an {@link
 * EdAssaultAttendance} with the ISTV items, the patient's age and areas, and match keys in place of
 * NHS number, names and date of birth. The free-text location description is dropped here.
 */
public final class HealthFeed implements AgencyFeed<EdAssaultAttendance> {

  static final String CONTRACT = "/uk/vruhub/ingest/health/health-ed-istv-v1.yaml";

  private final FeedContract contract = FeedContract.load(CONTRACT);

  @Override
  public Agency agency() {
    return Agency.HEALTH;
  }

  @Override
  public FeedContract contract() {
    return contract;
  }

  @Override
  public String eventsTopicId() {
    return Ids.HEALTH_ED_ASSAULT_ATTENDANCES;
  }

  @Override
  public String receiptsTopicId() {
    return Ids.HEALTH_FEED_RECEIPTS;
  }

  @Override
  public List<RowValidator.RowRule> rules() {
    return List.of(HealthFeed::datesInOrder);
  }

  private static void datesInOrder(ValidRow row, List<Reject> rejects) {
    Instant arrival = row.instant("arrival_datetime");
    if (row.has("assault_datetime") && row.instant("assault_datetime").isAfter(arrival)) {
      rejects.add(
          new Reject(
              row.row(), "assault_datetime", "DATE_ORDER", "the assault is after the arrival"));
    }
    LocalDate dob = row.date("date_of_birth");
    LocalDate day = LocalDate.ofInstant(arrival, RowValidator.UK);
    if (dob != null && dob.isAfter(day)) {
      rejects.add(
          new Reject(
              row.row(),
              "date_of_birth",
              "DOB_NOT_BEFORE_EVENT",
              "the date of birth is after the arrival"));
    } else if (dob != null && dob.isBefore(day.minusYears(110))) {
      rejects.add(
          new Reject(
              row.row(),
              "date_of_birth",
              "AGE_OUT_OF_RANGE",
              "the date of birth makes the patient older than 110"));
    }
    if (row.has("reporting_period_start")
        && row.has("reporting_period_end")
        && row.date("reporting_period_end").isBefore(row.date("reporting_period_start"))) {
      rejects.add(
          new Reject(
              row.row(),
              "reporting_period_end",
              "DATE_ORDER",
              "the reporting period ends before it starts"));
    }
  }

  @Override
  public String recordKey(ValidRow row, FeedContext context) {
    return context
        .pseudonymiser()
        .recordPseudonym("HEALTH", row.text("site_code"), row.text("attendance_reference"));
  }

  @Override
  public EdAssaultAttendance toEvent(ValidRow row, String recordKey, FeedContext context) {
    Identity identity =
        new Identity(
            row.text("surname"),
            row.text("forenames"),
            row.date("date_of_birth"),
            FeedContext.sexForMatching(row.text("sex")),
            row.text("home_postcode"),
            row.text("nhs_number"),
            null,
            null,
            null);
    Instant arrival = row.instant("arrival_datetime");
    return EdAssaultAttendance.newBuilder()
        .setRecordPseudonym(recordKey)
        .setMatchKeys(context.matchKeys(identity))
        .setSimilarity(context.similarity(identity))
        .setLinkageKeyId(context.linkageKeyId())
        .setSiteCode(row.text("site_code").toUpperCase(java.util.Locale.ROOT))
        .setArrivedAt(arrival)
        .setAssaultAt(row.instant("assault_datetime"))
        .setAssaultMethod(method(row.text("assault_method")))
        .setAssaultLocationType(location(row.text("assault_location_type")))
        .setIncidentArea(context.areaOfPostcode(row.text("incident_postcode")))
        .setAgeAtEvent(
            Ages.ageOn(identity.dateOfBirth(), LocalDate.ofInstant(arrival, RowValidator.UK)))
        .setSex(FeedContext.sex(row.text("sex")))
        .setHomeArea(context.areaOfPostcode(row.text("home_postcode")))
        .setReportingPeriodStart(row.date("reporting_period_start"))
        .setReportingPeriodEnd(row.date("reporting_period_end"))
        .setFeedId(context.feedId())
        .setExtractDate(context.extractDate())
        .build();
  }

  private static AssaultMethod method(String code) {
    return switch (code) {
      case "KNIFE" -> AssaultMethod.KNIFE_OR_BLADED;
      case "GLASS_BOTTLE" -> AssaultMethod.GLASS_OR_BOTTLE;
      default -> AssaultMethod.valueOf(code);
    };
  }

  private static AssaultLocationType location(String code) {
    return switch (code) {
      case "STREET" -> AssaultLocationType.STREET_OR_PUBLIC;
      case "SCHOOL_WORK" -> AssaultLocationType.SCHOOL_OR_WORKPLACE;
      default -> AssaultLocationType.valueOf(code);
    };
  }
}
