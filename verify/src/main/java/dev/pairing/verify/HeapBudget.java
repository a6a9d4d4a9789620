package dev.pairing.verify;

/**
 * The heap verify may fill with what it keeps while it checks: the raw ledger (a fixed number of
 * bytes for every raw offset) and the queues of its replay through pairing-core. Everything that
 * grows with the topics is charged here before it is allocated, so verify stops with a message that
 * says what to do instead of running out of heap: at {@code --maxRecords} offsets' worth of bytes,
 * or earlier when the JVM's maximum heap is smaller than that.
 */
final class HeapBudget {

    /** What the ledger keeps for each raw offset; {@code LedgerFootprintIT} measures that this is true. */
    static final int BYTES_PER_RECORD = 26;
    /** The heap left for everything else: fetched batches, decoding, the report. */
    static final long HEADROOM_BYTES = 256L << 20;

    private final long maxRecords;
    private final long heapBytes;
    private long charged;

    /** A budget of {@code maxRecords} raw records within this JVM's maximum heap. */
    HeapBudget(long maxRecords) {
        this(maxRecords, Runtime.getRuntime().maxMemory() - HEADROOM_BYTES);
    }

    HeapBudget(long maxRecords, long heapBytes) {
        this.maxRecords = maxRecords;
        this.heapBytes = heapBytes;
    }

    /**
     * Counts bytes about to be allocated.
     *
     * @throws VerifyException when they would exceed {@code --maxRecords} or the heap
     */
    void charge(long bytes, String forWhat) {
        charged += bytes;
        if (charged > maxRecords * BYTES_PER_RECORD) {
            throw new VerifyException("the topics need more than --maxRecords " + maxRecords + " allows (" + forWhat
                    + "): verify keeps " + BYTES_PER_RECORD + " bytes of heap for every raw record and 8 to 16 for"
                    + " every number waiting in its replay of the pairs; raise --maxRecords and give it a heap of about "
                    + BYTES_PER_RECORD + " bytes a record plus " + (HEADROOM_BYTES >> 20)
                    + " MB (java -Xmx4g, or JAVA_TOOL_OPTIONS=-Xmx4g ./pairing verify ..., for 100 million)");
        }
        if (charged > heapBytes) {
            throw new VerifyException("verify needs more heap than this JVM has (" + forWhat + "): what it keeps would"
                    + " pass " + (Math.max(heapBytes, 0) >> 20) + " MB, its maximum heap less " + (HEADROOM_BYTES >> 20)
                    + " MB for reading; give it about " + BYTES_PER_RECORD + " bytes a raw record plus "
                    + (HEADROOM_BYTES >> 20) + " MB (java -Xmx4g, or JAVA_TOOL_OPTIONS=-Xmx4g ./pairing verify ...,"
                    + " for 100 million)");
        }
    }

    long charged() {
        return charged;
    }
}
