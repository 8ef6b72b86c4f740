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

/** Without any recipient's token configured, no table is served to anyone. */
@WebMvcTest(controllers = AnalystController.class)
@Import(AnalystControllerTest.Stores.class)
class AnalystControllerWithoutTokenTest {

  @Autowired MockMvc mvc;

  @Test
  void everyTableIs401WhateverTheToken() throws Exception {
    for (String path :
        new String[] {"/api/v1/hotspots", "/api/v1/cohort/summary", "/api/v1/cohort/profiles"}) {
      mvc.perform(
              get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.TOKEN))
          .andExpect(status().isUnauthorized())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.status").value(401));
    }
  }
}
