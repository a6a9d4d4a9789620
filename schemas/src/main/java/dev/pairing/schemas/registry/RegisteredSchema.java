package dev.pairing.schemas.registry;

/**
 * A schema as the registry holds it.
 *
 * @param type the registry's {@code schemaType}: {@code AVRO} (also when the registry omits it),
 *             {@code PROTOBUF}, {@code JSON}
 * @param text the schema itself, for Avro its JSON
 */
public record RegisteredSchema(int id, String type, String text) {

    public boolean isAvro() {
        return "AVRO".equals(type);
    }
}
