package io.bankbridge.testsupport;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * The customer's hosted pages in a real browser: the distribution's headless Chromium driven through its own
 * chromedriver (nothing is downloaded), at a phone's or a desktop's window size. {@link #check} holds every page to
 * what a bank ships: no serious or critical axe-core finding (WCAG 2.2 A/AA rules), nothing loaded from another
 * origin, and a screenshot under the module's {@code target/screenshots/} for review.
 */
public final class HostedPages implements AutoCloseable {

    /** A window size a customer uses. */
    public enum Size {
        PHONE(390, 844), DESKTOP(1280, 800);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private static final Path CHROMIUM = Path.of(System.getProperty("bankbridge.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("bankbridge.chromedriver", "/usr/bin/chromedriver"));
    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    private final WebDriver driver;
    private final Size size;
    private final Path profile;
    private final Path screenshots;

    private HostedPages(Size size, String suite) {
        this.size = size;
        try {
            this.profile = Files.createTempDirectory("bankbridge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.screenshots = Path.of("target", "screenshots", suite, size.name().toLowerCase());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                // Only this machine resolves: a page that reaches for another site fails here instead of leaking out.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                "--window-size=" + size.width + "," + size.height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(size.width, size.height));
    }

    /** A fresh browser (its own profile: no cookies) at {@code size}; screenshots go under {@code suite}. */
    public static HostedPages open(Size size, String suite) {
        return new HostedPages(size, suite);
    }

    /** Whether this machine has the browser and its driver (CI installs them; see {@code .ci/run}). */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public WebDriver driver() {
        return driver;
    }

    public Size size() {
        return size;
    }

    /** Loads {@code url}. */
    public HostedPages go(String url) {
        driver.get(url);
        return this;
    }

    /** The element a customer would find by this CSS selector. */
    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The elements matching this CSS selector. */
    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Types into the field labelled {@code label} (found through its label, as a screen reader would). */
    public HostedPages fill(String label, String text) {
        WebElement field = labelled(label);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** The form control that the {@code <label>} with this text names. */
    public WebElement labelled(String label) {
        WebElement element = driver.findElement(By.xpath("//label[normalize-space(.)=" + xpathLiteral(label) + "]"));
        String target = element.getAttribute("for");
        return target == null ? element.findElement(By.cssSelector("input,select,textarea"))
                : driver.findElement(By.id(target));
    }

    /** Clicks the button or link whose visible text is {@code text}, and waits for the page it leads to. */
    public HostedPages click(String text) {
        return load(driver.findElement(By.xpath("(//button|//a|//input[@type='submit'])[normalize-space(.)="
                + xpathLiteral(text) + " or @value=" + xpathLiteral(text) + "]")));
    }

    /** Follows the link (or submits with the button) this CSS selector finds, and waits for the page it leads to. */
    public HostedPages follow(String css) {
        return load(find(css));
    }

    /**
     * Clicks {@code element} and waits until the browser has left this page and loaded the next one (a form's
     * answer may be a chain of redirects): a click alone may return before the navigation it starts.
     */
    private HostedPages load(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> {
            try {
                page.getTagName();
                return false;
            } catch (WebDriverException gone) {
                // stale, or (as chromedriver may say) no longer in the document: the browser has left the page
                return true;
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Holds the page on screen to the bank's bar: no serious or critical axe-core violation, no resource from another
     * origin, a {@code <title>} and a {@code lang}; and saves its screenshot as {@code name}.png.
     */
    public HostedPages check(String name) {
        screenshot(name);
        Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
        List<Rule> failing = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact())).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(name + " (" + size + ") has accessibility violations:\n" + failing.stream()
                    .map(rule -> "  " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                            + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
                    .collect(Collectors.joining("\n")));
        }
        List<String> foreign = thirdPartyResources();
        if (!foreign.isEmpty()) {
            throw new AssertionError(name + " refers to resources of another origin: " + foreign);
        }
        return this;
    }

    /**
     * Holds the page to the narrowest phone screen: at {@code width} CSS pixels nothing overflows sideways
     * ({@code document.documentElement.scrollWidth <= window.innerWidth}). The viewport is that narrow only while this
     * runs; the page is photographed there as {@code name}.png.
     */
    @SuppressWarnings("unchecked")
    public HostedPages checkFits(int width, String name) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", size.height, "deviceScaleFactor", 1, "mobile", false));
        try {
            screenshot(name);
            Map<String, Object> layout = (Map<String, Object>) chrome.executeScript("""
                    const inner = window.innerWidth;
                    return {scroll: document.documentElement.scrollWidth, inner: inner,
                            wide: [...document.querySelectorAll('body *')]
                                .filter(e => e.getBoundingClientRect().right > inner)
                                .slice(0, 5).map(e => e.outerHTML.slice(0, 120))};""");
            long scroll = ((Number) layout.get("scroll")).longValue();
            long inner = ((Number) layout.get("inner")).longValue();
            if (inner != width || scroll > inner) {
                throw new AssertionError(name + " is " + scroll + " px wide in a " + inner + " px window (asked for "
                        + width + " px); too wide: " + layout.get("wide"));
            }
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        return this;
    }

    /**
     * Every URL the page loaded or refers to for loading (scripts, styles, images, fonts, frames, form targets aside)
     * that is neither this page's origin nor a {@code data:} URI.
     */
    @SuppressWarnings("unchecked")
    public List<String> thirdPartyResources() {
        List<String> urls = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                const urls = performance.getEntriesByType('resource').map(e => e.name);
                document.querySelectorAll('[src],link[href],object[data],[srcset]').forEach(e =>
                    urls.push(e.src || e.href || e.data || e.getAttribute('srcset')));
                for (const sheet of document.styleSheets) {
                    try { for (const rule of sheet.cssRules) {
                        for (const m of rule.cssText.matchAll(/url\\(["']?([^"')]+)/g)) urls.push(new URL(m[1], sheet.href || location.href).href);
                    } } catch (e) { urls.push(sheet.href); }
                }
                return urls;""");
        URI page = URI.create(driver.getCurrentUrl());
        return urls.stream().filter(url -> url != null && !url.startsWith("data:"))
                .filter(url -> {
                    URI uri = URI.create(url.trim().split("\\s")[0]);
                    return uri.getHost() != null && !(page.getScheme().equals(uri.getScheme())
                            && page.getHost().equals(uri.getHost()) && page.getPort() == uri.getPort());
                }).distinct().toList();
    }

    /** Writes the whole visible window as {@code target/screenshots/<suite>/<size>/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
            Path file = screenshots.resolve(name + ".png");
            Files.move(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
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
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "',\"'\",'") + "')";
    }
}
