package dev.pairing.local.view;

import dev.pairing.core.validation.Decoded;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.avro.UnpairedNumber;
import dev.pairing.schemas.codec.OutputReader;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.registry.RegistrySettings;
import dev.pairing.schemas.registry.SchemaRegistryClient;
import java.util.Properties;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One readable line per record of any of the pipeline's topics, recognised by content: dead-letter
 * headers, an Avro pair, an Avro unpaired number, or else a raw number. Provenance is written
 * {@code p1@40} (partition 1, offset 40 of the raw topic). Not thread-safe (it holds a codec).
 */
public final class RecordLine {

    /** What a record turned out to be. */
    public enum Kind { PAIR, DEAD_LETTER, UNPAIRED, RAW }

    /**
     * A record, recognised, with its line and what it decoded to.
     *
     * @param newestEventTime for a pair, the later of its two numbers' event times (when the producer
     *                        created them); otherwise -1
     * @param decoded         a {@link NumberPair} for a pair, a {@link DeadLetter} for a dead letter (null
     *                        when its headers are unreadable), an {@link UnpairedNumber}, or the raw
     *                        record's {@link Decoded}
     */
    public record Described(Kind kind, String line, long newestEventTime, Object decoded) {
        Described(Kind kind, String line, Object decoded) {
            this(kind, line, -1, decoded);
        }
    }

    private static final int DETAIL_CHARS = 70;

    private final RawValueCodec codec;
    private final OutputReader outputs;

    public RecordLine() {
        this(null);
    }

    /** Reads Confluent-framed records too when the client properties name a schema registry. */
    public static RecordLine forClient(Properties client) {
        return new RecordLine(RegistrySettings.from(client).map(SchemaRegistryClient::shared).orElse(null));
    }

    /** @param registry the registry of Confluent-framed records, or null when there is none */
    public RecordLine(SchemaRegistryClient registry) {
        this.codec = registry == null ? new RawValueCodec() : new RawValueCodec(registry);
        this.outputs = new OutputReader(registry);
    }

    public Described describe(ConsumerRecord<byte[], byte[]> record) {
        if (record.headers().lastHeader(DeadLetterHeaders.REASON) != null) {
            return deadLetter(record);
        }
        if (record.value() != null) {
            try {
                NumberPair pair = outputs.pair(record.value());
                return new Described(Kind.PAIR, pair(pair),
                        Math.max(pair.getFirst().getTimestamp(), pair.getSecond().getTimestamp()), pair);
            } catch (RuntimeException notAPair) {
                // try the next kind
            }
            try {
                UnpairedNumber unpaired = outputs.unpaired(record.value());
                return new Described(Kind.UNPAIRED, unpaired(unpaired), unpaired);
            } catch (RuntimeException notUnpaired) {
                // a raw record, then
            }
        }
        Decoded decoded = codec.decode(record.value());
        return new Described(Kind.RAW, raw(record, decoded), decoded);
    }

    public static String pair(NumberPair pair) {
        return String.format("pair %d + %d = %d  [%s, %s]", pair.getFirst().getValue(), pair.getSecond().getValue(),
                pair.getPairSum(), where(pair.getFirst()), where(pair.getSecond()));
    }

    public static String unpaired(UnpairedNumber unpaired) {
        return String.format("unpaired %d %s  [%s]", unpaired.getEvent().getValue(), unpaired.getReason(),
                where(unpaired.getEvent()));
    }

    private static Described deadLetter(ConsumerRecord<byte[], byte[]> record) {
        try {
            DeadLetter letter = DeadLetter.fromHeaders(name -> header(record, name));
            return new Described(Kind.DEAD_LETTER, String.format("dlq  %s  %s  [p%d@%d]", letter.reason(),
                    shorten(letter.detail()), letter.partition(), letter.offset()), letter);
        } catch (IllegalArgumentException e) {
            return new Described(Kind.DEAD_LETTER, "dlq  (unreadable headers: " + e.getMessage() + ")", null);
        }
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : header.value();
    }

    private static String raw(ConsumerRecord<byte[], byte[]> record, Decoded decoded) {
        String key = record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8);
        if (decoded instanceof Decoded.Number number) {
            return String.format("raw %d%s  key %s", number.value(),
                    number.sequence() == null ? "" : " seq " + number.sequence(), key);
        }
        Decoded.Failure failure = (Decoded.Failure) decoded;
        return String.format("raw  undecodable %s  %s  key %s", failure.reason(), shorten(failure.detail()), key);
    }

    private static String where(SourceEvent event) {
        return "p" + event.getPartition() + "@" + event.getOffset()
                + (event.getSequence() == null ? "" : " seq " + event.getSequence());
    }

    private static String shorten(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= DETAIL_CHARS ? oneLine : oneLine.substring(0, DETAIL_CHARS - 3) + "...";
    }
}
