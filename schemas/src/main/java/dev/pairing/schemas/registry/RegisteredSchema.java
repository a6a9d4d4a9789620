package dev.pairing.schemas.registry;

import java.util.List;

/**
 * A schema as the registry holds it, with the schemas it refers to.
 *
 * @param type             the registry's {@code schemaType}: {@code AVRO} (also when the registry omits it),
 *                         {@code PROTOBUF}, {@code JSON}
 * @param text             the schema itself, for Avro its JSON
 * @param references       the texts of the schemas it refers to (Confluent's schema references), each
 *                         after the ones it refers to itself: parsed in this order, then {@code text}
 * @param missingReference a reference the registry does not know (name, subject and version), or
 *                         null when every one was found
 */
public record RegisteredSchema(int id, String type, String text, List<String> references, String missingReference) {

    public RegisteredSchema {
        references = List.copyOf(references);
    }

    public RegisteredSchema(int id, String type, String text) {
        this(id, type, text, List.of(), null);
    }

    public boolean isAvro() {
        return "AVRO".equals(type);
    }
}
