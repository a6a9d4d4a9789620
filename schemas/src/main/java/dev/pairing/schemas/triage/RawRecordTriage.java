package dev.pairing.schemas.triage;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.SourceEvent;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.core.validation.Verdict;
import dev.pairing.schemas.codec.ConfluentWireFormat;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.util.Optional;

/**
 * The first decision on every raw record, the same on every engine: a valid number with its
 * raw-topic provenance, or a dead letter saying why and where. Never throws on bad input; throws
 * {@link dev.pairing.schemas.registry.RegistryUnavailableException} when a Confluent-framed record's
 * schema cannot be fetched, which must stop the runner rather than dead-letter the record. Without a
 * registry such a record is {@code SCHEMA_REGISTRY_REQUIRED}, its schema id in a header, and the
 * process warns about it (once at the first, then at most once a minute).
 *
 * <p>Not thread-safe (the codec reuses its decoder): one instance per task or parallel instance.
 */
public final class RawRecordTriage {

    /** Where a raw record goes next. */
    public sealed interface Outcome {}

    /** A number to pair, with the complement class it is matched in. */
    public record Accepted(SourceEvent event, int complementClass) implements Outcome {}

    /** A record for the dead-letter topic: its original bytes go with these headers. */
    public record Rejected(DeadLetter letter) implements Outcome {}

    private final PairingRules rules;
    private final String rawTopic;
    private final RawValueCodec codec;
    private final NumberValidator validator;

    public RawRecordTriage(PairingRules rules, String rawTopic) {
        this(rules, rawTopic, Optional.empty());
    }

    /** With a registry, Confluent-framed Avro is read too; one client per process serves every task. */
    public RawRecordTriage(PairingRules rules, String rawTopic, Optional<RegistrySettings> registry) {
        this.rules = rules;
        this.rawTopic = rawTopic;
        this.codec = registry.map(settings -> new RawValueCodec(SchemaRegistryClient.shared(settings)))
                .orElseGet(RawValueCodec::new);
        this.validator = new NumberValidator(rules);
    }

    public Outcome triage(byte[] value, int partition, long offset, long timestamp) {
        Verdict verdict = validator.validate(codec.decode(value));
        if (verdict instanceof Verdict.Accepted valid) {
            return new Accepted(new SourceEvent(valid.value(), partition, offset, timestamp, valid.sequence()),
                    rules.complementClass(valid.value()));
        }
        Verdict.Rejected rejected = (Verdict.Rejected) verdict;
        Integer schemaId = null;
        if (rejected.reason() == RejectReason.SCHEMA_REGISTRY_REQUIRED) {
            schemaId = ConfluentWireFormat.schemaId(value);
            RegistryRequiredWarning.PROCESS.record(rawTopic, schemaId);
        }
        return new Rejected(new DeadLetter(rejected.reason(), rejected.detail(), rawTopic, partition, offset, timestamp,
                schemaId));
    }
}
