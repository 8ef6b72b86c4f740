package uk.vruhub.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's static pages and their vendored libraries are served with the strict headers; the
 * pages hold nothing the Content-Security-Policy would block (inline script, style attributes,
 * other origins); and the boundaries endpoint asks for a token and says what to configure when no
 * boundary file is set.
 */
@WebMvcTest(
    controllers = {RecipientController.class, BoundariesController.class},
    properties =
        "hub.aggregator.http.recipient-tokens.csp-partners=" + AnalystControllerTest.CSP_SHA256)
@Import(AnalystControllerTest.Stores.class)
class DashboardPagesTest {

  private static final Path STATIC = Path.of("src/main/resources/static");

  @Autowired MockMvc mvc;

  @Test
  void pagesAndLibrariesAreServedWithTheStrictHeaders() throws Exception {
    for (String path :
        List.of(
            "/index.html",
            "/hotspots.html",
            "/cohort.html",
            "/tracker.html",
            "/governance.html",
            "/hub.js",
            "/webjars/leaflet/1.9.4/dist/leaflet.js",
            "/webjars/chart.js/4.4.7/dist/chart.umd.js")) {
      mvc.perform(get(path))
          .andExpect(status().isOk())
          .andExpect(
              header().string("Content-Security-Policy", containsString("default-src 'self'")))
          .andExpect(header().string("X-Content-Type-Options", "nosniff"))
          .andExpect(header().string("X-Frame-Options", "DENY"));
    }
  }

  @Test
  void httpsAnswersAskForHttpsOnlyAndPlainOnesDoNot() throws Exception {
    mvc.perform(get("/index.html").secure(true))
        .andExpect(status().isOk())
        .andExpect(header().string("Strict-Transport-Security", "max-age=31536000"));
    mvc.perform(get("/api/v1/recipient").secure(true))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("Strict-Transport-Security", "max-age=31536000"));
    mvc.perform(get("/index.html").secure(false))
        .andExpect(header().doesNotExist("Strict-Transport-Security"));
  }

  @Test
  void pagesHoldNoInlineScriptStyleAttributeOrOtherOrigin() throws IOException {
    Pattern inlineScript =
        Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern styleAttribute = Pattern.compile("\\sstyle=", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    try (Stream<Path> files = Files.list(STATIC)) {
      for (Path page : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(inlineScript.matcher(html).find()).as("inline script in %s", page).isFalse();
        assertThat(styleAttribute.matcher(html).find()).as("style attribute in %s", page).isFalse();
        assertThat(handler.matcher(html).find())
            .as("event handler attribute in %s", page)
            .isFalse();
        assertThat(html).as("another origin in %s", page).doesNotContain("http://", "https://");
        assertThat(html).contains("lang=\"en\"", "<title>", "id=\"hub-banner\"");
      }
    }
  }

  @Test
  void boundariesNeedATokenAndSayWhatToConfigure() throws Exception {
    mvc.perform(get("/api/v1/boundaries")).andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/v1/boundaries")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.CSP_TOKEN))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail", containsString("hub.aggregator.dashboard.boundaries")));
    mvc.perform(
            get("/api/v1/boundaries")
                .param("level", "county")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + AnalystControllerTest.CSP_TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.parameter", is("level")));
  }
}
