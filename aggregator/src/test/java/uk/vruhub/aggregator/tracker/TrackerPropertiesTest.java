package uk.vruhub.aggregator.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import uk.vruhub.aggregator.config.AggregatorProperties;

/** The tracker's keys bind as the README documents them; an agency left out keeps its default. */
class TrackerPropertiesTest {

  private static AggregatorProperties bind(Map<String, String> keys) {
    return new Binder(new MapConfigurationPropertySource(keys))
        .bindOrCreate("hub.aggregator", AggregatorProperties.class);
  }

  @Test
  void periodsBindAndUnsetAgenciesKeepTheirDefaults() {
    AggregatorProperties p =
        bind(
            Map.of(
                "hub.aggregator.tracker.feeds.education.cadence", "P7D",
                "hub.aggregator.tracker.feeds.health.cadence", "P1D",
                "hub.aggregator.tracker.feeds.health.grace", "P2D"));
    assertThat(p.tracker().cadence("education").cadence()).isEqualTo(Period.ofDays(7));
    assertThat(p.tracker().cadence("education").grace()).isEqualTo(Period.ZERO);
    assertThat(p.tracker().cadence("health").grace()).isEqualTo(Period.ofDays(2));
    assertThat(p.tracker().cadence("police").cadence()).isEqualTo(Period.ofDays(1));
    assertThat(p.tracker().history()).isEqualTo(12);
    assertThat(p.tracker().isEveryFeedAnAgency()).isTrue();
    assertThat(p.governance().auditKept()).isEqualTo(10_000);
  }

  @Test
  void anUnknownAgencyOrZoneFailsItsCheck() {
    assertThat(
            bind(Map.of("hub.aggregator.tracker.feeds.probation.cadence", "P1D"))
                .tracker()
                .isEveryFeedAnAgency())
        .isFalse();
    assertThat(bind(Map.of("hub.aggregator.tracker.zone", "Mars/Olympus")).tracker().isZoneKnown())
        .isFalse();
  }

  @Test
  void aZeroOrNegativeCadenceOrANegativeGraceFailsItsCheckWithWhatToSet() {
    for (Map<String, String> bad :
        List.of(
            Map.of("hub.aggregator.tracker.feeds.police.cadence", "P0D"),
            Map.of("hub.aggregator.tracker.feeds.police.cadence", "P-1D"),
            Map.of("hub.aggregator.tracker.feeds.police.cadence", "P1M-1D"),
            Map.of(
                "hub.aggregator.tracker.feeds.health.cadence", "P1D",
                "hub.aggregator.tracker.feeds.health.grace", "P-1D"))) {
      AggregatorProperties p = bind(bad);
      assertThat(p.tracker().isEveryCadencePositive()).as("%s", bad).isFalse();
      try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
        assertThat(factory.getValidator().validate(p))
            .extracting(ConstraintViolation::getMessage)
            .as("%s", bad)
            .anyMatch(m -> m.contains("must be a positive period"));
      }
    }
    assertThat(bind(Map.of()).tracker().isEveryCadencePositive()).isTrue();
  }
}
