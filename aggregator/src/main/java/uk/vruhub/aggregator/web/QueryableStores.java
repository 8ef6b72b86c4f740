package uk.vruhub.aggregator.web;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The aggregator's state stores as the analyst API reads them: the running streams' interactive
 * queries in the application, a test's stores in the API's tests.
 */
interface QueryableStores {

  /**
   * The key-value store of that name.
   *
   * @throws ApiProblem 503 when the streams cannot be queried yet
   */
  <V> ReadOnlyKeyValueStore<String, V> keyValueStore(String name);

  /**
   * The key-value store of that name, whose keys are not strings (the hotspot cells, keyed by
   * {@link uk.vruhub.aggregator.hotspot.CellDefinition}).
   *
   * @throws ApiProblem 503 when the streams cannot be queried yet
   */
  @SuppressWarnings("unchecked")
  default <K, V> ReadOnlyKeyValueStore<K, V> typedKeyValueStore(String name) {
    return (ReadOnlyKeyValueStore<K, V>) (ReadOnlyKeyValueStore<?, ?>) keyValueStore(name);
  }
}
