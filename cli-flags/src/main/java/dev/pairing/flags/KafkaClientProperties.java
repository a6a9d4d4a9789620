package dev.pairing.flags;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka client properties from the shared flags, so every command runs unchanged against a remote,
 * secured cluster. Precedence, lowest first: the {@code --kafkaConfig} file, each
 * {@code --kafkaProperty key=value}, then {@code --bootstrapServers} when given (its default applies
 * only when nothing else names the servers), and {@code --schemaRegistry} when given.
 */
public final class KafkaClientProperties {

    /**
     * Where {@code --schemaRegistry} goes: Confluent's serializers' own name, so a registry (with its
     * {@code basic.auth.user.info} and {@code schema.registry.ssl.*}) can be set in the same file.
     */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    private KafkaClientProperties() {}

    public static Properties from(ParsedFlags flags) throws UsageException {
        Properties props = new Properties();
        String file = flags.string("kafkaConfig");
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                props.load(reader);
            } catch (NoSuchFileException e) {
                throw new UsageException("--kafkaConfig file not found: " + file);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("--kafkaConfig " + file + " is unreadable: " + e.getMessage());
            }
        }
        for (String pair : flags.strings("kafkaProperty")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--kafkaProperty must be key=value, got '" + pair + "'");
            }
            props.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1));
        }
        String registry = flags.string("schemaRegistry");
        if (registry != null && !registry.isBlank()) {
            props.setProperty(SCHEMA_REGISTRY_URL, registry.trim());
        }
        if (flags.isSet("bootstrapServers") || !props.containsKey("bootstrap.servers")) {
            String servers = flags.string("bootstrapServers");
            if (servers == null || servers.isBlank()) {
                throw new UsageException("--bootstrapServers is required");
            }
            props.setProperty("bootstrap.servers", servers);
        }
        return props;
    }
}
