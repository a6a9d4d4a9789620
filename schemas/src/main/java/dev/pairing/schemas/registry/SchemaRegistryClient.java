package dev.pairing.schemas.registry;

import dev.pairing.schemas.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few calls of Confluent's schema registry REST API this project needs (schema by id, register
 * or look up under a subject), on Java's own HTTP client, so it works against any registry that
 * speaks that API (Confluent's, Apicurio's {@code /apis/ccompat/v7}, Karapace, Redpanda).
 *
 * <p>What counts as an answer about a schema id is Confluent's error code, never the HTTP status
 * alone: only {@code 40403} says the registry does not know the id. Any other failure (a 404 of a
 * proxy or a wrong base path, a 5xx, a refused connection) is an outage: retried with backoff for
 * {@link RegistrySettings#unavailableBudget()}, then {@link RegistryUnavailableException}, never a
 * verdict on the record. A schema by id never changes once assigned, so it is fetched once per
 * process; "unknown" is remembered only for {@link RegistrySettings#missingIdTtl()}, since the id
 * may be registered a moment later (or reach the replica asked a moment later).
 *
 * <p>{@link #prefetch} asks for ids in the background, so that a caller on a clock (a Kafka Streams
 * transaction) can wait for the answers off that clock; {@link #schemaById} then answers from what
 * the prefetch learnt, including that it gave up.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Confluent's error codes: no such subject, no such version, no such schema (by id, or under a subject). */
    static final long SUBJECT_NOT_FOUND = 40401;
    static final long VERSION_NOT_FOUND = 40402;
    static final long SCHEMA_NOT_FOUND = 40403;
    private static final Map<RegistrySettings, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final RegistryRequests requests = new RegistryRequests();
    private final Map<Integer, RegisteredSchema> known = new ConcurrentHashMap<>();
    /** Ids the registry said it does not know, until when (System.nanoTime) that answer stands. */
    private final Map<Integer, Long> unknownUntil = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Optional<RegisteredSchema>>> inFlight = new ConcurrentHashMap<>();
    /** Ids a prefetch gave up on: the next ask fails at once instead of waiting out a budget again. */
    private final Map<Integer, RegistryUnavailableException> gaveUp = new ConcurrentHashMap<>();
    /** Referenced schemas by subject and version, which never change either. */
    private final Map<String, Map<String, Object>> versions = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "schema-registry-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT);
        if (settings.truststore() != null) {
            builder.sslContext(sslContext(settings));
        }
        this.http = builder.build();
    }

    /** One client per settings in this process, so its cache serves every task. */
    public static SchemaRegistryClient shared(RegistrySettings settings) {
        return SHARED.computeIfAbsent(settings, SchemaRegistryClient::new);
    }

    /** How often this client asked the registry so far, by answer (the process's requests to it). */
    public RegistryRequests requests() {
        return requests;
    }

    public RegistrySettings settings() {
        return settings;
    }

    /**
     * Fails unless the URL answers like Confluent's API ({@code GET /subjects} gives a JSON array):
     * a base path without {@code /apis/ccompat/v7}, a web UI or a proxy's error page would otherwise
     * only show up as records that cannot be read.
     *
     * @throws RegistryRefusedException    when something answers, but not that API
     * @throws RegistryUnavailableException when nothing answers within the budget, or credentials are refused
     */
    public void checkConfluentApi() {
        String probe = settings.url() + "/subjects";
        HttpResponse<String> response = send(request("/subjects").GET().build(), "list its subjects",
                r -> r.statusCode() < 500 && r.statusCode() != 429);
        boolean isApi = response.statusCode() == 200 && response.body().strip().startsWith("[");
        if (!isApi) {
            throw new RegistryRefusedException(response.statusCode(), "the schema registry URL " + settings.url()
                    + " does not answer like Confluent's Schema Registry API: GET " + probe + " gave HTTP "
                    + response.statusCode() + " " + shortened(response.body()) + ". Give the API's base URL"
                    + " (for Apicurio Registry it ends in /apis/ccompat/v7)");
        }
    }

    /**
     * The schema with this id, or empty when the registry says it has none such (error code 40403).
     *
     * @throws RegistryUnavailableException when the registry cannot be asked within the budget
     */
    public Optional<RegisteredSchema> schemaById(int id) {
        RegisteredSchema schema = known.get(id);
        if (schema != null) {
            return Optional.of(schema);
        }
        if (knownUnknown(id)) {
            return Optional.empty();
        }
        RegistryUnavailableException given = gaveUp.get(id);
        if (given != null) {
            throw given;
        }
        CompletableFuture<Optional<RegisteredSchema>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<RegisteredSchema>> running = inFlight.putIfAbsent(id, mine);
        if (running == null) {
            answer(id, mine);
            running = mine;
        }
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** True when {@link #schemaById} answers this id from what it knows, without a request. */
    public boolean hasAnswer(int id) {
        return known.containsKey(id) || knownUnknown(id) || gaveUp.containsKey(id);
    }

    /**
     * Starts asking, in the background, for each of these ids that has no answer yet.
     *
     * @return done when each has an answer or the budget for it ran out (never completed exceptionally)
     */
    public CompletableFuture<Void> prefetch(Collection<Integer> ids) {
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int id : ids) {
            if (hasAnswer(id)) {
                continue;
            }
            CompletableFuture<Optional<RegisteredSchema>> mine = new CompletableFuture<>();
            CompletableFuture<Optional<RegisteredSchema>> running = inFlight.putIfAbsent(id, mine);
            if (running == null) {
                background.execute(() -> answer(id, mine));
                running = mine;
            }
            answers.add(running.handle((answer, failure) -> null));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
    }

    /**
     * Registers an Avro schema under a subject (or finds it registered) and returns its id.
     *
     * @throws RegistryRefusedException when the registry refuses it (incompatible with the subject's
     *                                  versions under its compatibility level, invalid, read-only)
     */
    public int register(String subject, String avroSchema) {
        HttpRequest request = request("/subjects/" + encoded(subject) + "/versions")
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(avroSchema)))
                .build();
        HttpResponse<String> response = send(request, "register a schema under " + subject, SchemaRegistryClient::isReply);
        if (response.statusCode() / 100 != 2) {
            throw new RegistryRefusedException(response.statusCode(), "the schema registry at " + settings.url()
                    + " refused the schema for subject " + subject + " (HTTP " + response.statusCode() + "): "
                    + errorMessage(response.body()));
        }
        return idOf(response, "registered the schema for subject " + subject);
    }

    /**
     * The id of this exact schema under the subject, without registering it (Confluent's
     * {@code POST /subjects/{subject}}), or empty when the subject holds no such version.
     */
    public OptionalInt lookup(String subject, String avroSchema) {
        HttpRequest request = request("/subjects/" + encoded(subject))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(schemaBody(avroSchema)))
                .build();
        HttpResponse<String> response = send(request, "look up a schema under " + subject,
                r -> r.statusCode() / 100 == 2 || notFound(r, SUBJECT_NOT_FOUND, SCHEMA_NOT_FOUND));
        if (response.statusCode() / 100 != 2) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(idOf(response, "looked up the schema under " + subject));
    }

    /** The latest version under the subject, or empty when there is no such subject. */
    public Optional<RegisteredSchema> latest(String subject) {
        HttpResponse<String> response = send(request("/subjects/" + encoded(subject) + "/versions/latest").GET().build(),
                "read the latest version of " + subject,
                r -> r.statusCode() / 100 == 2 || notFound(r, SUBJECT_NOT_FOUND, VERSION_NOT_FOUND));
        if (response.statusCode() / 100 != 2) {
            return Optional.empty();
        }
        Map<String, Object> version = readObject(response.body());
        return Optional.of(new RegisteredSchema(idOf(response, "named the latest version of " + subject),
                typeOf(version), textOf(version, "the latest version of " + subject), List.of(), null));
    }

    private void answer(int id, CompletableFuture<Optional<RegisteredSchema>> future) {
        try {
            Optional<RegisteredSchema> schema = fetch(id);
            if (schema.isPresent()) {
                known.put(id, schema.get());
            } else if (!settings.missingIdTtl().isZero()) {
                unknownUntil.put(id, System.nanoTime() + settings.missingIdTtl().toNanos());
            }
            gaveUp.remove(id);
            future.complete(schema);
        } catch (RegistryUnavailableException e) {
            gaveUp.put(id, e);
            future.completeExceptionally(e);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } finally {
            inFlight.remove(id, future);
        }
    }

    private boolean knownUnknown(int id) {
        Long until = unknownUntil.get(id);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until < 0) {
            return true;
        }
        unknownUntil.remove(id, until);
        return false;
    }

    private Optional<RegisteredSchema> fetch(int id) {
        String what = "fetch schema id " + id;
        HttpResponse<String> response = send(request("/schemas/ids/" + id).GET().build(), what,
                r -> r.statusCode() / 100 == 2 || notFound(r, SCHEMA_NOT_FOUND));
        if (response.statusCode() / 100 != 2) {
            return Optional.empty();
        }
        Map<String, Object> schema = readObject(response.body());
        List<String> references = new ArrayList<>();
        String missing = resolve(schema.get("references"), references, new LinkedHashMap<>(), what);
        return Optional.of(new RegisteredSchema(id, typeOf(schema), textOf(schema, "schema id " + id), references, missing));
    }

    /**
     * Adds the texts of these references (and of theirs, first) to {@code texts}.
     *
     * @return the first reference the registry does not know, or null
     */
    private String resolve(Object references, List<String> texts, Map<String, Boolean> seen, String what) {
        if (!(references instanceof List<?> list)) {
            return null;
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> reference) || !(reference.get("subject") instanceof String subject)
                    || !(reference.get("version") instanceof Long version)) {
                throw new RegistryUnavailableException("the schema registry at " + settings.url()
                        + " answered a schema reference without subject and version: " + item, null);
            }
            String key = subject + "/" + version;
            if (seen.putIfAbsent(key, Boolean.TRUE) != null) {
                continue;
            }
            Map<String, Object> referenced = version(subject, version, what);
            if (referenced == null) {
                return reference.get("name") + " (subject " + subject + ", version " + version + ")";
            }
            String missing = resolve(referenced.get("references"), texts, seen, what);
            if (missing != null) {
                return missing;
            }
            texts.add(textOf(referenced, "subject " + subject + " version " + version));
        }
        return null;
    }

    private Map<String, Object> version(String subject, long version, String what) {
        String key = subject + "/" + version;
        Map<String, Object> cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        HttpResponse<String> response = send(request("/subjects/" + encoded(subject) + "/versions/" + version).GET().build(),
                what + " (its reference " + subject + " version " + version + ")",
                r -> r.statusCode() / 100 == 2 || notFound(r, SUBJECT_NOT_FOUND, VERSION_NOT_FOUND));
        if (response.statusCode() / 100 != 2) {
            return null;
        }
        Map<String, Object> read = readObject(response.body());
        versions.put(key, read);
        return read;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json");
        authHeaders().forEach(builder::header);
        return builder;
    }

    /** The headers every request carries for the registry's auth. */
    Map<String, String> authHeaders() {
        return settings.auth().headers();
    }

    /**
     * Sends until the registry gives an answer (as {@code isAnswer} judges it), backing off between
     * attempts, for at most the settings' budget. A 401 or 403 is not retried: waiting does not fix
     * credentials.
     */
    private HttpResponse<String> send(HttpRequest request, String what, Predicate<HttpResponse<String>> isAnswer) {
        long deadline = System.nanoTime() + settings.unavailableBudget().toNanos();
        Duration backoff = FIRST_BACKOFF;
        int attempts = 0;
        while (true) {
            attempts++;
            String failure;
            Exception cause = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                requests.answered(RegistryRequests.of(status));
                if (status == 401 || status == 403) {
                    throw new RegistryUnavailableException("the schema registry at " + settings.url()
                            + " refused our credentials (HTTP " + status + ", " + settings.auth() + ") to " + what, null);
                }
                if (isAnswer.test(response)) {
                    return response;
                }
                failure = "HTTP " + status + " " + shortened(response.body());
            } catch (IOException e) {
                requests.answered(RegistryRequests.Outcome.FAILED);
                failure = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while trying to " + what, e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new RegistryUnavailableException("the schema registry at " + settings.url()
                        + " could not be reached to " + what + " (" + attempts + " attempts in "
                        + settings.unavailableBudget().toSeconds() + " s, last: " + failure + ")", cause);
            }
            pause(Math.min(backoff.toNanos(), left), what);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** For writes at start-up: anything but a server error or a rate limit is the registry's word. */
    private static boolean isReply(HttpResponse<String> response) {
        return response.statusCode() < 500 && response.statusCode() != 429;
    }

    /** A 404 that carries one of Confluent's "not found" codes: a real answer, not a proxy or a wrong path. */
    private static boolean notFound(HttpResponse<String> response, long... codes) {
        if (response.statusCode() != 404) {
            return false;
        }
        Long code = errorCode(response.body());
        for (long wanted : codes) {
            if (code != null && code == wanted) {
                return true;
            }
        }
        return false;
    }

    private static Long errorCode(String body) {
        try {
            return RegistryJson.object(body).get("error_code") instanceof Long code ? code : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void pause(long nanos, String what) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)); // backoff between attempts, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while trying to " + what, e);
        }
    }

    private int idOf(HttpResponse<String> response, String what) {
        if (!(readObject(response.body()).get("id") instanceof Long id)) {
            throw new RegistryRefusedException(response.statusCode(), "the schema registry at " + settings.url()
                    + " " + what + " but named no id: " + shortened(response.body()));
        }
        return id.intValue();
    }

    private static String typeOf(Map<String, Object> schema) {
        return schema.get("schemaType") instanceof String name ? name : "AVRO";
    }

    private String textOf(Map<String, Object> schema, String what) {
        if (!(schema.get("schema") instanceof String text)) {
            throw new RegistryUnavailableException("the schema registry at " + settings.url()
                    + " answered " + what + " without a schema", null);
        }
        return text;
    }

    private Map<String, Object> readObject(String body) {
        try {
            return RegistryJson.object(body);
        } catch (IllegalArgumentException e) {
            throw new RegistryUnavailableException("the schema registry at " + settings.url()
                    + " answered something that is not a JSON object: " + shortened(body), e);
        }
    }

    private static String schemaBody(String avroSchema) {
        return "{\"schema\":" + JsonString.quote(avroSchema) + "}";
    }

    private static String encoded(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static String errorMessage(String body) {
        try {
            if (RegistryJson.object(body).get("message") instanceof String message) {
                return message;
            }
        } catch (IllegalArgumentException e) {
            // not JSON: show the start of the body itself
        }
        return shortened(body);
    }

    private static String shortened(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static SSLContext sslContext(RegistrySettings settings) {
        try (InputStream in = Files.newInputStream(Path.of(settings.truststore()))) {
            KeyStore store = KeyStore.getInstance(settings.truststoreType() != null ? settings.truststoreType() : "PKCS12");
            char[] password = settings.truststorePassword() != null ? settings.truststorePassword().toCharArray() : null;
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the schema registry's trust store "
                    + settings.truststore() + ": " + e.getMessage(), e);
        }
    }
}
