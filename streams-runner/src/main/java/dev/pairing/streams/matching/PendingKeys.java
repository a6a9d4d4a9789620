package dev.pairing.streams.matching;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the one pending store. A leading tag separates the kinds of entry, and big-endian numbers
 * make the store's byte order the numeric order, so a class's events form one contiguous range in
 * position order: loading the store reads them with a single range scan. The state's stamp has a tag
 * of its own. (Tag {@code 'S'} is never used: an unreleased layout kept spans under it.)
 */
final class PendingKeys {

    private static final byte EVENT = 'E';
    private static final byte STAMP_TAG = 'L';

    /** The key of the store's {@code PendingStateStamp}. */
    static final Bytes STAMP = Bytes.wrap(new byte[] {STAMP_TAG});

    /** Range bounds (inclusive) covering every event key. */
    static final Bytes FIRST_EVENT = event(0, 0);
    static final Bytes LAST_EVENT = event(Integer.MAX_VALUE, Long.MAX_VALUE);

    private PendingKeys() {}

    static Bytes event(int complementClass, long position) {
        return Bytes.wrap(ByteBuffer.allocate(13).put(EVENT).putInt(complementClass).putLong(position).array());
    }

    static int classOfEvent(Bytes key) {
        return ByteBuffer.wrap(key.get(), 1, 4).getInt();
    }

    static long positionOfEvent(Bytes key) {
        return ByteBuffer.wrap(key.get(), 5, 8).getLong();
    }
}
