package uk.vruhub.aggregator.topology;

import java.time.Clock;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.reference.Population;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.policy.enforce.PolicyEnforcer;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.topics.TopicCatalogue;

/**
 * Everything the topology is a function of.
 *
 * @param topics the topic spec
 * @param registry the schema registry the Avro topics are read and written through
 * @param autoRegister whether output schemas are registered on first use
 * @param definitions the serious-violence definitions to count under
 * @param policy the policy every output record is built by
 * @param areas the area hierarchy
 * @param population residents per area, for rates
 * @param vruArea the VRU area code: where events without a known location are counted
 * @param cohort who is in the cohort and how people are linked
 * @param clock when records are revised
 * @param stateStores where state lives: RocksDB on disk (bounded memory) or the heap
 */
public record AggregatorSettings(
    TopicCatalogue topics,
    SchemaRegistry registry,
    boolean autoRegister,
    Definitions definitions,
    PolicyEnforcer policy,
    AreaHierarchy areas,
    Population population,
    String vruArea,
    CohortRules cohort,
    Clock clock,
    StateStores stateStores) {

  /** Where the topology keeps its state; either way every store is backed by a changelog. */
  public enum StateStores {
    /** RocksDB on local disk: memory stays bounded however large the cohort grows. */
    ROCKSDB,
    /** The heap: fastest, for tests and small partnerships; restored from changelogs on start. */
    IN_MEMORY
  }
}
