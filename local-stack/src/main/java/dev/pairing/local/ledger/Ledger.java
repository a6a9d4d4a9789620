package dev.pairing.local.ledger;

import dev.pairing.core.PairingRules;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.core.validation.Verdict;
import dev.pairing.local.PipelineTopics;
import dev.pairing.local.view.TopicReader;
import dev.pairing.schemas.avro.NumberPair;
import dev.pairing.schemas.avro.SourceEvent;
import dev.pairing.schemas.codec.OutputCodec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Where every raw record ended, from the committed contents of the four topics: each raw record must
 * be in exactly one place (one of a pair's two events, a dead letter, an unpaired record) or, if it
 * is valid and in none, pending. Places are matched by provenance (raw partition and offset), so a
 * record counted twice, an output pointing at nothing, or a corrupted record that was silently
 * dropped each show up as a problem, not as a count that happens to add up.
 */
public record Ledger(long raw, long valid, long rejected, long pairs, long unpaired, long pending, List<String> problems) {

    private static final int PROBLEMS_SHOWN = 10;

    /** Reads the topics (committed records only) and balances them. */
    public static Ledger read(Properties client, PipelineTopics topics, int pairSum) {
        return of(new PairingRules(pairSum), TopicReader.readAll(client, topics.raw()),
                TopicReader.readAll(client, topics.enriched()), TopicReader.readAll(client, topics.deadLetters()),
                TopicReader.readAll(client, topics.unpaired()));
    }

    public static Ledger of(PairingRules rules, List<ConsumerRecord<byte[], byte[]>> raw,
            List<ConsumerRecord<byte[], byte[]>> enriched, List<ConsumerRecord<byte[], byte[]>> deadLetters,
            List<ConsumerRecord<byte[], byte[]>> unpaired) {
        Balance balance = new Balance(rules, raw);
        for (ConsumerRecord<byte[], byte[]> record : deadLetters) {
            balance.deadLetter(record);
        }
        for (ConsumerRecord<byte[], byte[]> record : enriched) {
            balance.pair(record);
        }
        for (ConsumerRecord<byte[], byte[]> record : unpaired) {
            balance.unpaired(record);
        }
        return balance.close(deadLetters.size(), enriched.size(), unpaired.size());
    }

    public boolean balanced() {
        return problems.isEmpty();
    }

    public String render(PipelineTopics topics) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ledger of %s -> %s, %s, %s%n", topics.raw(), topics.enriched(),
                topics.deadLetters(), topics.unpaired()));
        out.append(row("raw records", raw, ""));
        out.append(row("  rejected", rejected, "dead letters, with the reason in their headers"));
        out.append(row("  valid", valid, ""));
        out.append(row("    paired", 2 * pairs, pairs + " pairs"));
        out.append(row("    unpaired", unpaired, "evicted or expired"));
        out.append(row("    pending", pending, "still waiting for a complement"));
        if (balanced()) {
            out.append(String.format(Locale.ROOT,
                    "balanced: %d raw = 2 x %d pairs + %d dead letters + %d unpaired + %d pending%n",
                    raw, pairs, rejected, unpaired, pending));
        } else {
            out.append("NOT balanced:").append(System.lineSeparator());
            problems.stream().limit(PROBLEMS_SHOWN)
                    .forEach(p -> out.append("  - ").append(p).append(System.lineSeparator()));
            if (problems.size() > PROBLEMS_SHOWN) {
                out.append("  ... and ").append(problems.size() - PROBLEMS_SHOWN).append(" more")
                        .append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private static String row(String label, long count, String note) {
        return String.format(Locale.ROOT, "  %-14s %9d  %s%n", label, count, note).replaceAll("\\s+$", "")
                + System.lineSeparator();
    }

    /** The raw topic as a map of places, each to be claimed by exactly one output. */
    private static final class Balance {

        private record Place(int partition, long offset) {
            @Override
            public String toString() {
                return "p" + partition + "@" + offset;
            }
        }

        private final Map<Place, Verdict> verdicts = new HashMap<>();
        private final Map<Place, String> claimedBy = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Balance(PairingRules rules, List<ConsumerRecord<byte[], byte[]>> raw) {
            NumberValidator validator = new NumberValidator(rules);
            RawValueCodec codec = new RawValueCodec();
            for (ConsumerRecord<byte[], byte[]> record : raw) {
                verdicts.put(new Place(record.partition(), record.offset()),
                        validator.validate(codec.decode(record.value())));
            }
        }

        void deadLetter(ConsumerRecord<byte[], byte[]> record) {
            DeadLetter letter;
            try {
                letter = DeadLetter.fromHeaders(name -> {
                    Header header = record.headers().lastHeader(name);
                    return header == null ? null : header.value();
                });
            } catch (IllegalArgumentException e) {
                problems.add("dead letter at p" + record.partition() + "@" + record.offset() + " has unreadable headers: "
                        + e.getMessage());
                return;
            }
            Place place = new Place(letter.partition(), letter.offset());
            if (claim(place, "a dead letter") && verdicts.get(place) instanceof Verdict.Accepted) {
                problems.add("the valid record " + place + " was dead-lettered (" + letter.reason() + ")");
            }
        }

        void pair(ConsumerRecord<byte[], byte[]> record) {
            NumberPair pair;
            try {
                pair = OutputCodec.decodePair(record.value());
            } catch (RuntimeException e) {
                problems.add("enriched record p" + record.partition() + "@" + record.offset() + " is not a pair");
                return;
            }
            if (pair.getFirst().getValue() + pair.getSecond().getValue() != pair.getPairSum()) {
                problems.add("pair " + pair.getFirst().getValue() + " + " + pair.getSecond().getValue()
                        + " does not sum to " + pair.getPairSum());
            }
            event(pair.getFirst(), "a pair");
            event(pair.getSecond(), "a pair");
        }

        void unpaired(ConsumerRecord<byte[], byte[]> record) {
            try {
                event(OutputCodec.decodeUnpaired(record.value()).getEvent(), "an unpaired record");
            } catch (RuntimeException e) {
                problems.add("unpaired record p" + record.partition() + "@" + record.offset() + " is unreadable");
            }
        }

        private void event(SourceEvent event, String where) {
            Place place = new Place(event.getPartition(), event.getOffset());
            if (claim(place, where)) {
                Verdict verdict = verdicts.get(place);
                if (!(verdict instanceof Verdict.Accepted accepted)) {
                    problems.add("the rejected record " + place + " is in " + where);
                } else if (accepted.value() != event.getValue()) {
                    problems.add(place + " holds " + accepted.value() + " but " + where + " says " + event.getValue());
                }
            }
        }

        /** Claims a raw place for an output; false (and a problem) when it is missing or claimed already. */
        private boolean claim(Place place, String by) {
            if (!verdicts.containsKey(place)) {
                problems.add(by + " points at " + place + ", which is not in the raw topic");
                return false;
            }
            String previous = claimedBy.putIfAbsent(place, by);
            if (previous != null) {
                problems.add(place + " is in " + previous + " and again in " + by);
                return false;
            }
            return true;
        }

        Ledger close(long deadLetters, long pairs, long unpaired) {
            long valid = verdicts.values().stream().filter(v -> v instanceof Verdict.Accepted).count();
            long pending = 0;
            for (Map.Entry<Place, Verdict> entry : verdicts.entrySet()) {
                if (claimedBy.containsKey(entry.getKey())) {
                    continue;
                }
                if (entry.getValue() instanceof Verdict.Rejected rejected) {
                    problems.add("the corrupted record " + entry.getKey() + " (" + rejected.reason()
                            + ") is in no dead letter");
                } else {
                    pending++;
                }
            }
            return new Ledger(verdicts.size(), valid, deadLetters, pairs, unpaired, pending, List.copyOf(problems));
        }
    }
}
