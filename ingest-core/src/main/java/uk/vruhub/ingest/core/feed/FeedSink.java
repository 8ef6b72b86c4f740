package uk.vruhub.ingest.core.feed;

import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** Where a feed's records go, inside one transaction: all of them are published, or none. */
public interface FeedSink {

  /**
   * Sends a record, its value already encoded by {@link Transactions#encode} (null: a tombstone),
   * within the current transaction. Called by the one thread that runs the transaction.
   */
  void send(String topic, String key, byte[] value);

  /** Runs work in one transaction: committed when it returns, aborted when it throws. */
  interface Transactions {
    <T> T inTransaction(Function<FeedSink, T> work);

    /**
     * A value as this sink's records carry it (the Confluent wire format: magic byte, schema id,
     * Avro binary), or null for null. Thread-safe, so that a feed's rows are encoded on the worker
     * threads and only sent on the transaction's.
     */
    byte[] encode(String topic, SpecificRecord value);
  }
}
