package uk.vruhub.aggregator.status;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Which state stores are being restored from their changelogs now, so that the status can say which
 * tasks are restoring: Kafka Streams' task metadata does not.
 */
public final class RestoringStores implements StateRestoreListener {

  private final Set<String> restoring = ConcurrentHashMap.newKeySet();

  @Override
  public void onRestoreStart(
      TopicPartition changelog, String store, long startingOffset, long endingOffset) {
    restoring.add(key(store, changelog.partition()));
  }

  @Override
  public void onBatchRestored(
      TopicPartition changelog, String store, long batchEndOffset, long numRestored) {}

  @Override
  public void onRestoreEnd(TopicPartition changelog, String store, long totalRestored) {
    restoring.remove(key(store, changelog.partition()));
  }

  @Override
  public void onRestoreSuspended(TopicPartition changelog, String store, long totalRestored) {
    restoring.remove(key(store, changelog.partition()));
  }

  /**
   * Whether partition {@code partition} of the store is restoring; a store's changelog partition is
   * the partition of the task that owns it.
   */
  public boolean restoring(String store, int partition) {
    return restoring.contains(key(store, partition));
  }

  private static String key(String store, int partition) {
    return store + "\u0000" + partition;
  }
}
