package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.process.Poll;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an engine's group has committed its input, polled every 100 ms on a thread of its own.
 * Where an engine writes nothing (numbers joining a queue), the committed offset is what can be seen
 * of its progress, and under exactly-once it is honest: Kafka Streams commits the offsets in the
 * transaction that also holds the state's changelog, and Flink's source commits them when the
 * checkpoint holding that state has completed.
 */
final class CommittedOffsets {

    /** The summed committed offset of the topic's partitions, first seen at {@code nanos}. */
    record Point(long nanos, long offset) {}

    private static final long EVERY_MILLIS = 100;

    private final String bootstrap;
    private final String groupId;
    private final String topic;
    private final Progress progress;
    private final long of;
    private final List<Point> points = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    private CommittedOffsets(String bootstrap, String groupId, String topic, long of, Progress progress) {
        this.bootstrap = bootstrap;
        this.groupId = groupId;
        this.topic = topic;
        this.of = of;
        this.progress = progress;
        this.thread = new Thread(this::loop, "committed-offsets");
        thread.setDaemon(true);
    }

    static CommittedOffsets watch(String bootstrap, String groupId, String topic, long of, String phase,
            PrintStream out) {
        CommittedOffsets watch = new CommittedOffsets(bootstrap, groupId, topic, of, new Progress(out, phase));
        watch.thread.start();
        return watch;
    }

    /** Stops polling and returns each new committed offset with when it was first seen. */
    List<Point> stop() {
        stopped = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    private void loop() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            long last = -1;
            while (!stopped) {
                long offset = committed(admin);
                long now = System.nanoTime();
                if (offset > last) {
                    last = offset;
                    synchronized (points) {
                        points.add(new Point(now, offset));
                    }
                }
                progress.tick(Math.max(last, 0), of);
                Poll.pause(Duration.ofMillis(EVERY_MILLIS));
            }
        } catch (RuntimeException e) {
            // the rate is computed from the points seen so far; a gap shows as fewer points
        }
    }

    private long committed(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long sum = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    sum += e.getValue().offset();
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * Input events per second between the first commit above {@code from} and the last commit at or
     * below {@code to}; NaN with fewer than two such commits (the phase fell within one commit).
     */
    static double rate(List<Point> points, long from, long to) {
        List<Point> span = span(points, from, to);
        if (span.isEmpty()) {
            return Double.NaN;
        }
        return (span.get(1).offset() - span.get(0).offset()) / seconds(span);
    }

    /** What {@link #rate} is measured over, in seconds; 0 when it has no rate. */
    static double windowSeconds(List<Point> points, long from, long to) {
        List<Point> span = span(points, from, to);
        return span.isEmpty() ? 0 : seconds(span);
    }

    /** The first and the last commit within (from, to], or empty when they are not two apart in time. */
    private static List<Point> span(List<Point> points, long from, long to) {
        Point first = null;
        Point last = null;
        for (Point p : points) {
            if (p.offset() > from && p.offset() <= to) {
                if (first == null) {
                    first = p;
                }
                last = p;
            }
        }
        if (first == null || last == first || last.nanos() == first.nanos()) {
            return List.of();
        }
        return List.of(first, last);
    }

    private static double seconds(List<Point> span) {
        return (span.get(1).nanos() - span.get(0).nanos()) / 1e9;
    }
}
