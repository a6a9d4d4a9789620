package dev.pairing.streams.matching;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the one pending store. A leading tag separates the kinds of entry, and big-endian numbers
 * make the store's byte order the numeric order, so a class's chunks form one contiguous range in
 * position order. Tags:
 * <ul>
 *   <li>{@code 'L'}: the store's stamp ({@link StoreStamp}).</li>
 *   <li>{@code 'H'} + class: where the class's queue starts ({@link ClassQueue}'s head record).</li>
 *   <li>{@code 'C'} + class + chunk index: up to {@link PendingChunk#EVENTS} waiting events ({@link PendingChunk}).</li>
 *   <li>{@code 'E'} + class + position: one waiting event, as layouts 1 and 2 kept them; read, never written.</li>
 *   <li>{@code 'S'} is never used: layout 1 kept spans under it.</li>
 * </ul>
 */
final class PendingKeys {

    private static final byte STAMP_TAG = 'L';
    private static final byte HEAD = 'H';
    private static final byte CHUNK = 'C';
    private static final byte LEGACY_EVENT = 'E';

    /** The key of the store's stamp. */
    static final Bytes STAMP = Bytes.wrap(new byte[] {STAMP_TAG});

    /** Range bounds (inclusive) covering every head key. */
    static final Bytes FIRST_HEAD = head(0);
    static final Bytes LAST_HEAD = head(Integer.MAX_VALUE);

    /** Range bounds (inclusive) covering every layout-2 event key. */
    static final Bytes FIRST_LEGACY_EVENT = legacyEvent(0, 0);
    static final Bytes LAST_LEGACY_EVENT = legacyEvent(Integer.MAX_VALUE, Long.MAX_VALUE);

    private PendingKeys() {}

    static Bytes head(int complementClass) {
        return Bytes.wrap(ByteBuffer.allocate(5).put(HEAD).putInt(complementClass).array());
    }

    static int classOfHead(Bytes key) {
        return ByteBuffer.wrap(key.get(), 1, 4).getInt();
    }

    static Bytes chunk(int complementClass, long index) {
        return Bytes.wrap(ByteBuffer.allocate(13).put(CHUNK).putInt(complementClass).putLong(index).array());
    }

    static long indexOfChunk(Bytes key) {
        return ByteBuffer.wrap(key.get(), 5, 8).getLong();
    }

    static Bytes legacyEvent(int complementClass, long position) {
        return Bytes.wrap(ByteBuffer.allocate(13).put(LEGACY_EVENT).putInt(complementClass).putLong(position).array());
    }

    static int classOfLegacyEvent(Bytes key) {
        return ByteBuffer.wrap(key.get(), 1, 4).getInt();
    }

    static long positionOfLegacyEvent(Bytes key) {
        return ByteBuffer.wrap(key.get(), 5, 8).getLong();
    }
}
