package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import uk.vruhub.aggregator.governance.AuditTrail;
import uk.vruhub.aggregator.topology.AggregatorSettings;
import uk.vruhub.aggregator.tracker.DataTracker;
import uk.vruhub.aggregator.tracker.Receipts;
import uk.vruhub.aggregator.tracker.TrackerDisclosure;
import uk.vruhub.avro.audit.AuditEvent;
import uk.vruhub.avro.audit.AuditType;
import uk.vruhub.avro.audit.FeedOutcome;
import uk.vruhub.avro.common.Agency;

/**
 * The tracker and governance endpoints through Spring MVC, over the sample's stores, receipts and
 * audit events given by the test and a clock fixed on 1 April 2026: every recipient's token opens
 * them, none is refused with 401, and bad filters are 400 problems.
 */
@WebMvcTest(
    controllers = {TrackerController.class, GovernanceController.class},
    properties = {
      "hub.aggregator.http.recipient-tokens.vru-analyst=" + AnalystControllerTest.TOKEN_SHA256,
      "hub.aggregator.http.recipient-tokens.strategic-board=" + AnalystControllerTest.BOARD_SHA256
    })
@Import({AnalystControllerTest.Stores.class, TrackerAndGovernanceControllerTest.Beans.class})
class TrackerAndGovernanceControllerTest {

  private static final String BOARD = "Bearer " + AnalystControllerTest.BOARD_TOKEN;

  @Autowired MockMvc mvc;
  @Autowired AggregatorSettings settings;

  @TestConfiguration(proxyBeanMethods = false)
  static class Beans {
    @Bean
    DataTracker dataTracker(AggregatorSettings settings) {
      DataTracker t =
          new DataTracker(
              null,
              new uk.vruhub.aggregator.config.AggregatorProperties.Tracker(
                  null, 12, 3, "Europe/London", Duration.ofSeconds(30)),
              settings.policy().policy().identity(),
              TrackerDisclosure.of(settings.policy().policy().document()),
              settings.clock());
      t.accept(
          Receipts.of(
              Agency.POLICE,
              LocalDate.of(2026, 3, 31),
              FeedOutcome.PUBLISHED,
              Map.of("NHS_NUMBER_CHECK_DIGIT", 2L)));
      t.accept(
          Receipts.of(Agency.HEALTH, LocalDate.of(2026, 3, 20), FeedOutcome.PUBLISHED, Map.of()));
      return t;
    }

    @Bean
    AuditTrail auditTrail() {
      AuditTrail trail = new AuditTrail(null, 2);
      // An earlier version's suppressed-cell count, a publication cycle, then a policy load.
      for (int i = 0; i < 3; i++) {
        AuditEvent.Builder e =
            AuditEvent.newBuilder()
                .setEventId("e" + i)
                .setOccurredAt(Instant.parse("2026-03-0" + (i + 1) + "T10:00:00Z"))
                .setType(
                    switch (i) {
                      case 0 -> AuditType.CELLS_SUPPRESSED;
                      case 1 -> AuditType.PUBLICATION_CYCLE;
                      default -> AuditType.POLICY_LOADED;
                    })
                .setComponent("aggregator")
                .setCount(3L);
        if (i == 1) {
          e.setTopic("hub.hotspots.v1")
              .setWindowFrom(Instant.parse("2026-03-02T09:59:00Z"))
              .setWindowTo(Instant.parse("2026-03-02T10:00:00Z"))
              .setCellsPublished(3L)
              .setCellsSuppressed(1L)
              .setCellsWithdrawn(0L);
        }
        trail.accept(e.build());
      }
      return trail;
    }
  }

  @Test
  void everyEndpointNeedsARecipientsToken() throws Exception {
    for (String path :
        new String[] {
          "/api/v1/tracker",
          "/api/v1/governance/policy",
          "/api/v1/governance/policy/report",
          "/api/v1/governance/audit"
        }) {
      mvc.perform(get(path)).andExpect(status().isUnauthorized());
      mvc.perform(get(path).header("Authorization", "Bearer not-a-token"))
          .andExpect(status().isUnauthorized());
    }
  }

  @Test
  void theTrackerFlagsEachAgencyByHowOverdueItsFeedIs() throws Exception {
    mvc.perform(get("/api/v1/tracker").header("Authorization", BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.today", is("2026-04-01")))
        .andExpect(jsonPath("$.level", is(1)))
        .andExpect(jsonPath("$.policyHash", is(settings.policy().policy().identity().sha256())))
        .andExpect(jsonPath("$.feeds[0].agency", is("POLICE")))
        .andExpect(jsonPath("$.feeds[0].rag", is("GREEN")))
        .andExpect(
            jsonPath(
                "$.feeds[0].recent[0].topRejectReasons[0].reason", is("NHS_NUMBER_CHECK_DIGIT")))
        .andExpect(jsonPath("$.feeds[0].recent[0].topRejectReasons[0].rows").value(nullValue()))
        .andExpect(jsonPath("$.feeds[0].recent[0].topRejectReasons[0].suppressed", is(true)))
        .andExpect(jsonPath("$.feeds[0].recent[0].rowsRead").value(100))
        .andExpect(jsonPath("$.feeds[0].recent[0].rowsRejected").value(nullValue()))
        .andExpect(jsonPath("$.feeds[0].recent[0].suppressed", is(true)))
        .andExpect(jsonPath("$.feeds[0].daysPastDue").value(nullValue()))
        .andExpect(jsonPath("$.feeds[1].rag", is("RED")))
        .andExpect(jsonPath("$.feeds[1].status", startsWith("Seriously overdue: 11 days")))
        .andExpect(jsonPath("$.feeds[2].status", containsString("no extract received")))
        .andExpect(jsonPath("$.completeness[0].agency", is("POLICE")))
        .andExpect(jsonPath("$.completeness[0].fields[0].field", is("INCIDENT_LOCATION")))
        .andExpect(jsonPath("$.linkage", hasSize(3)))
        .andExpect(header().string(FreshnessHeaders.CAUGHT_UP, "true"));
  }

  @Test
  void theTrackerTakesNoParameters() throws Exception {
    mvc.perform(get("/api/v1/tracker?agency=POLICE").header("Authorization", BOARD))
        .andExpect(status().isBadRequest());
  }

  @Test
  void thePolicyInForceCarriesTheHashTheOutputsCarry() throws Exception {
    String hash = settings.policy().policy().identity().sha256();
    mvc.perform(get("/api/v1/governance/policy").header("Authorization", BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.sha256", is(hash)))
        .andExpect(jsonPath("$.id", is("demo-vru-isa")))
        .andExpect(jsonPath("$.version", is("1.0.0")));
    mvc.perform(get("/api/v1/governance/policy/report").header("Authorization", BOARD))
        .andExpect(status().isOk())
        .andExpect(header().string("X-Policy-Sha256", hash))
        .andExpect(content().contentTypeCompatibleWith("text/markdown"))
        .andExpect(content().string(startsWith("# ")));
    String html =
        mvc.perform(
                get("/api/v1/governance/policy/report?format=html").header("Authorization", BOARD))
            .andExpect(content().contentTypeCompatibleWith("text/html"))
            .andExpect(content().string(startsWith("<!DOCTYPE html>")))
            .andReturn()
            .getResponse()
            .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    // The page's one inline stylesheet is allowed by its hash, and no other policy is sent with it.
    String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
    String styleHash =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(css.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> policies =
        mvc.perform(
                get("/api/v1/governance/policy/report?format=html").header("Authorization", BOARD))
            .andReturn()
            .getResponse()
            .getHeaders("Content-Security-Policy");
    assertThat(policies).hasSize(1);
    assertThat(policies.get(0))
        .contains("default-src 'self'", "style-src 'self' 'sha256-" + styleHash + "'")
        .doesNotContain("unsafe-inline");
    assertThat(html).doesNotContain("<script", " style=\"");
    mvc.perform(get("/api/v1/governance/policy/report").header("Authorization", BOARD))
        .andExpect(header().string("Content-Security-Policy", not(containsString("sha256-"))));
    mvc.perform(get("/api/v1/governance/policy/report?format=pdf").header("Authorization", BOARD))
        .andExpect(status().isBadRequest());
  }

  @Test
  void theAuditTypesAreTheSchemasAndSayWhichAreWritten() throws Exception {
    mvc.perform(get("/api/v1/governance/audit/types").header("Authorization", BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$", hasSize(AuditType.values().length)))
        .andExpect(
            jsonPath(
                "$[?(@.written == true)].type",
                containsInAnyOrder("POLICY_LOADED", "POLICY_REFUSED", "PUBLICATION_CYCLE")))
        .andExpect(jsonPath("$[?(@.type == 'CELLS_SUPPRESSED')].written", contains(false)))
        .andExpect(
            jsonPath(
                "$[?(@.type == 'CELLS_SUPPRESSED')].formerlyWrittenBy",
                contains(containsString("PUBLICATION_CYCLE"))))
        .andExpect(jsonPath("$[?(@.type == 'FEED_REJECTED')].written", contains(false)))
        .andExpect(jsonPath("$[?(@.type == 'FEED_REJECTED')].writtenBy", contains((Object) null)));
    mvc.perform(get("/api/v1/governance/audit/types")).andExpect(status().isUnauthorized());
  }

  @Test
  void theAuditTrailKeepsTheNewestFiltersAndPages() throws Exception {
    mvc.perform(get("/api/v1/governance/audit").header("Authorization", BOARD))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.held", is(2)))
        .andExpect(jsonPath("$.complete", is(true)))
        .andExpect(jsonPath("$.events[0].eventId", is("e2")))
        .andExpect(jsonPath("$.events[1].eventId", is("e1")))
        .andExpect(jsonPath("$.events[1].type", is("PUBLICATION_CYCLE")))
        .andExpect(jsonPath("$.events[1].cellsPublished", is(3)))
        .andExpect(jsonPath("$.events[1].cellsSuppressed", is(1)))
        .andExpect(jsonPath("$.events[1].cellsWithdrawn", is(0)))
        .andExpect(jsonPath("$.events[1].windowFrom", is("2026-03-02T09:59:00Z")))
        .andExpect(jsonPath("$.events[1].windowTo", is("2026-03-02T10:00:00Z")));
    mvc.perform(
            get("/api/v1/governance/audit?type=policy_loaded,FEED_REJECTED")
                .header("Authorization", BOARD))
        .andExpect(jsonPath("$.total", is(1)))
        .andExpect(jsonPath("$.events[0].type", is("POLICY_LOADED")));
    mvc.perform(
            get("/api/v1/governance/audit?from=2026-03-02&to=2026-03-03T00:00:00Z&size=1&page=0")
                .header("Authorization", BOARD))
        .andExpect(jsonPath("$.events", hasSize(1)))
        .andExpect(jsonPath("$.events[0].eventId", is("e1")));
    mvc.perform(get("/api/v1/governance/audit?size=1&page=1").header("Authorization", BOARD))
        .andExpect(jsonPath("$.events[0].eventId", is("e1")));
    for (String bad :
        new String[] {
          "size=501",
          "size=0",
          "page=-1",
          "type=SECRET",
          "from=yesterday",
          "from=2026-03-02&to=2026-03-01"
        }) {
      mvc.perform(get("/api/v1/governance/audit?" + bad).header("Authorization", BOARD))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }
  }
}
