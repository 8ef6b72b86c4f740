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
   * The key-value store of that name whose keys are typed records (e.g. the cohort summary's
   * cells), not strings.
   *
   * @throws ApiProblem 503 when the streams cannot be queried yet
   */
  <K, V> ReadOnlyKeyValueStore<K, V> typedKeyValueStore(String name);
}
