package dev.tracekit.collector.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The installed headless Chromium driven through the installed chromedriver (never one that
 * Selenium Manager would download), with a fresh profile that is deleted on close.
 */
final class Chromium implements AutoCloseable {

  static final Path BROWSER = Paths.get("/usr/bin/chromium");
  static final Path DRIVER = Paths.get("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  final ChromeDriver driver;
  private final Path profile;

  /** Whether the browser tests can run here; in CI they must (a missing browser fails them). */
  static boolean availableOrRequired() {
    return (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) || "true".equals(System.getenv("CI"));
  }

  Chromium() {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException("CI=true but " + BROWSER + " or " + DRIVER
          + " is missing: install chromium and chromium-driver (.ci/run does)");
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    try {
      profile = Files.createTempDirectory("tracekit-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--window-size=1280,800", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /** Makes the page's viewport exactly width x height CSS pixels. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
    @SuppressWarnings("unchecked")
    java.util.List<Number> size = (java.util.List<Number>) inner;
    int dw = width - size.get(0).intValue();
    int dh = height - size.get(1).intValue();
    if (dw != 0 || dh != 0) {
      driver.manage().window().setSize(new Dimension(width + dw, height + dh));
    }
  }

  /** Saves a PNG of the viewport as target/screenshots/{name}.png. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover temp profile is harmless.
      }
    }
  }
}
