package uk.vruhub.aggregator.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import uk.vruhub.aggregator.status.AggregatorStatus;
import uk.vruhub.aggregator.status.AggregatorStatus.DataAsOf;
import uk.vruhub.aggregator.status.AggregatorStatus.EventPeriod;
import uk.vruhub.aggregator.status.AggregatorStatus.Feed;
import uk.vruhub.aggregator.status.AggregatorStatus.PartitionLag;
import uk.vruhub.aggregator.status.AggregatorStatus.Task;
import uk.vruhub.aggregator.status.StatusSource;

/** {@code GET /api/v1/status} through Spring MVC: the JSON clients wait on, never cached. */
@WebMvcTest(controllers = StatusController.class)
@Import(StatusControllerTest.Fixed.class)
class StatusControllerTest {

  @Autowired MockMvc mvc;

  @TestConfiguration(proxyBeanMethods = false)
  static class Fixed {
    @Bean
    StatusSource status() {
      AggregatorStatus status =
          new AggregatorStatus(
              "RUNNING",
              false,
              3L,
              Instant.parse("2026-04-01T08:00:01Z"),
              new DataAsOf(
                  Instant.parse("2026-04-01T07:59:00Z"),
                  List.of(
                      new Feed(
                          "POLICE",
                          "POLICE-2026-03-31-ab12",
                          LocalDate.of(2026, 3, 31),
                          Instant.parse("2026-04-01T02:10:00Z"))),
                  new EventPeriod("WEEK", LocalDate.of(2026, 3, 30))),
              List.of(
                  new Task("0_0", "aggregator-StreamThread-1", "RUNNING", List.of("p-0")),
                  new Task("1_0", "aggregator-StreamThread-1", "RESTORING", List.of("r-0"))),
              List.of(
                  new PartitionLag("police.crime-events.v1", 0, 120L, 123L, 3),
                  new PartitionLag("vru-aggregator-linkage-repartition", 0, null, 0L, 0)),
              null);
      return () -> status;
    }
  }

  @Test
  void theStatusSaysWhetherTheAggregatorHasCaughtUpAndHowFreshItsOutputsAre() throws Exception {
    mvc.perform(get("/api/v1/status"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
        .andExpect(header().string("X-Caught-Up", "false"))
        .andExpect(header().string("X-Data-As-Of", "2026-04-01T07:59:00Z"))
        .andExpect(jsonPath("$.state").value("RUNNING"))
        .andExpect(jsonPath("$.caughtUp").value(false))
        .andExpect(jsonPath("$.totalLag").value(3))
        .andExpect(jsonPath("$.checkedAt").value("2026-04-01T08:00:01Z"))
        .andExpect(jsonPath("$.dataAsOf.time").value("2026-04-01T07:59:00Z"))
        .andExpect(jsonPath("$.dataAsOf.latestFeeds[0].agency").value("POLICE"))
        .andExpect(jsonPath("$.dataAsOf.latestFeeds[0].extractDate").value("2026-03-31"))
        .andExpect(jsonPath("$.dataAsOf.latestFeeds[0].completedAt").value("2026-04-01T02:10:00Z"))
        .andExpect(jsonPath("$.dataAsOf.newestEventPeriod.start").value("2026-03-30"))
        .andExpect(jsonPath("$.tasks[1].state").value("RESTORING"))
        .andExpect(jsonPath("$.partitions[0].lag").value(3))
        .andExpect(jsonPath("$.partitions[1].committed").isEmpty());
  }

  @Test
  void theStatusTakesNoParameters() throws Exception {
    mvc.perform(get("/api/v1/status").param("group", "other"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.parameter").value("group"))
        .andExpect(jsonPath("$.detail", containsString("accepts none")));
  }
}
