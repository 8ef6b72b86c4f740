package uk.vruhub.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import uk.vruhub.aggregator.definitions.Definitions;
import uk.vruhub.aggregator.reference.Population;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.enforce.PolicyEnforcer;
import uk.vruhub.policy.enforce.RecipientSecrets;
import uk.vruhub.policy.geo.AreaHierarchy;
import uk.vruhub.schemas.registry.SchemaRegistry;
import uk.vruhub.schemas.topics.TopicCatalogue;
import uk.vruhub.synth.SyntheticArea;

/** The aggregator's settings as the service would build them, over a generated geography. */
public final class AggregatorBenchSettings {

  /** The shipped policy, from the repository root or from a module folder (the tests). */
  public static final Path POLICY =
      java.nio.file.Files.exists(Path.of("deploy/policy/vru-hub-isa.yaml"))
          ? Path.of("deploy/policy/vru-hub-isa.yaml")
          : Path.of("../deploy/policy/vru-hub-isa.yaml");

  public static final byte[] ANALYST_SECRET =
      "benchmark-recipient-secret-for-the-vru-analyst".getBytes(StandardCharsets.UTF_8);

  private AggregatorBenchSettings() {}

  public static AggregatorSettings of(
      Path geography,
      SchemaRegistry registry,
      boolean autoRegister,
      AggregatorSettings.StateStores stores) {
    TopicCatalogue topics = TopicCatalogue.load();
    AreaHierarchy areas = AreaHierarchy.load(geography.resolve("areas.csv"));
    Population population = Population.load(geography.resolve("population.csv"), areas);
    PolicyEnforcer enforcer =
        PolicyEnforcer.create(
            Policy.load(POLICY),
            topics,
            areas,
            RecipientSecrets.of(Map.of("vru-analyst", ANALYST_SECRET)));
    return new AggregatorSettings(
        topics,
        registry,
        autoRegister,
        Definitions.shipped(),
        enforcer,
        areas,
        population,
        SyntheticArea.VRU_CODE,
        CohortRules.defaults("hips-2023"),
        Clock.systemUTC(),
        stores);
  }
}
