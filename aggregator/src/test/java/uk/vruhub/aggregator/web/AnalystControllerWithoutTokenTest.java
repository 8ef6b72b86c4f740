package uk.vruhub.aggregator.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Without {@code hub.aggregator.analyst-token-sha256}, level 2 is not served at all. */
@WebMvcTest(controllers = AnalystController.class)
@Import(AnalystControllerTest.Stores.class)
class AnalystControllerWithoutTokenTest {

  @Autowired MockMvc mvc;

  @Test
  void profilesAre403WhateverTheToken() throws Exception {
    mvc.perform(
            get("/api/v1/cohort/profiles")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.TOKEN))
        .andExpect(status().isForbidden())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Forbidden"))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "Level 2 profiles are not served over HTTP: no analyst token is configured"
                        + " (hub.aggregator.analyst-token-sha256)."));
  }

  @Test
  void levelOneIsStillServed() throws Exception {
    mvc.perform(get("/api/v1/hotspots")).andExpect(status().isOk());
  }
}
