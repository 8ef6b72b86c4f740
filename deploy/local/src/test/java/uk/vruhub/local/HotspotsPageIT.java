package uk.vruhub.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The hotspot map in headless Chromium against a local hub with the demo's data: it draws every
 * LSOA of the synthetic area, the demo's planted hotspot tops its month, the definition changes the
 * counts, a suppressed cell is drawn and listed as suppressed (never 0), and axe-core finds no
 * serious accessibility violation. Each test saves a screenshot under target/screenshots.
 */
@ExtendWith(DashboardHub.class)
class HotspotsPageIT {

  private static DashboardPage analyst(DashboardHub.Running hub) {
    return new DashboardPage(hub).open("hotspots.html", "vru-analyst");
  }

  @Test
  void theMapDrawsEveryLsoaOfTheArea(DashboardHub.Running hub) throws Exception {
    DashboardPage page = analyst(hub);
    long lsoas = Files.readAllLines(hub.dataDir.resolve("demo/geography/areas.csv")).size() - 1L;
    List<WebElement> paths = page.driver().findElements(By.cssSelector("#map path.lsoa"));
    assertThat(paths).hasSize((int) lsoas);
    assertThat(page.driver().findElements(By.cssSelector("#map path.ward"))).isNotEmpty();
    assertThat(page.text("map-summary")).startsWith(lsoas + " LSOAs drawn");
    assertThat(page.text("hub-as-of")).startsWith("Data as of ").doesNotContain("unknown");
    assertThat(page.text("hub-level")).isEqualTo("Level 1");
    assertThat(page.text("hub-policy")).contains("demo-vru-isa v1.0.0");
    page.browser().screenshot("hotspots");
    page.browser().assertAccessible();
  }

  @Test
  void thePlantedHotspotIsInTheTopTableOfItsMonth(DashboardHub.Running hub) throws Exception {
    String[] planted =
        hub.plantedHotspots().stream()
            .max(Comparator.comparingInt((String[] p) -> Integer.parseInt(p[3])))
            .orElseThrow();
    DashboardPage page = analyst(hub);
    page.choose("period", "MONTH");
    page.choose("start", planted[2]);
    assertThat(page.text("top-table")).as("top table of %s", planted[2]).contains(planted[0]);
    // Its ward, close up: the map zooms to it and the table keeps to it.
    String ward =
        Files.readAllLines(hub.dataDir.resolve("demo/geography/areas.csv")).stream()
            .map(l -> l.split(","))
            .filter(r -> r[0].equals(planted[0]))
            .findFirst()
            .orElseThrow()[2];
    page.choose("ward", ward);
    assertThat(page.text("top-table")).contains(planted[0]);
    page.choose("trend-area", planted[0]);
    page.browser().screenshot("hotspots-planted");
  }

  @Test
  void switchingTheDefinitionChangesTheCounts(DashboardHub.Running hub) {
    DashboardPage page = analyst(hub);
    page.choose("period", "MONTH");
    Select definitions = new Select(page.driver().findElement(By.id("definition")));
    List<String> ids =
        definitions.getOptions().stream().map(o -> o.getDomAttribute("value")).toList();
    assertThat(ids).hasSizeGreaterThan(1);
    String first = page.text("top-table") + page.text("map-summary");
    page.choose("definition", ids.get(ids.size() - 1));
    String other = page.text("top-table") + page.text("map-summary");
    assertThat(other).isNotEqualTo(first);
    page.browser().screenshot("hotspots-definition");
  }

  @Test
  void aSuppressedCellIsDrawnAndListedAsSuppressed(DashboardHub.Running hub) {
    DashboardPage page = analyst(hub);
    List<WebElement> suppressed =
        page.driver().findElements(By.cssSelector("#map path.lsoa.suppressed"));
    assertThat(suppressed).as("the month shown has suppressed cells").isNotEmpty();
    assertThat(suppressed.get(0).getDomAttribute("fill")).isEqualTo("url(#hub-hatch)");
    assertThat(page.text("legend")).contains("suppressed");
    String code = suppressed.get(0).getDomAttribute("data-code");
    // By keyboard: the area is focusable and Enter shows its trend.
    suppressed.get(0).sendKeys(Keys.ENTER);
    page.awaitReady();
    assertThat(
            new Select(page.driver().findElement(By.id("trend-area")))
                .getFirstSelectedOption()
                .getDomAttribute("value"))
        .isEqualTo(code);
    String period =
        new Select(page.driver().findElement(By.id("start")))
            .getFirstSelectedOption()
            .getDomAttribute("value");
    WebElement row =
        page.driver()
            .findElement(
                By.xpath(
                    "//table[@id='trend-data']//tr[td[1][normalize-space()='" + period + "']]"));
    assertThat(row.findElement(By.xpath("td[2]")).getText()).isEqualTo("suppressed");
    page.browser().screenshot("hotspots-suppressed");
  }
}
