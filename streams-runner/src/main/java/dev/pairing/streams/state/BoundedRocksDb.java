package dev.pairing.streams.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of the process, instead of Kafka Streams' per store (a
 * 50 MB block cache and three 16 MB write buffers each, so a runner with three tasks could take
 * about 300 MB off the heap): the stores share one block cache of {@link #CACHE_BYTES}, their
 * write buffers are charged to it ({@link #WRITE_BUFFER_BYTES} of it at most), and index and filter
 * blocks live in it too. The pending store holds a few keys per class (chunks of 32 numbers), so this
 * is room enough; a deeper backlog reads its middle chunks from disk, once per 32 pairs.
 *
 * <p>Set by the runner as {@code rocksdb.config.setter} unless a {@code --kafkaProperty} names another.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** The block cache every store of this JVM shares, write buffers included. */
    public static final long CACHE_BYTES = 32L * 1024 * 1024;
    /** How much of the cache write buffers may take before RocksDB flushes them. */
    public static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;

    /**
     * Shared by every store of the process and never closed: stores come and go with tasks, the budget
     * stays. Made when the first store opens, not when the configuration names this class: RocksDB's
     * native library may not be loaded before.
     */
    private static final class Shared {
        static {
            RocksDB.loadLibrary();
        }

        static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);
    }

    /** Made by Kafka Streams from {@code rocksdb.config.setter}. */
    public BoundedRocksDb() {}

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared: closing them here would break the other stores
    }
}
