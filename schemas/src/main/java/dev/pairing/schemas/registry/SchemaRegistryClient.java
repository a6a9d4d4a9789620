package dev.pairing.schemas.registry;

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
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few calls of Confluent's schema registry REST API this project needs (schema by id, register
 * under a subject), on Java's own HTTP client, so it works against any registry that speaks that API
 * (Confluent's, Apicurio's {@code /apis/ccompat/v7}, Karapace, Redpanda).
 *
 * <p>Schemas by id never change once assigned, so each id is fetched once per process, and an id the
 * registry does not know is remembered too: every task of a runner gives the same verdict for it.
 * A registry that cannot be reached is retried with backoff for {@link RegistrySettings#unavailableBudget()},
 * then {@link RegistryUnavailableException}: never an answer about the schema.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Map<RegistrySettings, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final Map<Integer, Optional<RegisteredSchema>> byId = new ConcurrentHashMap<>();

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

    public RegistrySettings settings() {
        return settings;
    }

    /** The schema with this id, or empty when the registry has none such. */
    public Optional<RegisteredSchema> schemaById(int id) {
        return schemaById(id, RegistryRequests.NONE);
    }

    /**
     * The schema with this id, or empty when the registry has none such; a request it takes (the
     * first time this process asks for the id) is told to {@code requests}.
     */
    public Optional<RegisteredSchema> schemaById(int id, RegistryRequests requests) {
        return byId.computeIfAbsent(id, key -> fetch(key, requests));
    }

    /**
     * Registers an Avro schema under a subject (or finds it registered) and returns its id.
     *
     * @throws RegistryRefusedException when the registry refuses it (incompatible with the subject's
     *                                  versions under its compatibility level, invalid)
     */
    public int register(String subject, String avroSchema) {
        String body = "{\"schema\":" + RegistryJson.quote(avroSchema) + "}";
        HttpRequest request = request("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions")
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request, "register a schema under " + subject, RegistryRequests.NONE);
        if (response.statusCode() / 100 != 2) {
            throw new RegistryRefusedException(response.statusCode(), "the schema registry at " + settings.url()
                    + " refused the schema for subject " + subject + " (HTTP " + response.statusCode() + "): "
                    + errorMessage(response.body()));
        }
        if (!(readObject(response.body()).get("id") instanceof Long id)) {
            throw new RegistryRefusedException(response.statusCode(), "the schema registry at " + settings.url()
                    + " registered the schema for subject " + subject + " but named no id: " + response.body());
        }
        return id.intValue();
    }

    private Optional<RegisteredSchema> fetch(int id, RegistryRequests requests) {
        HttpResponse<String> response = send(request("/schemas/ids/" + id).GET().build(), "fetch schema id " + id,
                requests);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("the schema registry at " + settings.url() + " answered HTTP "
                    + response.statusCode() + " for schema id " + id + ": " + errorMessage(response.body()), null);
        }
        Map<String, Object> schema = readObject(response.body());
        Object type = schema.get("schemaType");
        if (!(schema.get("schema") instanceof String text)) {
            throw new RegistryUnavailableException("the schema registry at " + settings.url()
                    + " answered schema id " + id + " without a schema: " + response.body(), null);
        }
        return Optional.of(new RegisteredSchema(id, type instanceof String name ? name : "AVRO", text));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.url() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (settings.userInfo() != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(settings.userInfo().getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    /**
     * Sends until the registry answers with something other than a server error, backing off
     * between attempts, for at most the settings' budget. A 401 or 403 is not retried: waiting
     * does not fix credentials.
     */
    private HttpResponse<String> send(HttpRequest request, String what, RegistryRequests requests) {
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
                            + " refused our credentials (HTTP " + status + ") to " + what, null);
                }
                if (status < 500 && status != 429) {
                    return response;
                }
                failure = "HTTP " + status;
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

    private static void pause(long nanos, String what) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)); // backoff between attempts, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while trying to " + what, e);
        }
    }

    private Map<String, Object> readObject(String body) {
        try {
            return RegistryJson.object(body);
        } catch (IllegalArgumentException e) {
            throw new RegistryUnavailableException("the schema registry at " + settings.url()
                    + " answered something that is not a JSON object: " + shortened(body), e);
        }
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
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
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
