package dev.pairing.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A process's HTTP endpoint for operating it, on one port of every interface:
 * <ul>
 *   <li>{@code /metrics}: Prometheus' text format (or OpenMetrics, as the scraper asks), served by
 *       Prometheus' Java client: the collectors given (a Kafka client's metrics, the pipeline's among
 *       them) and the JVM's ({@code jvm_*}, {@code process_*});</li>
 *   <li>{@code /health/live} and {@code /health/ready}: 200 or 503 with a one-line JSON body, for a
 *       Kubernetes liveness and readiness probe.</li>
 * </ul>
 * Each process has its own registry, so several in one JVM (tests) do not share metrics.
 */
public final class OperationsEndpoint implements AutoCloseable {

    /** The paths, for probes and docs. */
    public static final String METRICS = "/metrics";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    private final HttpServer server;
    private final ExecutorService threads;

    private OperationsEndpoint(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving.
     *
     * @param port       the port; 0 for any free one ({@link #port()} says which)
     * @param health     what the probes are told
     * @param collectors the process's own metrics, beside the JVM's
     * @return the running endpoint
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static OperationsEndpoint start(int port, Health health, MultiCollector... collectors) {
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        for (MultiCollector collector : collectors) {
            registry.register(collector);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics and health on port " + port + ": " + e.getMessage(), e);
        }
        server.createContext(METRICS, new MetricsHandler(registry));
        server.createContext(LIVE, exchange -> answer(exchange, health::live));
        server.createContext(READY, exchange -> answer(exchange, health::ready));
        // two threads: a scrape and a probe never wait for each other
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "operations-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        return new OperationsEndpoint(server, threads);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void answer(HttpExchange exchange, Supplier<Health.Status> question) throws IOException {
        Health.Status status;
        try {
            status = question.get();
        } catch (RuntimeException e) {
            status = Health.Status.down("cannot tell: " + e);
        }
        byte[] body = ("{\"status\":\"" + (status.ok() ? "UP" : "DOWN") + "\",\"detail\":\"" + json(status.detail())
                + "\"}\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status.ok() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String json(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
