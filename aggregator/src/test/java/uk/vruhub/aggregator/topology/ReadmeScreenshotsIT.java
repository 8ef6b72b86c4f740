package uk.vruhub.aggregator.topology;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import uk.vruhub.testkit.browser.Browser;

/**
 * Takes the README's screenshots of the data tracker and governance pages from a running hub with
 * the demo's data, e.g. {@code ./hub --demo-withhold health:5}, then {@code ./mvnw -pl aggregator
 * verify -Dit.test=ReadmeScreenshotsIT -Dreadme.screens.base=https://localhost:8090
 * -Dreadme.screens.ca=$PWD/.hub/secrets/tls/ca.crt
 * -Dreadme.screens.token-file=$PWD/.hub/secrets/tokens/vru-analyst}; they are written to {@code
 * docs/screenshots/}. Skipped unless the three properties are given.
 */
class ReadmeScreenshotsIT {

  @Test
  void trackerAndGovernance() throws Exception {
    String base = System.getProperty("readme.screens.base");
    String ca = System.getProperty("readme.screens.ca");
    String tokenFile = System.getProperty("readme.screens.token-file");
    Assumptions.assumeTrue(
        base != null && ca != null && tokenFile != null,
        "Takes the README's screenshots only when -Dreadme.screens.base, .ca and .token-file are"
            + " given");
    String token = java.nio.file.Files.readString(Path.of(tokenFile)).strip();
    try (Browser browser = Browser.start(Path.of(ca), Path.of("../docs/screenshots"))) {
      DashboardPages pages = new DashboardPages(browser, base);
      pages.open("tracker.html", token);
      pages.awaitElement("feeds-table");
      browser.assertAccessible();
      pages.fitHeight(4000);
      browser.screenshot("tracker");
      pages.open("governance.html", null);
      pages.awaitElement("audit-table");
      browser.assertAccessible();
      pages.fitHeight(2200);
      browser.screenshot("governance");
    }
  }
}
