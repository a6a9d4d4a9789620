package dev.pairing.local.view;

import dev.pairing.kafka.CommittedTopicReader;
import dev.pairing.kafka.topics.PipelineTopics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What the demo shows while it runs: a line per decoded pair, dead letter and unpaired number as
 * they are committed (at most a few per second, so a high rate does not flood the terminal), and a
 * line of running counts. Counts come from the topics themselves: the raw topic's end offsets, the
 * runner's committed position in it, and the committed outputs. A {@link Watcher} (the web console)
 * is told the same: every record of this run as it is decoded, and every count line.
 */
public final class LiveView implements AutoCloseable {

    /** Told what the view reads, on the thread that polls it. */
    public interface Watcher {
        /**
         * A committed output record of this run, decoded.
         *
         * @param timestamp the record's timestamp (epoch ms)
         */
        void committed(RecordLine.Described record, long timestamp);

        /** The counts a count line shows, as it is shown. */
        void counted(Counts counts);
    }

    private static final Watcher NOBODY = new Watcher() {
        @Override
        public void committed(RecordLine.Described record, long timestamp) {}

        @Override
        public void counted(Counts counts) {}
    };

    /**
     * Running counts. {@code processed} is the runner's committed position in the raw topic, so
     * {@code pending} (processed minus what came out) includes records still in flight inside it.
     */
    public record Counts(long raw, long processed, long rejected, long pairs, long unpaired) {
        public long valid() {
            return processed - rejected;
        }

        public long pending() {
            return Math.max(0, processed - rejected - 2 * pairs - unpaired);
        }

        public long lag() {
            return raw - processed;
        }
    }

    private final PipelineTopics topics;
    private final String groupId;
    private final PrintStream out;
    private final int linesPerSecond;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;
    private final List<TopicPartition> rawPartitions;
    private final RecordLine lines;
    private final Map<RecordLine.Kind, Long> seen = new HashMap<>();
    private final long showSince;
    private long newPairs;
    private long windowStart = System.nanoTime();
    private int shownInWindow;
    private long notShown;
    private long newestPairEventTime = -1;
    private Watcher watcher = NOBODY;

    /**
     * @param showSince records with an earlier timestamp (an earlier run's) are counted but not shown
     */
    public LiveView(Properties client, PipelineTopics topics, String groupId, PrintStream out, int linesPerSecond,
            long showSince) {
        this.showSince = showSince;
        this.lines = RecordLine.forClient(client);
        this.topics = topics;
        this.groupId = groupId;
        this.out = out;
        this.linesPerSecond = linesPerSecond;
        this.consumer = CommittedTopicReader.committedConsumer(client);
        this.admin = Admin.create(client);
        List<TopicPartition> outputs = new ArrayList<>();
        for (String topic : topics.outputs()) {
            outputs.addAll(CommittedTopicReader.partitions(consumer, topic));
        }
        consumer.assign(outputs);
        consumer.seekToBeginning(outputs);
        this.rawPartitions = CommittedTopicReader.partitions(consumer, topics.raw());
    }

    /** Reads what was committed since the last call and shows some of it. */
    public void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            RecordLine.Described described = lines.describe(record);
            seen.merge(described.kind(), 1L, Long::sum);
            if (record.timestamp() >= showSince) {
                newPairs += described.kind() == RecordLine.Kind.PAIR ? 1 : 0;
                newestPairEventTime = Math.max(newestPairEventTime, described.newestEventTime());
                show(described.line());
                watcher.committed(described, record.timestamp());
            }
        }
    }

    private void show(String line) {
        long now = System.nanoTime();
        if (now - windowStart >= TimeUnit.SECONDS.toNanos(1)) {
            windowStart = now;
            shownInWindow = 0;
        }
        if (shownInWindow < linesPerSecond) {
            shownInWindow++;
            out.println(line);
        } else {
            notShown++;
        }
    }

    /** Output records seen so far; when it stops growing, the runner has written what it will. */
    public long outputsSeen() {
        return seen.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The newest event time (epoch ms) of a number in a pair seen so far, or -1: a pair of a number
     * created after a moment shows the pipeline processed input that arrived after it.
     */
    public long newestPairEventTime() {
        return newestPairEventTime;
    }

    /** Pairs of this run (not of earlier runs on the same topics). */
    public long newPairs() {
        return newPairs;
    }

    public Counts counts() {
        long raw = 0;
        long processed = 0;
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            rawPartitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            for (ListOffsetsResult.ListOffsetsResultInfo info
                    : admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).values()) {
                raw += info.offset();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            for (TopicPartition partition : rawPartitions) {
                OffsetAndMetadata offset = committed.get(partition);
                processed += offset == null ? 0 : offset.offset();
            }
        } catch (Exception e) {
            // a count line is skipped rather than the demo stopped: the broker may be busy
            return null;
        }
        return new Counts(raw, processed, seen.getOrDefault(RecordLine.Kind.DEAD_LETTER, 0L),
                seen.getOrDefault(RecordLine.Kind.PAIR, 0L), seen.getOrDefault(RecordLine.Kind.UNPAIRED, 0L));
    }

    /** Tells {@code watcher}, from now on, what this view reads. */
    public void watch(Watcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Prints the running counts (and how many record lines were left out since the last time), and
     * tells the watcher.
     */
    public void printCounts(Duration elapsed) {
        Counts counts = counts();
        if (counts == null) {
            return;
        }
        watcher.counted(counts);
        String hidden = notShown == 0 ? "" : String.format(Locale.ROOT, "  (%d more records not shown)", notShown);
        notShown = 0;
        out.printf(Locale.ROOT, "-- %s  raw %d | valid %d | rejected %d | pairs %d | unpaired %d | pending %d%s%n",
                clock(elapsed), counts.raw(), counts.valid(), counts.rejected(), counts.pairs(), counts.unpaired(),
                counts.pending(), hidden);
    }

    private static String clock(Duration elapsed) {
        long s = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    public PipelineTopics topics() {
        return topics;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
