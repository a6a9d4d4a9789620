package dev.pairing.schemas.codec;

/** The three kinds of record this project writes, each with its own schema history. */
public enum RecordKind {
    RAW("NumberEvent"),
    PAIR("NumberPair"),
    UNPAIRED("UnpairedNumber");

    private final String schemaName;

    RecordKind(String schemaName) {
        this.schemaName = schemaName;
    }

    public String schemaName() {
        return schemaName;
    }
}
