package org.openpaypro.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser-test harness (issue 14): Debian's headless Chromium ({@code /usr/bin/chromium}) driven through
 * {@code /usr/bin/chromedriver}, started once per test class. Tests read pages as a person would: fields by their
 * label, buttons and links by their visible text. After every page it checks that the browser logged no console
 * error and requested nothing outside the gateway's origin (and the host resolver maps every other name to
 * nowhere, so nothing can leave the machine anyway), then saves a screenshot under
 * {@code server/target/screenshots/}. Not thread-safe: one test at a time drives it.
 */
public final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final String origin;
    private final String name;
    private final List<String> pagesSeen = new ArrayList<>();
    private int shots;
    private final List<String> serverErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, String origin, String name) {
        this.driver = driver;
        this.origin = origin;
        this.name = name;
    }

    /** Starts Chromium for pages of {@code origin} ({@code http://localhost:port}); {@code name} prefixes shots. */
    public static Browser start(String origin, String name) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--password-store=basic",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL", "performance", "ALL"));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, origin, name);
    }

    /** Opens a path of the gateway and checks the page. */
    public Browser open(String path) {
        driver.get(origin + path);
        return checked();
    }

    /** Types into the input, select or text area labelled {@code label} (replacing what was there). */
    public Browser fill(String label, String value) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Chooses the option with visible text {@code option} in the select labelled {@code label}. */
    public Browser choose(String label, String option) {
        new Select(field(label)).selectByVisibleText(option);
        return this;
    }

    /** Clicks the button with this visible text (the first, when there are several), then checks the new page. */
    public Browser press(String buttonText) {
        WebElement page = driver.findElement(By.tagName("html"));
        button(buttonText).click();
        return afterNavigationFrom(page);
    }

    /**
     * Checks the page a click led to, once the browser has left {@code page}: a confirm dialog (accepted by the
     * driver) makes the form's navigation start after the click returns, and checking before it would read the old
     * page's URL next to the new page's log.
     */
    private Browser afterNavigationFrom(WebElement page) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(browser -> left(page));
        } catch (TimeoutException stayed) {
            // the click did not navigate (e.g. a button that only changes the page): check it as it is
        }
        return checked();
    }

    /** Whether {@code page} is gone (Chromium says so as a stale element or as a node "not in the document"). */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (WebDriverException gone) {
            return true;
        }
    }

    /** Clicks the button with this text inside the form that also holds {@code fieldLabel}'s field. */
    public Browser pressIn(String fieldLabel, String buttonText) {
        WebElement page = driver.findElement(By.tagName("html"));
        WebElement form = field(fieldLabel).findElement(By.xpath("ancestor::form"));
        form.findElement(By.xpath(".//button[normalize-space(.)=" + literal(buttonText) + "]")).click();
        return afterNavigationFrom(page);
    }

    /** Follows the link with this visible text, then checks the new page. */
    public Browser follow(String linkText) {
        driver.findElement(By.xpath("//a[normalize-space(.)=" + literal(linkText) + "]")).click();
        return checked();
    }

    /** The field a {@code <label>} with this text (its own text, before any hint) points at. */
    public WebElement field(String label) {
        for (WebElement candidate : driver.findElements(By.tagName("label"))) {
            String own = (String) driver.executeScript("return arguments[0].firstChild ? "
                    + "arguments[0].firstChild.textContent.trim() : '';", candidate);
            if (own.equals(label) && candidate.getAttribute("for") != null) {
                return driver.findElement(By.id(candidate.getAttribute("for")));
            }
        }
        throw new NoSuchElementException("no field labelled '" + label + "' on " + driver.getCurrentUrl());
    }

    public boolean hasField(String label) {
        try {
            field(label);
            return true;
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    /** Presses "Log out" when the page has it (portal and console alike); else leaves the page as it is. */
    public void logOut() {
        if (hasButton("Log out")) {
            press("Log out");
        }
    }

    public boolean hasButton(String text) {
        return !driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(text) + "]")).isEmpty();
    }

    public boolean hasLink(String text) {
        return !driver.findElements(By.xpath("//a[normalize-space(.)=" + literal(text) + "]")).isEmpty();
    }

    /** The page's visible text. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The visible text of the element with this id. */
    public String textOf(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The path (and query) of the page shown. */
    public String path() {
        return driver.getCurrentUrl().substring(origin.length());
    }

    /** The href of the link with this visible text, as a path of the gateway. */
    public String linkTarget(String linkText) {
        String href = driver.findElement(By.xpath("//a[normalize-space(.)=" + literal(linkText) + "]"))
                .getAttribute("href");
        return href.startsWith(origin) ? href.substring(origin.length()) : href;
    }

    /** The cookies the browser holds for the gateway, as a Cookie header (for fetching a CSV the page links). */
    public String cookieHeader() {
        return driver.manage().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }

    public org.openqa.selenium.Cookie cookie(String cookieName) {
        return driver.manage().getCookieNamed(cookieName);
    }

    /** Every page this browser checked, in order (path of each). */
    public List<String> pagesSeen() {
        return List.copyOf(pagesSeen);
    }

    private WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space(.)=" + literal(text) + "]"));
    }

    /** Checks the page now shown: no console error, no request outside the origin; saves its screenshot. */
    private Browser checked() {
        String url = driver.getCurrentUrl();
        pagesSeen.add(url.startsWith(origin) ? url.substring(origin.length()) : url);
        screenshot(url);
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !statusOfTheDocumentItself(entry, url)) {
                problems.add("console error: " + entry.getMessage());
            }
        }
        List<String> requested = requestedUrls();
        for (String failed : serverErrors) {
            problems.add("server error: " + failed);
        }
        serverErrors.clear();
        for (String asked : requested) {
            if (!asked.startsWith(origin + "/") && !asked.equals(origin) && !asked.startsWith("data:")) {
                problems.add("request outside the gateway: " + asked);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("on " + url + ": " + String.join("; ", problems));
        }
        return this;
    }

    /**
     * Chromium logs a refused page's own status (401, 403, 422, 429) as "Failed to load resource": that is the
     * answer the test asked for, not an error of the page.
     */
    private static boolean statusOfTheDocumentItself(LogEntry entry, String url) {
        String message = entry.getMessage();
        return message.startsWith(url.replaceAll("#.*$", "") + " - Failed to load resource: the server responded");
    }

    private List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                String method = message.path("method").asText();
                if (method.equals("Network.requestWillBeSent")) {
                    urls.add(message.path("params").path("request").path("url").asText());
                } else if (method.equals("Network.responseReceived")
                        && message.path("params").path("response").path("status").asInt() >= 500) {
                    serverErrors.add(message.path("params").path("response").path("status").asInt() + " "
                            + message.path("params").path("response").path("url").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }

    private void screenshot(String url) {
        try {
            Files.createDirectories(SCREENSHOTS);
            String page = url.replaceFirst("^https?://[^/]+", "").replaceAll("[^A-Za-z0-9]+", "-")
                    .replaceAll("^-|-$", "");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%s-%03d-%s.png", name, ++shots,
                    page.isEmpty() ? "root" : page)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the current page's screenshot to {@code target} as well (the README's images are taken so). */
    public void saveScreenshot(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every cookie (a fresh visitor; a failed test leaves no session behind). */
    public void forgetCookies() {
        driver.manage().deleteAllCookies();
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
