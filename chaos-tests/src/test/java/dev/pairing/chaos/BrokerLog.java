package dev.pairing.chaos;

import dev.pairing.launcher.kafka.LocalKafka;
import dev.pairing.launcher.kafka.RunningKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the brokers logged, by the moment they logged it: how a drill finds when the transaction
 * coordinator did something the clients cannot see, e.g. abort a zombie's open transaction.
 */
final class BrokerLog {

    /** The text layout's "[2026-12-07 13:55:01,234] INFO ..." (log4j2's default date, local time). */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    /** The coordinator's line when it has aborted a transaction whose timeout passed. */
    static final String TIMED_OUT_ROLLBACK = "Completed rollback of ongoing transaction for transactionalId ";

    private BrokerLog() {}

    /** When any node logged a line containing every one of {@code texts}, as epoch ms, in order. */
    static List<Long> times(RunningKafka kafka, String... texts) {
        List<Long> times = new ArrayList<>();
        for (LocalKafka node : kafka.nodes()) {
            if (!Files.exists(node.logFile())) {
                continue;
            }
            try (Stream<String> lines = Files.lines(node.logFile())) {
                lines.filter(line -> Stream.of(texts).allMatch(line::contains)).map(BrokerLog::stamp)
                        .filter(t -> t > 0).forEach(times::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        times.sort(null);
        return times;
    }

    /** The first such moment at or after {@code since} (epoch ms), or -1. */
    static long first(RunningKafka kafka, long since, String... texts) {
        return times(kafka, texts).stream().filter(t -> t >= since).findFirst().orElse(-1L);
    }

    private static long stamp(String line) {
        if (!line.startsWith("[") || line.length() < 25) {
            return -1;
        }
        try {
            return LocalDateTime.parse(line.substring(1, 24), STAMP).atZone(ZoneId.systemDefault()).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
