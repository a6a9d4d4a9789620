package dev.pairing.producer;

/**
 * When the next record is due at a steady rate. The schedule is anchored at the start, not at the
 * previous send, so a slow send (a full buffer, a broker hiccup) is caught up afterwards and the
 * average rate holds. Pure arithmetic on elapsed time, so it is tested without a clock.
 */
final class SendPace {

    private final double perSecond;

    /** @param perSecond records per second; 0 means as fast as possible */
    SendPace(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or positive, got " + perSecond);
        }
        this.perSecond = perSecond;
    }

    boolean unlimited() {
        return perSecond == 0;
    }

    /** How many records should have been sent once {@code elapsedNanos} have passed since the start. */
    long dueBy(long elapsedNanos) {
        if (unlimited()) {
            return Long.MAX_VALUE;
        }
        return (long) Math.floor(elapsedNanos / 1e9 * perSecond) + 1;
    }

    /** The elapsed time at which record number {@code sent} (0-based) becomes due. */
    long dueAtNanos(long sent) {
        if (unlimited()) {
            return 0;
        }
        // one nanosecond past the exact instant, so dueBy() there counts this record despite rounding
        return (long) Math.ceil(sent / perSecond * 1e9) + 1;
    }
}
