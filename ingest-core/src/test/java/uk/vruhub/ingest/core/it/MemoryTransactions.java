package uk.vruhub.ingest.core.it;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import uk.vruhub.ingest.core.feed.FeedSink;

/** Feed transactions held in memory: what a committed transaction sent, and how many aborted. */
public final class MemoryTransactions implements FeedSink.Transactions {

  /** One record sent. */
  public record Sent(String topic, String key, SpecificRecord value) {}

  public final List<Sent> committed = new ArrayList<>();
  public int aborted;

  @Override
  public <T> T inTransaction(Function<FeedSink, T> work) {
    List<Sent> pending = new ArrayList<>();
    try {
      T result = work.apply((topic, key, value) -> pending.add(new Sent(topic, key, value)));
      committed.addAll(pending);
      return result;
    } catch (RuntimeException e) {
      aborted++;
      throw e;
    }
  }

  public List<Sent> committed(String topic) {
    return committed.stream().filter(s -> s.topic().equals(topic)).toList();
  }
}
