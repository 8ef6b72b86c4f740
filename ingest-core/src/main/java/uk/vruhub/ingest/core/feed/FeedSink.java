package uk.vruhub.ingest.core.feed;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** Where a feed's records go, inside one transaction: all of them are published, or none. */
public interface FeedSink {

  /** Sends a record (null value: a tombstone) within the current transaction. */
  void send(String topic, String key, SpecificRecord value);

  /** Runs work in one transaction: committed when it returns, aborted when it throws. */
  interface Transactions {
    <T> T inTransaction(Function<FeedSink, T> work);
  }
}
