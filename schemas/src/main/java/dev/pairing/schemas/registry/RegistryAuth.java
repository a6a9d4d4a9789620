package dev.pairing.schemas.registry;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How requests to the schema registry authenticate, read from Confluent's own property names:
 * HTTP basic auth ({@code basic.auth.credentials.source} {@code USER_INFO} with
 * {@code basic.auth.user.info}, or {@code URL} with the credentials in {@code schema.registry.url}),
 * or a bearer token ({@code bearer.auth.credentials.source=STATIC_TOKEN} with
 * {@code bearer.auth.token}, and Confluent Cloud's {@code bearer.auth.logical.cluster} and
 * {@code bearer.auth.identity.pool.id}). The sources that fetch or inherit credentials at run time
 * (OAUTHBEARER, SASL_INHERIT, ...) are refused by name rather than ignored.
 *
 * <p>{@link #toString()} never shows a secret: these settings are logged.
 *
 * @param scheme         {@code Basic}, {@code Bearer}, or null for none
 * @param secret         {@code user:password} for basic auth, the token for bearer auth
 * @param logicalCluster for bearer auth: the registry cluster the token is for, or null
 * @param identityPool   for bearer auth: the identity pool of the token, or null
 */
public record RegistryAuth(String scheme, String secret, String logicalCluster, String identityPool)
        implements Serializable {

    public static final String BASIC_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    /** An older name of {@link #USER_INFO} that Confluent's serializers still read. */
    static final String USER_INFO_OLD = "schema.registry.basic.auth.user.info";
    public static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    public static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";

    public static final RegistryAuth NONE = new RegistryAuth(null, null, null, null);

    /** Confluent's request headers for {@link #logicalCluster} and {@link #identityPool}. */
    static final String TARGET_CLUSTER_HEADER = "target-sr-cluster";
    static final String IDENTITY_POOL_HEADER = "Confluent-Identity-Pool-Id";

    public RegistryAuth {
        if (scheme != null && !scheme.equals("Basic") && !scheme.equals("Bearer")) {
            throw new IllegalArgumentException("unknown auth scheme " + scheme);
        }
        if (scheme != null && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException(scheme + " auth without credentials");
        }
    }

    public static RegistryAuth basic(String userInfo) {
        return new RegistryAuth("Basic", userInfo, null, null);
    }

    public static RegistryAuth bearer(String token, String logicalCluster, String identityPool) {
        return new RegistryAuth("Bearer", token, logicalCluster, identityPool);
    }

    /**
     * The auth these properties configure.
     *
     * @param urlUserInfo the {@code user:password} found in the registry URL, or null
     * @throws IllegalArgumentException for a source this client does not support, both kinds at once,
     *                                  or a source whose credentials are missing
     */
    static RegistryAuth from(Properties props, String urlUserInfo) {
        String basicSource = trimmed(props.getProperty(BASIC_SOURCE));
        String bearerSource = trimmed(props.getProperty(BEARER_SOURCE));
        String userInfo = trimmed(props.getProperty(USER_INFO, props.getProperty(USER_INFO_OLD)));
        String token = trimmed(props.getProperty(BEARER_TOKEN));
        if (basicSource != null && bearerSource != null) {
            throw new IllegalArgumentException("only one of " + BASIC_SOURCE + " and " + BEARER_SOURCE + " may be set");
        }
        if (bearerSource != null || (basicSource == null && token != null)) {
            String source = bearerSource == null ? "STATIC_TOKEN" : bearerSource;
            if (!source.equals("STATIC_TOKEN")) {
                throw new IllegalArgumentException(BEARER_SOURCE + "=" + source + " is not supported: use STATIC_TOKEN"
                        + " with " + BEARER_TOKEN + " (a token that expires must be renewed by restarting)");
            }
            if (token == null) {
                throw new IllegalArgumentException(BEARER_SOURCE + "=STATIC_TOKEN needs " + BEARER_TOKEN);
            }
            if (userInfo != null) {
                throw new IllegalArgumentException("both " + USER_INFO + " and " + BEARER_TOKEN
                        + " are set: the registry takes one kind of credentials");
            }
            return bearer(token, trimmed(props.getProperty(BEARER_LOGICAL_CLUSTER)),
                    trimmed(props.getProperty(BEARER_IDENTITY_POOL)));
        }
        String source = basicSource == null ? (userInfo != null ? "USER_INFO" : "URL") : basicSource;
        return switch (source) {
            case "USER_INFO" -> {
                if (userInfo == null && basicSource != null) {
                    throw new IllegalArgumentException(BASIC_SOURCE + "=USER_INFO needs " + USER_INFO);
                }
                yield userInfo == null ? NONE : basic(userInfo);
            }
            case "URL" -> urlUserInfo == null ? NONE : basic(urlUserInfo);
            default -> throw new IllegalArgumentException(BASIC_SOURCE + "=" + source
                    + " is not supported: use USER_INFO (with " + USER_INFO + ") or URL");
        };
    }

    /** The request headers that carry these credentials. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (scheme == null) {
            return headers;
        }
        headers.put("Authorization", scheme.equals("Basic")
                ? "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                : "Bearer " + secret);
        if (logicalCluster != null) {
            headers.put(TARGET_CLUSTER_HEADER, logicalCluster);
        }
        if (identityPool != null) {
            headers.put(IDENTITY_POOL_HEADER, identityPool);
        }
        return headers;
    }

    /** For logs: the kind of auth only. */
    @Override
    public String toString() {
        return scheme == null ? "no auth" : scheme.toLowerCase(java.util.Locale.ROOT) + " auth";
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
