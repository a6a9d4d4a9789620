package dev.pairing.local.console;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pairing.launcher.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A real headless Chromium, driven through Debian's {@code chromedriver} by the W3C WebDriver
 * protocol (JSON over HTTP, which the JDK's client speaks): open a page, run a script in it, take a
 * screenshot, read what the page logged to its console. Only what the console's test needs.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(30);

    private final Process driver;
    private final URI session;
    private final HttpClient http = HttpClient.newHttpClient();

    private HeadlessChromium(Process driver, URI session) {
        this.driver = driver;
        this.session = session;
    }

    /** Chromium and its driver, when both are installed: {@code chromium} and {@code chromedriver} on the PATH. */
    public static Optional<Path[]> installed() {
        Optional<Path> browser = onPath("chromium").or(() -> onPath("chromium-browser")).or(() -> onPath("google-chrome"));
        Optional<Path> driver = onPath("chromedriver");
        return browser.isPresent() && driver.isPresent() ? Optional.of(new Path[] {browser.get(), driver.get()})
                : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts the driver on a free port and a browser session with the page's console logged. */
    public static HeadlessChromium start(Path browser, Path driverBinary, Path logDir) throws Exception {
        int port = Ports.freePort();
        Files.createDirectories(logDir);
        Process driver = new ProcessBuilder(driverBinary.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(logDir.resolve("chromedriver.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        try {
            await("chromedriver on port " + port).atMost(START).pollInterval(Duration.ofMillis(200))
                    .until(() -> ready(http, base));
            ObjectNode options = JSON.createObjectNode();
            options.put("binary", browser.toString());
            options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                    .add("--disable-dev-shm-usage").add("--window-size=1400,1800")
                    .add("--user-data-dir=" + logDir.resolve("profile"));
            ObjectNode always = JSON.createObjectNode();
            always.put("browserName", "chrome");
            always.set("goog:chromeOptions", options);
            always.putObject("goog:loggingPrefs").put("browser", "ALL");
            ObjectNode request = JSON.createObjectNode();
            request.putObject("capabilities").set("alwaysMatch", always);
            JsonNode created = send(http, "POST", base.resolve("/session"), request);
            return new HeadlessChromium(driver, base.resolve("/session/" + created.get("sessionId").asText() + "/"));
        } catch (Exception e) {
            driver.destroyForcibly();
            throw e;
        }
    }

    private static boolean ready(HttpClient http, URI base) {
        try {
            return send(http, "GET", base.resolve("/status"), null).path("ready").asBoolean();
        } catch (IOException e) {
            return false;
        }
    }

    /** Opens {@code url}; returns once the document has loaded. */
    public void open(URI url) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("url", url.toString());
        send(http, "POST", session.resolve("url"), body);
    }

    /** The value of {@code return ...;} run in the page. */
    public JsonNode script(String script) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return send(http, "POST", session.resolve("execute/sync"), body);
    }

    /** A PNG of the viewport, written to {@code file}. */
    public void screenshot(Path file) throws IOException {
        JsonNode png = send(http, "GET", session.resolve("screenshot"), null);
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png.asText()));
    }

    /** What the page logged to its console since the last call, and the browser's own errors (a failed fetch, a script error). */
    public List<String> consoleEntries() throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "browser");
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : send(http, "POST", session.resolve("se/log"), body)) {
            entries.add(entry.path("level").asText() + " " + entry.path("message").asText());
        }
        return entries;
    }

    private static JsonNode send(HttpClient http, String method, URI uri, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IOException("WebDriver " + method + " " + uri + ": HTTP " + response.statusCode() + " "
                        + answer.path("value").path("message").asText(response.body()));
            }
            return answer.path("value");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            send(http, "DELETE", URI.create(session.toString().replaceAll("/$", "")), null);
        } catch (IOException e) {
            // the driver goes below anyway, and the browser with it
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }
}
