package dev.pairing.local.monitoring;

import dev.pairing.launcher.process.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A real Prometheus server (Debian's {@code prometheus} binary) on a loopback port, with the
 * configuration it is given, storing in a directory of its own, and its HTTP query API.
 */
final class PrometheusServer implements AutoCloseable {

    /** One series of an instant query's answer: its labels and its value. */
    record Sample(Map<String, String> labels, double value) {}

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The binary on the PATH, if it is installed. */
    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static PrometheusServer start(Path binary, Path config, Path dir, int port) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        return new PrometheusServer(process, port);
    }

    boolean ready() {
        return HttpProbe.answersOk(URI.create(base() + "/-/ready"), Duration.ofSeconds(5));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** An instant query's series; fails on anything but a successful vector answer. */
    @SuppressWarnings("unchecked")
    List<Sample> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> answer = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(response.body());
        if (response.statusCode() != 200 || !"success".equals(answer.get("status"))) {
            throw new AssertionError("Prometheus refused " + promql + ": " + response.body());
        }
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        if (!"vector".equals(data.get("resultType"))) {
            throw new AssertionError(promql + " gave a " + data.get("resultType") + ", not a vector");
        }
        List<Sample> samples = new ArrayList<>();
        for (Object item : (List<Object>) data.get("result")) {
            Map<String, Object> series = (Map<String, Object>) item;
            Map<String, String> labels = new TreeMap<>();
            ((Map<String, Object>) series.get("metric")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
            samples.add(new Sample(labels, Double.parseDouble(String.valueOf(((List<Object>) series.get("value")).get(1)))));
        }
        return samples;
    }

    /** The query's series as label value -> value, for a query that groups by {@code by} (and one job). */
    Map<String, Double> byLabel(String promql, String by) throws IOException, InterruptedException {
        Map<String, Double> values = new TreeMap<>();
        for (Sample sample : query(promql)) {
            values.put(sample.labels().getOrDefault(by, ""), sample.value());
        }
        return values;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
