package uk.vruhub.ingest.police;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.vruhub.avro.agency.InjuryLevel;
import uk.vruhub.avro.agency.PersonRole;
import uk.vruhub.avro.agency.PlaceType;
import uk.vruhub.avro.agency.PoliceCrimeEvent;
import uk.vruhub.avro.agency.WarningMarker;
import uk.vruhub.avro.agency.Weapon;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Area;
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
 * The police feed: one row per person per crime becomes a {@link PoliceCrimeEvent} keyed by a
 * pseudonym of the crime and person references, with the crime's raw attributes, the person's role,
 * age at the crime, sex and areas, and match keys in place of names, date of birth and PNC id.
 */
public final class PoliceFeed implements AgencyFeed<PoliceCrimeEvent> {

  static final String CONTRACT = "/uk/vruhub/ingest/police/police-crime-v1.yaml";

  private final FeedContract contract = FeedContract.load(CONTRACT);

  @Override
  public Agency agency() {
    return Agency.POLICE;
  }

  @Override
  public FeedContract contract() {
    return contract;
  }

  @Override
  public String eventsTopicId() {
    return Ids.POLICE_CRIME_EVENTS;
  }

  @Override
  public String receiptsTopicId() {
    return Ids.POLICE_FEED_RECEIPTS;
  }

  @Override
  public List<RowValidator.RowRule> rules() {
    return List.of(PoliceFeed::datesInOrder, PoliceFeed::gridReferenceComplete);
  }

  private static void datesInOrder(ValidRow row, List<Reject> rejects) {
    Instant from = row.instant("occurred_from");
    if (row.has("occurred_to") && row.instant("occurred_to").isBefore(from)) {
      rejects.add(
          new Reject(
              row.row(), "occurred_to", "DATE_ORDER", "occurred_to is before occurred_from"));
    }
    if (row.instant("reported_at").isBefore(from)) {
      rejects.add(
          new Reject(
              row.row(), "reported_at", "DATE_ORDER", "reported_at is before occurred_from"));
    }
    LocalDate dob = row.date("date_of_birth");
    LocalDate day = LocalDate.ofInstant(from, RowValidator.UK);
    if (dob != null && !dob.isBefore(day)) {
      rejects.add(
          new Reject(
              row.row(),
              "date_of_birth",
              "DOB_NOT_BEFORE_EVENT",
              "the date of birth is not before the crime"));
    } else if (dob != null && dob.isBefore(day.minusYears(110))) {
      rejects.add(
          new Reject(
              row.row(),
              "date_of_birth",
              "AGE_OUT_OF_RANGE",
              "the date of birth makes the person older than 110"));
    }
  }

  private static void gridReferenceComplete(ValidRow row, List<Reject> rejects) {
    if (row.has("incident_easting") != row.has("incident_northing")) {
      rejects.add(
          new Reject(
              row.row(),
              row.has("incident_easting") ? "incident_northing" : "incident_easting",
              "BOTH_OR_NEITHER",
              "give both incident_easting and incident_northing, or neither"));
    }
  }

  @Override
  public String recordKey(ValidRow row, FeedContext context) {
    return context
        .pseudonymiser()
        .recordPseudonym("POLICE", row.text("crime_reference"), row.text("person_reference"));
  }

  @Override
  public PoliceCrimeEvent toEvent(ValidRow row, String recordKey, FeedContext context) {
    Identity identity =
        new Identity(
            row.text("surname"),
            row.text("forenames"),
            row.date("date_of_birth"),
            FeedContext.sexForMatching(row.text("sex")),
            row.text("home_postcode"),
            null,
            null,
            row.text("pnc_id"),
            row.text("person_reference"));
    Instant occurred = row.instant("occurred_from");
    List<WarningMarker> markers = new ArrayList<>();
    row.codes("warning_markers").forEach(code -> markers.add(WarningMarker.valueOf(code)));
    return PoliceCrimeEvent.newBuilder()
        .setRecordPseudonym(recordKey)
        .setCrimePseudonym(
            context.pseudonymiser().recordPseudonym("POLICE-CRIME", row.text("crime_reference")))
        .setMatchKeys(context.matchKeys(identity))
        .setSimilarity(context.similarity(identity))
        .setLinkageKeyId(context.linkageKeyId())
        .setOffenceCode(row.text("ho_offence_code").toUpperCase(java.util.Locale.ROOT))
        .setLocalCategory(row.text("local_category"))
        .setOccurredFrom(occurred)
        .setOccurredTo(row.instant("occurred_to"))
        .setReportedAt(row.instant("reported_at"))
        .setIncidentArea(incidentArea(row, context))
        .setPlaceType(PlaceType.valueOf(row.text("place_type")))
        .setDomesticAbuse(row.flag("domestic_abuse_flag"))
        .setWeapon(weapon(row.text("weapon")))
        .setInjury(InjuryLevel.valueOf(row.text("injury_level")))
        .setRole(PersonRole.valueOf(row.text("person_role")))
        .setAgeAtEvent(
            Ages.ageOn(identity.dateOfBirth(), LocalDate.ofInstant(occurred, RowValidator.UK)))
        .setSex(FeedContext.sex(row.text("sex")))
        .setHomeArea(context.areaOfPostcode(row.text("home_postcode")))
        .setWarningMarkers(markers)
        .setFeedId(context.feedId())
        .setExtractDate(context.extractDate())
        .build();
  }

  /** The incident's areas: the LSOA if given, else the postcode, else the grid reference. */
  private static Area incidentArea(ValidRow row, FeedContext context) {
    if (row.has("incident_lsoa")) {
      return context.areaOfLsoa(row.text("incident_lsoa"));
    }
    Area byPostcode = context.areaOfPostcode(row.text("incident_postcode"));
    if (byPostcode != null) {
      return byPostcode;
    }
    return context.areaOfGridReference(
        row.integer("incident_easting"), row.integer("incident_northing"));
  }

  private static Weapon weapon(String code) {
    return "KNIFE".equals(code) ? Weapon.KNIFE_OR_BLADED : Weapon.valueOf(code);
  }
}
