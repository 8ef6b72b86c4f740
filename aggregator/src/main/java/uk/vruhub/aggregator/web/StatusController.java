package uk.vruhub.aggregator.web;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.StatusSource;

/**
 * Whether the aggregator has caught up with its inputs, measured from its consumer group's offsets,
 * and how fresh its outputs are: what the demo, the tests and the benchmarks wait on. Holds no data
 * of the outputs, so it needs no token.
 */
@RestController
@RequestMapping("/api/v1")
class StatusController {

  private final StatusSource status;

  StatusController(StatusSource status) {
    this.status = status;
  }

  @GetMapping(value = "/status", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<AggregatorStatus> status(@RequestParam MultiValueMap<String, String> parameters) {
    QueryParameters.of(parameters, List.of());
    AggregatorStatus now = status.current();
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .headers(FreshnessHeaders.of(now))
        .body(now);
  }
}
