package dev.pairing.schemas.registry;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach a schema registry's Confluent-compatible REST API. Read from the same client
 * properties as Kafka's settings, under the names Confluent's serializers use, so an existing
 * {@code client.properties} works unchanged.
 *
 * <p>Credentials written into the URL ({@code https://user:password@host/...}) are taken out of it
 * and used as basic auth, so {@link #url()} can go into logs and messages as it is.
 *
 * @param url                the API's base URL without credentials, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}
 * @param auth               basic or bearer credentials, or {@link RegistryAuth#NONE}
 * @param truststore         a trust store for TLS, or null for the JVM's default
 * @param unavailableBudget  how long a call retries a registry that cannot be reached before it gives up
 * @param missingIdTtl       how long the registry's "no such schema id" stands before the id is asked again
 * @param output             how the ids of the output schemas are found (registered or looked up, which subjects)
 */
public record RegistrySettings(String url, RegistryAuth auth, String truststore, String truststorePassword,
        String truststoreType, Duration unavailableBudget, Duration missingIdTtl, OutputSchemaPolicy output)
        implements Serializable {

    public static final String URL = "schema.registry.url";
    /** Kept as a name here for the flag's documentation; see {@link RegistryAuth}. */
    public static final String USER_INFO = RegistryAuth.USER_INFO;
    public static final String TRUSTSTORE = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String UNAVAILABLE_MAX_MS = "schema.registry.unavailable.max.ms";
    /** Confluent's client name; its default there is 0 (never remembered), here {@link #DEFAULT_MISSING_ID_TTL}. */
    public static final String MISSING_ID_TTL_SEC = "missing.id.cache.ttl.sec";

    /** Long enough to ride out a registry restart, short enough that a supervisor hears of a real outage. */
    public static final Duration DEFAULT_UNAVAILABLE_BUDGET = Duration.ofSeconds(60);
    /**
     * A schema id the registry does not know yet may be registered any moment (a replica catching up,
     * a producer that wrote before it registered): asked again after this long. Records of that id in
     * between are dead-lettered without a request each.
     */
    public static final Duration DEFAULT_MISSING_ID_TTL = Duration.ofSeconds(30);

    public RegistrySettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL + " must not be empty");
        }
        URI parsed = parse(url);
        if (parsed.getRawUserInfo() != null) {
            throw new IllegalArgumentException(URL + " holds credentials: build the settings with from(), which takes them out");
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (auth == null) {
            auth = RegistryAuth.NONE;
        }
        if (unavailableBudget == null || unavailableBudget.isNegative()) {
            throw new IllegalArgumentException(UNAVAILABLE_MAX_MS + " must not be negative");
        }
        if (missingIdTtl == null || missingIdTtl.isNegative()) {
            throw new IllegalArgumentException(MISSING_ID_TTL_SEC + " must not be negative");
        }
        if (output == null) {
            output = OutputSchemaPolicy.DEFAULT;
        }
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, RegistryAuth.NONE, null, null, null, DEFAULT_UNAVAILABLE_BUDGET,
                DEFAULT_MISSING_ID_TTL, OutputSchemaPolicy.DEFAULT);
    }

    /**
     * The settings in these client properties, or empty when they name no registry.
     *
     * @throws IllegalArgumentException for a malformed or unsupported setting, naming it
     */
    public static Optional<RegistrySettings> from(Properties props) {
        String url = props.getProperty(URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI parsed = parse(url.trim());
        String urlUserInfo = parsed.getUserInfo();
        Duration unavailable = millis(props, UNAVAILABLE_MAX_MS, DEFAULT_UNAVAILABLE_BUDGET);
        Duration missing = seconds(props, MISSING_ID_TTL_SEC, DEFAULT_MISSING_ID_TTL);
        return Optional.of(new RegistrySettings(withoutUserInfo(parsed), RegistryAuth.from(props, urlUserInfo),
                props.getProperty(TRUSTSTORE), props.getProperty(TRUSTSTORE_PASSWORD),
                props.getProperty(TRUSTSTORE_TYPE), unavailable, missing, OutputSchemaPolicy.from(props)));
    }

    public RegistrySettings withUnavailableBudget(Duration budget) {
        return new RegistrySettings(url, auth, truststore, truststorePassword, truststoreType, budget, missingIdTtl,
                output);
    }

    /** The {@code user:password} of basic auth, or null. */
    public String userInfo() {
        return "Basic".equals(auth.scheme()) ? auth.secret() : null;
    }

    /** For logs: the URL and the kind of auth, never the credentials. */
    @Override
    public String toString() {
        return url + (auth.scheme() != null ? " (" + auth + ")" : "");
    }

    /**
     * The URL with any credentials replaced by {@code *****}: for a URL that has not been through
     * these settings, such as a client property about to be logged.
     */
    public static String redacted(String url) {
        try {
            URI parsed = new URI(url.trim());
            return parsed.getRawUserInfo() == null ? url
                    : new URI(parsed.getScheme(), "*****", parsed.getHost(), parsed.getPort(), parsed.getPath(),
                            parsed.getQuery(), parsed.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url.contains("@") ? "*****" : url;
        }
    }

    /** An http or https URL, or an exception that says so without showing its credentials. */
    private static URI parse(String url) {
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + " is not a URL: " + redacted(url));
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException(URL + " must be an http or https URL, got " + redacted(url));
        }
        return parsed;
    }

    private static String withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                    uri.getFragment()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL + " is not a URL", e);
        }
    }

    private static Duration millis(Properties props, String key, Duration otherwise) {
        String value = props.getProperty(key);
        try {
            return value == null ? otherwise : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be milliseconds, got '" + value + "'");
        }
    }

    private static Duration seconds(Properties props, String key, Duration otherwise) {
        String value = props.getProperty(key);
        try {
            return value == null ? otherwise : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be seconds, got '" + value + "'");
        }
    }
}
