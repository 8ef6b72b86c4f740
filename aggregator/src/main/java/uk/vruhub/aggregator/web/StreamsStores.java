package uk.vruhub.aggregator.web;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;
import uk.vruhub.aggregator.config.StreamsRunner;

/**
 * Interactive queries of the running streams. Only a RUNNING instance answers: while starting,
 * rebalancing or restoring its stores may be missing or behind, and a 503 with Retry-After tells
 * Power BI's scheduled refresh to try again rather than load a partial table.
 */
@Component
class StreamsStores implements QueryableStores {

  private final StreamsRunner runner;

  StreamsStores(StreamsRunner runner) {
    this.runner = runner;
  }

  @Override
  public <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name) {
    return typedKeyValueStore(name);
  }

  @Override
  public <K, V> ReadOnlyKeyValueStore<K, V> typedKeyValueStore(String name) {
    KafkaStreams streams = runner.streams();
    if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
      throw notReady(streams == null ? "NOT_STARTED" : streams.state().name());
    }
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
  }

  static ApiProblem notReady(String state) {
    return ApiProblem.notReady(
        "The aggregator's state is not queryable yet (streams " + state + "); try again shortly.");
  }
}
