package uk.vruhub.ingest.core.feed;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import uk.vruhub.avro.audit.FeedReceipt;

/**
 * A ledger that is never started: it knows only the receipts recorded by the service under test.
 */
final class FeedLedgerForTests {

  FeedLedger ledger() {
    return new FeedLedger(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
        "unused",
        (topic, bytes) -> (FeedReceipt) null);
  }
}
