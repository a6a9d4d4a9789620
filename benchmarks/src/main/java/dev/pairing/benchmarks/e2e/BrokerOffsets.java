package dev.pairing.benchmarks.e2e;

import dev.pairing.launcher.process.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the bench asks the broker, through one admin client: topics made and deleted, end offsets,
 * last stable offsets (what a read_committed reader can see), a group's committed offsets, and the
 * size of every partition's log. Asking costs the broker a request, not a read of the records.
 */
final class BrokerOffsets implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    /** A partition's end offset and the bytes of its log on disk. */
    record PartitionLog(long endOffset, long bytes) {}

    private final Admin admin;

    BrokerOffsets(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    /** Creates the topics that do not exist yet. */
    void create(List<String> names, int partitions) {
        for (String name : names) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (name.endsWith("-dlq")) {
                // as the runners create it: a dead letter is its raw record plus headers
                topic.configs(Map.of("max.message.bytes", "1114124"));
            }
            try {
                get(admin.createTopics(List.of(topic)).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("creating topic " + name + " failed: " + e.getCause(), e);
                }
            }
        }
    }

    /** Deletes the topics that exist of these. */
    void delete(Collection<String> names) {
        List<String> existing = new ArrayList<>(names);
        existing.retainAll(topics());
        if (!existing.isEmpty()) {
            try {
                get(admin.deleteTopics(existing).all());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
    }

    /** Every topic on the broker, Kafka's internal ones included. */
    List<String> topics() {
        return List.copyOf(get(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()));
    }

    /** Every partition of the topics, waiting until the broker knows them all (a topic created a moment ago). */
    List<TopicPartition> partitions(List<String> topics) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (TopicDescription d : get(admin.describeTopics(topics).allTopicNames()).values()) {
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
                }
                return partitions;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker does not know all of " + topics + " after 60 s", e);
                }
                Poll.pause(Duration.ofMillis(200));
            }
        }
    }

    /** Each partition's last stable offset (read_committed) or high watermark (read_uncommitted). */
    Map<TopicPartition, Long> latest(List<TopicPartition> partitions, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(p -> specs.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(specs, new ListOffsetsOptions(isolation)).all())
                .forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /** The sum of the partitions' last stable offsets: how far a read_committed reader can read. */
    long visible(List<TopicPartition> partitions) {
        return sum(latest(partitions, IsolationLevel.READ_COMMITTED));
    }

    /**
     * The sum of the last stable offsets when no partition has an open transaction (each equals its
     * high watermark), else -1.
     */
    long visibleIfSettled(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> stable = latest(partitions, IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> high = latest(partitions, IsolationLevel.READ_UNCOMMITTED);
        for (TopicPartition p : partitions) {
            if (!stable.get(p).equals(high.get(p))) {
                return -1;
            }
        }
        return sum(stable);
    }

    /** The summed end offset of the topic's partitions. */
    long end(String topic) {
        return sum(latest(partitions(List.of(topic)), IsolationLevel.READ_UNCOMMITTED));
    }

    /** The group's committed offsets on the topic, summed; 0 before its first commit. */
    long committed(String groupId, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata());
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /** Every partition on the broker, internal topics included, with its end offset and log size. */
    Map<TopicPartition, PartitionLog> logs() {
        List<TopicPartition> partitions = partitions(topics());
        Map<TopicPartition, Long> ends = latest(partitions, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> sizes = new HashMap<>();
        List<Integer> brokers = get(admin.describeCluster().nodes()).stream().map(Node::id).toList();
        for (Map<String, LogDirDescription> dirs : get(admin.describeLogDirs(brokers).allDescriptions()).values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                    sizes.merge(r.getKey(), r.getValue().size(), Long::sum);
                }
            }
        }
        Map<TopicPartition, PartitionLog> logs = new HashMap<>();
        ends.forEach((p, end) -> logs.put(p, new PartitionLog(end, sizes.getOrDefault(p, 0L))));
        return logs;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer in " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
