package dev.pairing.producer;

import java.util.Locale;

/** The once-a-second progress line, with the rate measured since the previous line. */
final class ProgressLine {

    private long previousSent;
    private long previousNanos = System.nanoTime();

    String next(NumberProducer.Progress progress) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - previousNanos) / 1e9);
        double rate = (progress.sent() - previousSent) / seconds;
        previousSent = progress.sent();
        previousNanos = now;
        return String.format(Locale.ROOT, "sent %d  rate %.0f/s  acked %d  failed %d", progress.sent(), rate,
                progress.acked(), progress.failed());
    }

    static String summary(NumberProducer.Progress progress) {
        return String.format(Locale.ROOT, "sent %d (valid %d, out of range %d, undecodable %d), acked %d, failed %d",
                progress.sent(), progress.kinds().get(NumberStream.Kind.VALID),
                progress.kinds().get(NumberStream.Kind.OUT_OF_RANGE),
                progress.kinds().get(NumberStream.Kind.UNDECODABLE), progress.acked(), progress.failed());
    }
}
