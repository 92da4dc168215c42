package io.promptgate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}) driving the
 * console, with a fresh profile, the waits the console's Ajax needs, and screenshots saved under
 * {@code target/console-screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = ItPaths.buildDir().resolve("console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    ConsoleBrowser(String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("promptgate-chromium-");
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
        waitForAjax();
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    WebElement find(String cssSelector) {
        return until(d -> d.findElements(By.cssSelector(cssSelector)).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    /** An element by its JSF client id (with colons). */
    WebElement byId(String clientId) {
        return until(d -> d.findElements(By.id(clientId)).stream().findFirst().orElse(null));
    }

    void type(String clientId, String text) {
        WebElement input = byId(clientId);
        input.clear();
        input.sendKeys(text);
    }

    void click(String clientId) {
        byId(clientId).click();
        waitForAjax();
    }

    /** Clicks a button that posts the whole page (ajax="false") and waits until the next page has replaced it. */
    void submit(String clientId) {
        // The old document is marked, and the next one is the window without the mark. (Selenium's
        // stalenessOf asks the old element, which Chromium may answer with an inspector error
        // instead of "stale" while the page is being replaced.)
        script("window.promptgateOldPage = true;");
        byId(clientId).click();
        new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class)
                .until(d -> Boolean.FALSE.equals(script("return window.promptgateOldPage === true;")) ? Boolean.TRUE : null);
        waitForAjax();
    }

    /** Picks a value of a PrimeFaces select-one menu through its widget, then fires its change (and Ajax) as a pick does. */
    void select(String widgetVar, String value) {
        script("var menu = PF('" + widgetVar + "'); menu.selectValue(arguments[0]); menu.input.trigger('change');", value);
        waitForAjax();
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /** Lets the page read the clipboard, as a person's browser would after a prompt. */
    void allowClipboard() {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    String text(String clientId) {
        return byId(clientId).getText();
    }

    String pageText() {
        return until(d -> d.findElement(By.tagName("body")).getText()); // a page being replaced is read again
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        if (fromReplacedDocument(e)) {
                            return null; // asked again, of the page that replaced it
                        }
                        throw e;
                    }
                });
    }

    /** Chromium's answer about an element of a page that has just been replaced, instead of "stale". */
    private static boolean fromReplacedDocument(WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /** Waits until the document is loaded and no PrimeFaces Ajax request is queued or running. */
    void waitForAjax() {
        until(d -> Boolean.TRUE.equals(script("return document.readyState === 'complete'"
                + " && (!window.PrimeFaces || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty())"
                + " && (!window.jQuery || jQuery.active === 0);")) ? Boolean.TRUE : null);
    }

    void screenshot(String name) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The screen and page source as they were when a test failed: {@code failed-<name>.png / .html}. */
    void saveFailure(String name) {
        try {
            screenshot("failed-" + name);
            Files.writeString(SCREENSHOTS.resolve("failed-" + name + ".html"), driver.getPageSource());
        } catch (RuntimeException | IOException e) {
            // the browser may be gone; the failure itself is reported anyway
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
