package uk.vruhub.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import uk.vruhub.aggregator.state.CohortRules;

/**
 * The cohort rules the tests use ({@link CohortRules#defaults}) are the ones the aggregator binds
 * when no key is set: a key added to one list and not the other (as the force's nominal id was to
 * both) would leave the tests measuring another linkage than the one that runs.
 */
class CohortDefaultsTest {

  @Test
  void theBoundDefaultsAreTheCohortRulesDefaults() {
    AggregatorProperties.Cohort bound =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("hub.aggregator", AggregatorProperties.class)
            .cohort();
    CohortRules rules = CohortRules.defaults(bound.definition());
    assertThat(bound.strongKeys())
        .containsExactlyInAnyOrderElementsOf(rules.strongKeys().stream().map(Enum::name).toList());
    assertThat(bound.unencodedKeys())
        .containsExactlyInAnyOrderElementsOf(
            rules.unencodedKeys().stream().map(Enum::name).toList());
    assertThat(bound.lookbackMonths()).isEqualTo(rules.lookbackMonths());
    assertThat(bound.minAge()).isEqualTo(rules.minAge());
    assertThat(bound.maxAge()).isEqualTo(rules.maxAge());
    assertThat(bound.minAgencies()).isEqualTo(rules.minAgencies());
    assertThat(bound.minViolenceEvents()).isEqualTo(rules.minViolenceEvents());
  }
}
