package dev.pairing.schemas.registry;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How to reach a schema registry's Confluent-compatible REST API. Read from the same client
 * properties as Kafka's settings, under the names Confluent's serializers use, so an existing
 * {@code client.properties} works unchanged.
 *
 * @param url                the API's base URL, e.g. {@code http://127.0.0.1:8085/apis/ccompat/v7}
 * @param userInfo           {@code user:password} for HTTP basic auth, or null
 * @param truststore         a trust store for TLS, or null for the JVM's default
 * @param unavailableBudget  how long a call retries a registry that cannot be reached before it gives up
 */
public record RegistrySettings(String url, String userInfo, String truststore, String truststorePassword,
        String truststoreType, Duration unavailableBudget) implements Serializable {

    public static final String URL = "schema.registry.url";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String TRUSTSTORE = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String UNAVAILABLE_MAX_MS = "schema.registry.unavailable.max.ms";

    /** Long enough to ride out a registry restart, short enough that a supervisor hears of a real outage. */
    public static final Duration DEFAULT_UNAVAILABLE_BUDGET = Duration.ofSeconds(60);

    public RegistrySettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL + " must not be empty");
        }
        URI parsed = URI.create(url);
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
            throw new IllegalArgumentException(URL + " must be an http or https URL, got " + url);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (unavailableBudget == null || unavailableBudget.isNegative()) {
            throw new IllegalArgumentException(UNAVAILABLE_MAX_MS + " must not be negative");
        }
    }

    public static RegistrySettings of(String url) {
        return new RegistrySettings(url, null, null, null, null, DEFAULT_UNAVAILABLE_BUDGET);
    }

    /** The settings in these client properties, or empty when they name no registry. */
    public static Optional<RegistrySettings> from(Properties props) {
        String url = props.getProperty(URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String budget = props.getProperty(UNAVAILABLE_MAX_MS);
        Duration unavailable;
        try {
            unavailable = budget == null ? DEFAULT_UNAVAILABLE_BUDGET : Duration.ofMillis(Long.parseLong(budget.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UNAVAILABLE_MAX_MS + " must be milliseconds, got '" + budget + "'");
        }
        return Optional.of(new RegistrySettings(url.trim(), props.getProperty(USER_INFO),
                props.getProperty(TRUSTSTORE), props.getProperty(TRUSTSTORE_PASSWORD),
                props.getProperty(TRUSTSTORE_TYPE), unavailable));
    }

    public RegistrySettings withUnavailableBudget(Duration budget) {
        return new RegistrySettings(url, userInfo, truststore, truststorePassword, truststoreType, budget);
    }

    /** For logs: the URL only, never the credentials. */
    @Override
    public String toString() {
        return url + (userInfo != null ? " (basic auth)" : "");
    }
}
