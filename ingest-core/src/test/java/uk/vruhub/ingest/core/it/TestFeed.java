package uk.vruhub.ingest.core.it;

import java.time.LocalDate;
import java.util.List;
import uk.vruhub.avro.agency.SchoolEvent;
import uk.vruhub.avro.agency.SchoolEventType;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.feed.AgencyFeed;
import uk.vruhub.ingest.core.feed.FeedContext;
import uk.vruhub.ingest.core.identity.Identity;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.core.validate.ValidRow;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * A feed of ingest-core's own test contract ({@code test-contract.yaml}) that becomes school
 * events, for the tests of the shared pipeline.
 */
public final class TestFeed implements AgencyFeed<SchoolEvent> {

  @Override
  public Agency agency() {
    return Agency.POLICE;
  }

  @Override
  public FeedContract contract() {
    return FeedContract.load("/test-contract.yaml");
  }

  @Override
  public String eventsTopicId() {
    return Ids.EDUCATION_SCHOOL_EVENTS;
  }

  @Override
  public String receiptsTopicId() {
    return Ids.POLICE_FEED_RECEIPTS;
  }

  @Override
  public List<RowValidator.RowRule> rules() {
    return List.of();
  }

  @Override
  public String recordKey(ValidRow row, FeedContext context) {
    return context.pseudonymiser().recordPseudonym("TEST", row.text("reference"));
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
            row.text("nhs_number"),
            null,
            null,
            null);
    return SchoolEvent.newBuilder()
        .setRecordPseudonym(recordKey)
        .setMatchKeys(context.matchKeys(identity))
        .setLinkageKeyId(context.linkageKeyId())
        .setSchoolUrn("000000")
        .setEventType(SchoolEventType.SUSPENSION)
        .setStartDate(LocalDate.of(2026, 1, 5))
        .setSex(FeedContext.sex(row.text("sex")))
        .setHomeArea(context.areaOfPostcode(row.text("home_postcode")))
        .setFeedId(context.feedId())
        .setExtractDate(context.extractDate())
        .build();
  }
}
