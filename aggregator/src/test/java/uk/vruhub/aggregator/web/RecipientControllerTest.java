package uk.vruhub.aggregator.web;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Who a token is, for the dashboard: the shipped policy's three recipients each see their own
 * level, topics and pages; no token or a wrong one is a 401 problem; and every answer, a refusal
 * too, carries the strict headers of {@link SecurityHeadersFilter}.
 */
@WebMvcTest(
    controllers = RecipientController.class,
    properties = {
      "hub.aggregator.http.recipient-tokens.vru-analyst=" + AnalystControllerTest.TOKEN_SHA256,
      "hub.aggregator.http.recipient-tokens.csp-partners=" + AnalystControllerTest.CSP_SHA256,
      "hub.aggregator.http.recipient-tokens.strategic-board=" + AnalystControllerTest.BOARD_SHA256
    })
@Import(AnalystControllerTest.Stores.class)
class RecipientControllerTest {

  @Autowired MockMvc mvc;

  @Test
  void theAnalystIsLevelTwoAndMayOpenTheProfiles() throws Exception {
    mvc.perform(
            get("/api/v1/recipient")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.TOKEN))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
        .andExpect(jsonPath("$.recipient", is("vru-analyst")))
        .andExpect(jsonPath("$.maxLevel", is(2)))
        .andExpect(jsonPath("$.topics[?(@.id == 'cohort-profiles')].level", contains(2)))
        .andExpect(jsonPath("$.topics[?(@.id == 'cohort-profiles')].permitted", contains(true)))
        .andExpect(
            jsonPath("$.pages[*].id", contains("hotspots", "cohort", "tracker", "governance")))
        .andExpect(jsonPath("$.policy.id", is("demo-vru-isa")))
        .andExpect(
            jsonPath("$.policy.sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")));
  }

  @Test
  void thePartnershipsAreLevelOneWithoutTheProfiles() throws Exception {
    mvc.perform(
            get("/api/v1/recipient")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.CSP_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.recipient", is("csp-partners")))
        .andExpect(jsonPath("$.maxLevel", is(1)))
        .andExpect(jsonPath("$.topics[?(@.id == 'cohort-profiles')]", hasSize(0)))
        .andExpect(
            jsonPath("$.pages[*].id", contains("hotspots", "cohort", "tracker", "governance")));
  }

  @Test
  void theBoardMayOpenOnlyTheHotspots() throws Exception {
    mvc.perform(
            get("/api/v1/recipient")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.BOARD_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.pages[*].id", contains("hotspots", "tracker", "governance")));
  }

  @Test
  void withoutATokenItIsAProblemWithTheStrictHeaders() throws Exception {
    mvc.perform(get("/api/v1/recipient"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
        .andExpect(
            header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("Referrer-Policy", "no-referrer"));
  }

  @Test
  void aWrongTokenIsRefusedAndParametersAreNot() throws Exception {
    mvc.perform(get("/api/v1/recipient").header(HttpHeaders.AUTHORIZATION, "Bearer nobody"))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/v1/recipient")
                .param("who", "me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.parameter", is("who")));
  }
}
