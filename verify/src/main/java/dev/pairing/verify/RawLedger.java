package dev.pairing.verify;

import dev.pairing.core.validation.RejectReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What each raw record is and where it has been accounted for, in compact per-partition arrays
 * (about 22 bytes a record) so millions of records fit in a modest heap. Rejected records also keep
 * a digest of their bytes, to check the dead-letter copy.
 */
final class RawLedger {

    /** Where a raw record ended up. */
    enum Use { NONE, PAIR, DLQ, UNPAIRED }

    static final byte ABSENT = 0;
    static final byte VALID = 1;
    private static final long NO_SEQUENCE = Long.MIN_VALUE;

    private final long maxRecords;
    private PartitionLedger[] partitions = new PartitionLedger[0];
    private final Map<Long, byte[]> rejectedDigests = new HashMap<>();
    private long records;

    RawLedger(long maxRecords) {
        this.maxRecords = maxRecords;
    }

    void addValid(int partition, long offset, long timestamp, long value, Long sequence) {
        PartitionLedger p = slot(partition, offset);
        int i = p.index(offset);
        p.kind[i] = VALID;
        p.value[i] = (int) value;
        p.timestamp[i] = timestamp;
        p.sequence[i] = sequence == null ? NO_SEQUENCE : sequence;
    }

    void addRejected(int partition, long offset, long timestamp, RejectReason reason, byte[] key, byte[] value) {
        PartitionLedger p = slot(partition, offset);
        int i = p.index(offset);
        p.kind[i] = (byte) (2 + reason.ordinal());
        p.timestamp[i] = timestamp;
        rejectedDigests.put(pack(partition, offset), digest(hash(key), hash(value)));
    }

    long records() {
        return records;
    }

    int partitionCount() {
        return partitions.length;
    }

    boolean exists(int partition, long offset) {
        PartitionLedger p = partition >= 0 && partition < partitions.length ? partitions[partition] : null;
        return p != null && p.contains(offset) && p.kind[p.index(offset)] != ABSENT;
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
        return p.value[p.index(offset)];
    }

    long timestamp(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        return p.timestamp[p.index(offset)];
    }

    Long sequence(int partition, long offset) {
        PartitionLedger p = partitions[partition];
        long s = p.sequence[p.index(offset)];
        return s == NO_SEQUENCE ? null : s;
    }

    boolean sameBytes(int partition, long offset, byte[] key, byte[] value) {
        return sameHashes(partition, offset, hash(key), hash(value));
    }

    /** As {@link #sameBytes}, given the SHA-256 of the key and of the value (null for null). */
    boolean sameHashes(int partition, long offset, byte[] keyHash, byte[] valueHash) {
        return Arrays.equals(rejectedDigests.get(pack(partition, offset)), digest(keyHash, valueHash));
    }

    /** Marks the record used; returns its previous use (NONE the first time). */
    Use use(int partition, long offset, Use use) {
        PartitionLedger p = partitions[partition];
        int i = p.index(offset);
        Use before = Use.values()[p.use[i]];
        if (before == Use.NONE) {
            p.use[i] = (byte) use.ordinal();
        }
        return before;
    }

    /** Visits every present record in partition then offset order. */
    void forEach(RecordVisitor visitor) {
        for (int partition = 0; partition < partitions.length; partition++) {
            PartitionLedger p = partitions[partition];
            if (p == null) {
                continue;
            }
            for (int i = 0; i < p.size; i++) {
                if (p.kind[i] != ABSENT) {
                    visitor.visit(partition, p.base + i, p.kind[i], Use.values()[p.use[i]]);
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
        return p.kind[p.index(offset)];
    }

    private PartitionLedger slot(int partition, long offset) {
        if (++records > maxRecords) {
            throw new VerifyException("the raw topic holds more than " + maxRecords + " records, the --maxRecords limit;"
                    + " raise it (about 25 bytes of heap a record, e.g. java -Xmx4g for 100 million) to verify it whole");
        }
        if (partition >= partitions.length) {
            partitions = Arrays.copyOf(partitions, partition + 1);
        }
        if (partitions[partition] == null) {
            partitions[partition] = new PartitionLedger(offset);
        }
        PartitionLedger p = partitions[partition];
        p.ensure(offset);
        return p;
    }

    /**
     * A digest of a record's key and value built from their own SHA-256 hashes, so that a truncated
     * dead letter, which carries the hash of the value (and perhaps of the key) it could not hold,
     * is checked against the same digest as a whole copy.
     */
    private static byte[] digest(byte[] keyHash, byte[] valueHash) {
        MessageDigest sha = sha256();
        update(sha, keyHash);
        update(sha, valueHash);
        return sha.digest();
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

    /** One partition's records, indexed by offset minus the first offset seen (gaps stay ABSENT). */
    private static final class PartitionLedger {
        final long base;
        int size;
        byte[] kind = new byte[1024];
        byte[] use = new byte[1024];
        int[] value = new int[1024];
        long[] timestamp = new long[1024];
        long[] sequence = new long[1024];

        PartitionLedger(long base) {
            this.base = base;
        }

        boolean contains(long offset) {
            return offset >= base && offset - base < size;
        }

        int index(long offset) {
            return (int) (offset - base);
        }

        void ensure(long offset) {
            long needed = offset - base + 1;
            if (offset < base || needed > Integer.MAX_VALUE - 8) {
                throw new VerifyException("offset " + offset + " is out of the range verify can index");
            }
            if (needed > kind.length) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, (long) kind.length * 2));
                kind = Arrays.copyOf(kind, capacity);
                use = Arrays.copyOf(use, capacity);
                value = Arrays.copyOf(value, capacity);
                timestamp = Arrays.copyOf(timestamp, capacity);
                sequence = Arrays.copyOf(sequence, capacity);
            }
            size = (int) Math.max(size, needed);
        }
    }
}
