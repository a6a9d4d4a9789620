package dev.pairing.local.console;

import dev.pairing.flags.UsageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus endpoints the console reads: the Streams runner's {@code /metrics}, Flink's
 * reporter on the JobManager and each TaskManager. One round asks each once; an endpoint that does
 * not answer (a runner being restarted, a port of a range no TaskManager took) is left out of the
 * round and its error kept for the page.
 */
final class MetricsEndpoints {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    /** {@code host:port} or {@code host:first-last}, as {@code --metrics} takes them. */
    private static final Pattern HOST_PORTS = Pattern.compile("([^:/]+):(\\d{1,5})(?:-(\\d{1,5}))?");

    private final List<URI> endpoints;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, String> status = new LinkedHashMap<>();

    MetricsEndpoints(List<URI> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        endpoints.forEach(e -> status.put(e.toString(), "not read yet"));
    }

    /**
     * The endpoints a {@code --metrics} value names: a URL as it is, or {@code host:port} and
     * {@code host:first-last} as {@code http://host:port/metrics} for each port (both engines serve
     * that path).
     *
     * @throws UsageException for anything else, or a range of more than 20 ports
     */
    static List<URI> parse(String value) throws UsageException {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            try {
                return List.of(URI.create(value));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--metrics: not a URL: " + value);
            }
        }
        Matcher matcher = HOST_PORTS.matcher(value);
        if (!matcher.matches()) {
            throw new UsageException("--metrics takes a URL, host:port or host:first-last, not " + value);
        }
        int first = Integer.parseInt(matcher.group(2));
        int last = matcher.group(3) == null ? first : Integer.parseInt(matcher.group(3));
        if (first < 1 || last > 65535 || last < first || last - first >= 20) {
            throw new UsageException("--metrics: ports " + first + "-" + last + " are not a range of at most 20 ports");
        }
        return on(matcher.group(1), first, last);
    }

    /** {@code http://host:port/metrics} for each port of {@code first..last}. */
    static List<URI> on(String host, int first, int last) {
        List<URI> uris = new ArrayList<>();
        for (int port = first; port <= last; port++) {
            uris.add(URI.create("http://" + host + ":" + port + "/metrics"));
        }
        return uris;
    }

    /** Asks every endpoint once; returns the scrapes of those that answered, by endpoint. */
    Map<String, Scrape> round() {
        Map<String, Scrape> answers = new LinkedHashMap<>();
        for (URI endpoint : endpoints) {
            String key = endpoint.toString();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    status(key, "HTTP " + response.statusCode());
                    continue;
                }
                answers.put(key, Scrape.parse(response.body()));
                status(key, "up");
            } catch (ConnectException e) {
                // a runner being restarted, or a port of a range that no process took
                status(key, "not listening");
            } catch (IOException | IllegalArgumentException e) {
                status(key, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answers;
    }

    private synchronized void status(String endpoint, String what) {
        status.put(endpoint, what);
    }

    /** Each endpoint with "up" or why the last round had no answer from it. */
    synchronized Map<String, String> status() {
        return new LinkedHashMap<>(status);
    }
}
