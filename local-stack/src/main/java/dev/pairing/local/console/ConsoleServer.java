package dev.pairing.local.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pairing.launcher.process.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's HTTP server, on loopback only (JDK's {@code com.sun.net.httpserver}): the page, its
 * script and style from this jar, and the state as JSON at {@value #STATE}. The page polls the state;
 * each page names itself in the query ({@code ?page=ID}) so that the demo can wait, before it stops,
 * until every open page has read the end. Nothing is fetched from anywhere else: the page's
 * Content-Security-Policy allows this origin only.
 */
final class ConsoleServer implements AutoCloseable {

    static final String STATE = "/api/state";
    static final String LEDGER = "/api/ledger";
    /** A page that asked within this long is open. */
    private static final Duration OPEN_PAGE = Duration.ofSeconds(3);
    private static final Pattern PAGE = Pattern.compile("(?:^|&)page=([A-Za-z0-9-]{1,64})");
    private static final String RESOURCES = "/dev/pairing/local/console/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** The last time each page asked, and whether it has read a state that was the end. */
    private record Page(long lastMillis, boolean sawTheEnd) {}

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /**
     * Starts serving.
     *
     * @param port       the port on 127.0.0.1; 0 for a free one ({@link #port()} says which)
     * @param state      the state as JSON, and whether it is the end
     * @param ledger     what a POST to {@value #LEDGER} starts, or null when the page may not ask
     * @throws UncheckedIOException when the port cannot be bound
     */
    static ConsoleServer start(int port, Supplier<State> state, Runnable ledger) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the console on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "console-http");
            thread.setDaemon(true);
            return thread;
        });
        ConsoleServer console = new ConsoleServer(server, threads);
        server.createContext("/", exchange -> console.handle(exchange, state, ledger));
        server.setExecutor(threads);
        server.start();
        return console;
    }

    /** The state as the page reads it, and whether nothing will change any more. */
    record State(String json, boolean finished) {}

    private ConsoleServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    private void handle(HttpExchange exchange, Supplier<State> state, Runnable ledger) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(STATE) && method.equals("GET")) {
                State now = state.get();
                Matcher page = PAGE.matcher(exchange.getRequestURI().getRawQuery() == null ? ""
                        : exchange.getRequestURI().getRawQuery());
                if (page.find()) {
                    pages.merge(page.group(1), new Page(System.currentTimeMillis(), now.finished()),
                            (before, seen) -> new Page(seen.lastMillis(), before.sawTheEnd() || seen.sawTheEnd()));
                }
                send(exchange, 200, "application/json; charset=utf-8", now.json().getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(LEDGER) && method.equals("POST") && ledger != null) {
                ledger.run();
                send(exchange, 202, "text/plain; charset=utf-8", "checking\n".getBytes(StandardCharsets.UTF_8));
            } else if (FILES.containsKey(path) && method.equals("GET")) {
                String file = FILES.get(path);
                send(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), resource(file));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = ConsoleServer.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IOException("the console's " + file + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Waits until every open page has read a state that was the end, so that it keeps the end
     * shown once this server stops; gives up after {@code within}.
     *
     * @return whether every open page has it
     */
    boolean awaitPagesHaveTheEnd(Duration within) {
        return Poll.until(within, Duration.ofMillis(100), () -> {
            long open = System.currentTimeMillis() - OPEN_PAGE.toMillis();
            return pages.values().stream().filter(p -> p.lastMillis() >= open).allMatch(Page::sawTheEnd);
        });
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
