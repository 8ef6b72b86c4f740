package uk.vruhub.testkit.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the hub's browser tests, driven by Selenium with the system's {@code
 * chromium} and {@code chromedriver} (Debian's {@code chromium} and {@code chromium-driver}; {@code
 * CHROME_BIN} and {@code CHROMEDRIVER} name others). Nothing is downloaded: Selenium Manager is
 * never asked, since both paths are given.
 *
 * <p>The hub's HTTPS certificates come from its own test CA. Chromium is told to accept chains
 * holding that CA's public key ({@code --ignore-certificate-errors-spki-list} with the SHA-256 of
 * its SubjectPublicKeyInfo), not to ignore certificate errors in general: a certificate of any
 * other CA is still refused. Chromium honours the flag only with a profile folder of its own, which
 * each browser gets.
 *
 * <p>Without Chromium the tests are skipped with a message, unless the environment says {@code
 * CI=true}: there they fail, so that CI cannot pass without running them.
 */
public final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private Browser(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? otherwise : v;
  }

  /**
   * Skips the calling test (a JUnit assumption) when Chromium or its driver is missing; fails it
   * instead when {@code CI=true}.
   */
  public static void assumeInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (installed) {
      return;
    }
    String message =
        "Browser tests need Chromium and its driver: "
            + CHROMIUM
            + (Files.isExecutable(CHROMIUM) ? " is there, " : " is missing, ")
            + CHROMEDRIVER
            + (Files.isExecutable(CHROMEDRIVER) ? " is there" : " is missing")
            + " (apt-get install chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + "; CI=true requires them");
    }
    Assumptions.abort(message);
  }

  /**
   * A headless browser that trusts the CA of {@code caCertificate} (PEM) and saves screenshots in
   * {@code screenshots}.
   */
  public static Browser start(Path caCertificate, Path screenshots) {
    assumeInstalled();
    try {
      Files.createDirectories(screenshots);
      Path profile = Files.createTempDirectory("hub-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--no-first-run",
          "--window-size=1400,1500",
          "--lang=en-GB",
          "--user-data-dir=" + profile,
          "--ignore-certificate-errors-spki-list=" + spkiPin(caCertificate));
      ChromeDriverService service =
          new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
      return new Browser(new ChromeDriver(service, options), profile, screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's flag wants. */
  static String spkiPin(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] spki = cert.getPublicKey().getEncoded();
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CA certificate " + pem, e);
    } catch (CertificateException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot read the CA certificate " + pem, e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Waits up to {@code timeout} for a condition of the page, e.g. an element's text; an element the
   * page replaced while the condition read it is read again.
   */
  public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout)
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  /**
   * Saves the top of the page (the window's size) as {@code <name>.png} in the screenshot folder;
   * returns the file.
   */
  public Path screenshot(String name) {
    Path file = screenshots.resolve(name + ".png");
    driver.executeScript("window.scrollTo(0, 0)");
    try {
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the screenshot " + file, e);
    }
    return file;
  }

  /**
   * Runs axe-core on the page (WCAG 2.0, 2.1 and 2.2, A and AA) and fails on any violation whose
   * impact is serious or critical, listing each rule, its help and the elements it found.
   */
  public void assertAccessible() {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
            .analyze(driver);
    List<Rule> serious =
        results.getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .toList();
    if (!serious.isEmpty()) {
      throw new AssertionError(
          "axe-core found serious accessibility violations on "
              + driver.getCurrentUrl()
              + ":\n"
              + serious.stream()
                  .map(
                      r ->
                          "  "
                              + r.getId()
                              + " ("
                              + r.getImpact()
                              + "): "
                              + r.getHelp()
                              + " — "
                              + r.getNodes().stream()
                                  .limit(5)
                                  .map(n -> String.valueOf(n.getTarget()))
                                  .collect(Collectors.joining(", ")))
                  .collect(Collectors.joining("\n")));
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A profile folder left in the temp folder harms nothing.
    }
  }

  /** How long pages of a hub under test may take to fill. */
  public static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
}
