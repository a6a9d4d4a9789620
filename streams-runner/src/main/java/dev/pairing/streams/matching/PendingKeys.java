package dev.pairing.streams.matching;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the one pending store. A leading tag separates a class's span from its events, and
 * big-endian numbers make RocksDB's byte order the numeric order, so all spans form one contiguous
 * range: the expiry punctuator finds the classes that hold anything with a single range scan
 * instead of probing every class up to pairSum / 2. The state's stamp has a tag of its own, outside
 * that range.
 */
final class PendingKeys {

    private static final byte SPAN = 'S';
    private static final byte EVENT = 'E';
    private static final byte STAMP_TAG = 'L';

    /** The key of the store's {@code PendingStateStamp}. */
    static final Bytes STAMP = Bytes.wrap(new byte[] {STAMP_TAG});

    /** Range bounds (inclusive) covering every span key. */
    static final Bytes FIRST_SPAN = span(0);
    static final Bytes LAST_SPAN = span(Integer.MAX_VALUE);

    private PendingKeys() {}

    static Bytes span(int complementClass) {
        return Bytes.wrap(ByteBuffer.allocate(5).put(SPAN).putInt(complementClass).array());
    }

    static Bytes event(int complementClass, long position) {
        return Bytes.wrap(ByteBuffer.allocate(13).put(EVENT).putInt(complementClass).putLong(position).array());
    }

    /** The class of a span key. */
    static int classOfSpan(Bytes key) {
        return ByteBuffer.wrap(key.get(), 1, 4).getInt();
    }
}
