package dev.pairing.runtime;

import dev.pairing.schemas.registry.RegistrySettings;
import java.util.Locale;

/** Which client settings are secrets, so that no log line ever prints one. */
public final class ClientSecrets {

    private static final String MASK = "*****";

    private ClientSecrets() {}

    /**
     * The value as a log may show it.
     *
     * @param key   a Kafka, Streams or registry client property name
     * @param value its value
     * @return the value, or {@code *****} for passwords, keys, tokens, JAAS configs and user info;
     *         a URL with its {@code user:password@} replaced by {@code *****@}
     */
    public static String mask(String key, String value) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean secret = lower.endsWith("sasl.jaas.config") || lower.contains("password")
                || lower.contains("secret") || lower.endsWith(".key") || lower.contains("token")
                || lower.endsWith("user.info") || lower.contains("credentials");
        // a URL may carry user:password (a registry's, say): keep the URL, drop those
        return secret ? MASK : lower.endsWith("url") ? RegistrySettings.redacted(value) : value;
    }
}
