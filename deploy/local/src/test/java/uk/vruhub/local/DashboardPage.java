package uk.vruhub.local;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import uk.vruhub.testkit.browser.Browser;

/** A page of the dashboard in the shared browser: opened with a recipient's token, then driven. */
final class DashboardPage {

  private final DashboardHub.Running hub;

  DashboardPage(DashboardHub.Running hub) {
    this.hub = hub;
  }

  WebDriver driver() {
    return hub.browser.driver();
  }

  /** Opens a page and pastes the recipient's token, as a reader would; waits until it is filled. */
  DashboardPage open(String path, String recipient) {
    driver().get(hub.url + "/" + path);
    awaitReady();
    WebElement input = driver().findElement(By.id("hub-token-input"));
    input.sendKeys(hub.token(recipient));
    driver().findElement(By.id("hub-token-use")).click();
    hub.browser.await(
        Browser.PAGE_TIMEOUT,
        d ->
            d.findElements(By.id("hub-recipient")).stream()
                .anyMatch(e -> e.getText().contains(recipient)));
    awaitReady();
    return this;
  }

  /** Waits until the page has finished its latest update. */
  void awaitReady() {
    hub.browser.await(
        Browser.PAGE_TIMEOUT,
        d -> "true".equals(d.findElement(By.id("main")).getDomAttribute("data-ready")));
  }

  /** Chooses an option of a select by its value and waits for the page to update. */
  void choose(String selectId, String value) {
    new Select(driver().findElement(By.id(selectId))).selectByValue(value);
    awaitReady();
  }

  String text(String id) {
    return driver().findElement(By.id(id)).getText();
  }

  Browser browser() {
    return hub.browser;
  }
}
