package uk.vruhub.ingest.core.feed;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.RowValidator;
import uk.vruhub.ingest.core.validate.ValidRow;

/**
 * What makes one agency's service different from the others: its contract, its extra row rules, and
 * how a validated row becomes its event. Everything else (intake, validation, pseudonymisation,
 * publishing) is shared. Implementations are thin.
 *
 * @param <V> the agency's event type
 */
public interface AgencyFeed<V extends SpecificRecord> {

  Agency agency();

  FeedContract contract();

  /** Topic id (in the topic spec) of the agency's events. */
  String eventsTopicId();

  /** Topic id of the agency's feed receipts. */
  String receiptsTopicId();

  /** Rules a column table cannot say: dates in order, fields that go together. */
  List<RowValidator.RowRule> rules();

  /** The record's key: a keyed pseudonym of the agency's own reference, stable across extracts. */
  String recordKey(ValidRow row, FeedContext context);

  /**
   * The event a row becomes; direct identifiers are turned into keys, ages and areas here.
   *
   * @param recordKey the row's {@link #recordKey}, made once per row by the pipeline: the event
   *     carries it as its record pseudonym, and an HMAC is too dear to make twice
   */
  V toEvent(ValidRow row, String recordKey, FeedContext context);

  /** Whether the agency withdraws the record (published as a tombstone). */
  default boolean withdrawn(ValidRow row) {
    return "WITHDRAWN".equals(row.text("record_status"));
  }
}
