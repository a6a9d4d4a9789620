package dev.pairing.parity;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An output topic as the parity test compares it: per record key, the records in the order a
 * consumer of that key sees them, each rendered with everything that must be identical across
 * engines (partition, timestamp, value bytes, headers in order). Records without a key land on a
 * partition of the producer's choosing, so they are compared as a set, not a sequence.
 */
record OutputImage(Map<String, List<String>> byKey, List<String> keyless) {

    private static final HexFormat HEX = HexFormat.of();

    static OutputImage of(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byKey = new TreeMap<>();
        List<String> keyless = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null) {
                keyless.add(render(record, false));
            } else {
                byKey.computeIfAbsent(HEX.formatHex(record.key()), k -> new ArrayList<>()).add(render(record, true));
            }
        }
        keyless.sort(null);
        return new OutputImage(byKey, keyless);
    }

    int size() {
        return byKey.values().stream().mapToInt(List::size).sum() + keyless.size();
    }

    /** The first difference from {@code other}, in words, or null when the images are equal. */
    String firstDifference(OutputImage other) {
        if (!byKey.keySet().equals(other.byKey.keySet())) {
            return "keys differ: " + byKey.keySet() + " vs " + other.byKey.keySet();
        }
        for (Map.Entry<String, List<String>> entry : byKey.entrySet()) {
            String difference = firstDifference("key " + entry.getKey(), entry.getValue(), other.byKey.get(entry.getKey()));
            if (difference != null) {
                return difference;
            }
        }
        return firstDifference("records without key", keyless, other.keyless);
    }

    private static String firstDifference(String what, List<String> mine, List<String> theirs) {
        for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                return what + ", record " + i + ":\n  " + mine.get(i) + "\n  " + theirs.get(i);
            }
        }
        return mine.size() == theirs.size() ? null
                : what + ": " + mine.size() + " records vs " + theirs.size();
    }

    private static String render(ConsumerRecord<byte[], byte[]> record, boolean withPartition) {
        StringBuilder text = new StringBuilder();
        if (withPartition) {
            text.append("partition=").append(record.partition()).append(' ');
        }
        text.append("timestamp=").append(record.timestamp())
                .append(" value=").append(record.value() == null ? "null" : HEX.formatHex(record.value()))
                .append(" headers=[");
        record.headers().forEach(h -> text.append(h.key()).append('=').append(HEX.formatHex(h.value())).append(' '));
        return text.append(']').toString();
    }
}
