package dev.pairing.verify;

import dev.pairing.core.validation.RejectReason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What each raw record is and where it has been accounted for, in per-partition arrays of fixed-size
 * chunks: {@link HeapBudget#BYTES_PER_RECORD} bytes an offset, charged to the budget as offsets
 * arrive, and no copying as a partition grows. A rejected record has no value, sequence or output
 * ordinal, so those 16 bytes hold a digest of its key and value, to check the dead-letter copy.
 */
final class RawLedger {

    /** Where a raw record ended up. */
    enum Use { NONE, PAIR, DLQ, UNPAIRED }

    static final byte ABSENT = 0;
    static final byte VALID = 1;
    /** An output ordinal not set: the record is in no output, or in one verify could not place. */
    static final int NO_ORDINAL = -1;
    private static final long NO_SEQUENCE = Long.MIN_VALUE;

    private final HeapBudget budget;
    private PartitionLedger[] partitions = new PartitionLedger[0];
    private long records;

    RawLedger(HeapBudget budget) {
        this.budget = budget;
    }

    void addValid(int partition, long offset, long timestamp, long value, Long sequence) {
        PartitionLedger p = slot(partition, offset);
        int i = p.index(offset);
        p.setKind(i, VALID);
        p.value(i)[p.at(i)] = (int) value;
        p.timestamp(i)[p.at(i)] = timestamp;
        p.sequence(i)[p.at(i)] = sequence == null ? NO_SEQUENCE : sequence;
        p.ordinal(i)[p.at(i)] = NO_ORDINAL;
    }

    void addRejected(int partition, long offset, long timestamp, RejectReason reason, byte[] key, byte[] value) {
        PartitionLedger p = slot(partition, offset);
        int i = p.index(offset);
        p.setKind(i, (byte) (2 + reason.ordinal()));
        p.timestamp(i)[p.at(i)] = timestamp;
        ByteBuffer digest = ByteBuffer.wrap(digest(hash(key), hash(value)));
        p.value(i)[p.at(i)] = digest.getInt();
        p.sequence(i)[p.at(i)] = digest.getLong();
        p.ordinal(i)[p.at(i)] = digest.getInt();
    }

    long records() {
        return records;
    }

    int partitionCount() {
        return partitions.length;
    }

    boolean exists(int partition, long offset) {
        PartitionLedger p = partition >= 0 && partition < partitions.length ? partitions[partition] : null;
        return p != null && p.contains(offset) && p.kind(p.index(offset)) != ABSENT;
    }

    boolean isValid(int partition, long offset) {
        return kind(partition, offset) == VALID;
    }

    RejectReason rejectReason(int partition, long offset) {
        byte kind = kind(partition, offset);
        return kind >= 2 ? RejectReason.values()[kind - 2] : null;
    }

    long value(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        return p.value(i)[p.at(i)];
    }

    long timestamp(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        return p.timestamp(i)[p.at(i)];
    }

    Long sequence(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        long s = p.sequence(i)[p.at(i)];
        return s == NO_SEQUENCE ? null : s;
    }

    boolean sameBytes(int partition, long offset, byte[] key, byte[] value) {
        return sameHashes(partition, offset, hash(key), hash(value));
    }

    /** As {@link #sameBytes}, given the SHA-256 of the key and of the value (null for null). */
    boolean sameHashes(int partition, long offset, byte[] keyHash, byte[] valueHash) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        ByteBuffer digest = ByteBuffer.wrap(digest(keyHash, valueHash));
        return p.value(i)[p.at(i)] == digest.getInt() && p.sequence(i)[p.at(i)] == digest.getLong()
                && p.ordinal(i)[p.at(i)] == digest.getInt();
    }

    /** Marks the record used; returns its previous use (NONE the first time). */
    Use use(int partition, long offset, Use use) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        Use before = Use.values()[p.use(i)[p.at(i)]];
        if (before == Use.NONE) {
            p.use(i)[p.at(i)] = (byte) use.ordinal();
        }
        return before;
    }

    Use useOf(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        return Use.values()[p.use(i)[p.at(i)]];
    }

    /** Where a valid record stands in its class's output (the engine's order); see {@code LedgerCheck}. */
    void setOrdinal(int partition, long offset, int ordinal) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        p.ordinal(i)[p.at(i)] = ordinal;
    }

    int ordinal(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        return p.ordinal(i)[p.at(i)];
    }

    /** Visits every present record in partition then offset order. */
    void forEach(RecordVisitor visitor) {
        for (int partition = 0; partition < partitions.length; partition++) {
            PartitionLedger p = partitions[partition];
            if (p == null) {
                continue;
            }
            for (int i = 0; i < p.size; i++) {
                byte kind = p.kind(i);
                if (kind != ABSENT) {
                    visitor.visit(partition, p.base + i, kind, Use.values()[p.use(i)[p.at(i)]]);
                }
            }
        }
    }

    interface RecordVisitor {
        void visit(int partition, long offset, byte kind, Use use);
    }

    static long pack(int partition, long offset) {
        return ((long) partition << 43) | offset;
    }

    static int partitionOf(long packed) {
        return (int) (packed >>> 43);
    }

    static long offsetOf(long packed) {
        return packed & ((1L << 43) - 1);
    }

    private byte kind(int partition, long offset) {
        if (!exists(partition, offset)) {
            return ABSENT;
        }
        PartitionLedger p = partitions[partition];
        return p.kind(p.index(offset));
    }

    private PartitionLedger slot(int partition, long offset) {
        records++;
        if (partition >= partitions.length) {
            partitions = Arrays.copyOf(partitions, partition + 1);
        }
        if (partitions[partition] == null) {
            partitions[partition] = new PartitionLedger(offset);
        }
        PartitionLedger p = partitions[partition];
        p.ensure(offset, budget);
        return p;
    }

    /**
     * A digest of a record's key and value built from their own SHA-256 hashes, so that a truncated
     * dead letter, which carries the hash of the value (and perhaps of the key) it could not hold,
     * is checked against the same digest as a whole copy; cut to the 16 bytes a rejected record's
     * slot has room for (a changed copy still shows).
     */
    private static byte[] digest(byte[] keyHash, byte[] valueHash) {
        MessageDigest sha = sha256();
        update(sha, keyHash);
        update(sha, valueHash);
        return Arrays.copyOf(sha.digest(), 16);
    }

    /** The bytes' SHA-256, or null for null. */
    static byte[] hash(byte[] bytes) {
        return bytes == null ? null : sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, byte[] hash) {
        // a marker first, so a null key or value differs from any hash
        sha.update((byte) (hash == null ? 0 : 1));
        if (hash != null) {
            sha.update(hash);
        }
    }

    /**
     * One partition's records, indexed by offset minus the first offset seen (gaps stay ABSENT), in
     * chunks of {@link #CHUNK} slots. Every offset of the span is charged, gaps included: transaction
     * markers take offsets too.
     */
    private static final class PartitionLedger {
        static final int CHUNK_BITS = 12;
        static final int CHUNK = 1 << CHUNK_BITS;

        final long base;
        int size;
        byte[][] kind = new byte[0][];
        byte[][] use = new byte[0][];
        int[][] value = new int[0][];
        long[][] timestamp = new long[0][];
        long[][] sequence = new long[0][];
        int[][] ordinal = new int[0][];

        PartitionLedger(long base) {
            this.base = base;
        }

        boolean contains(long offset) {
            return offset >= base && offset - base < size;
        }

        int index(long offset) {
            return (int) (offset - base);
        }

        int at(int index) {
            return index & (CHUNK - 1);
        }

        byte kind(int index) {
            return kind[index >>> CHUNK_BITS][at(index)];
        }

        void setKind(int index, byte k) {
            kind[index >>> CHUNK_BITS][at(index)] = k;
        }

        byte[] use(int index) {
            return use[index >>> CHUNK_BITS];
        }

        int[] value(int index) {
            return value[index >>> CHUNK_BITS];
        }

        long[] timestamp(int index) {
            return timestamp[index >>> CHUNK_BITS];
        }

        long[] sequence(int index) {
            return sequence[index >>> CHUNK_BITS];
        }

        int[] ordinal(int index) {
            return ordinal[index >>> CHUNK_BITS];
        }

        void ensure(long offset, HeapBudget budget) {
            long needed = offset - base + 1;
            if (offset < base || needed > Integer.MAX_VALUE - CHUNK) {
                throw new VerifyException("offset " + offset + " is out of the range verify can index");
            }
            if (needed <= size) {
                return;
            }
            budget.charge((needed - size) * HeapBudget.BYTES_PER_RECORD, "the raw records");
            int chunks = (int) ((needed + CHUNK - 1) >>> CHUNK_BITS);
            if (chunks > kind.length) {
                int capacity = Math.max(chunks, kind.length * 2);
                kind = Arrays.copyOf(kind, capacity);
                use = Arrays.copyOf(use, capacity);
                value = Arrays.copyOf(value, capacity);
                timestamp = Arrays.copyOf(timestamp, capacity);
                sequence = Arrays.copyOf(sequence, capacity);
                ordinal = Arrays.copyOf(ordinal, capacity);
            }
            for (int c = (size + CHUNK - 1) >>> CHUNK_BITS; c < chunks; c++) {
                kind[c] = new byte[CHUNK];
                use[c] = new byte[CHUNK];
                value[c] = new int[CHUNK];
                timestamp[c] = new long[CHUNK];
                sequence[c] = new long[CHUNK];
                ordinal[c] = new int[CHUNK];
            }
            size = (int) needed;
        }
    }
}
