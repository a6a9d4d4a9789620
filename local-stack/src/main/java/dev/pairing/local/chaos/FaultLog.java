package dev.pairing.local.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's one record of what was done to it and what that did: each fault, planned or made (a
 * SIGKILL of {@code --chaos}, any other kind a plan makes), and each outage, from a death to the
 * first committed pair of a number sent after it. The outage report at the end and the web
 * console's timeline both read it, so a new kind of fault shows in both once it is written here.
 * Thread-safe: the demo's loop writes it while the console reads.
 */
public final class FaultLog {

    /** What an entry is: a fault the plan will make, a fault made, or the outage a death caused. */
    public enum Kind { PLANNED, FAULT, OUTAGE }

    /**
     * One entry. A fault that takes no time (a SIGKILL) ends where it starts; one that lasts (a
     * partition) and an outage end later, and until then are open.
     *
     * @param id          its number in this log, from 1
     * @param startMillis when it began (epoch ms); for a planned fault, when the plan makes it
     * @param endMillis   when it ended, or -1 while it lasts
     */
    public record Entry(int id, Kind kind, String what, long startMillis, long endMillis) {

        public boolean open() {
            return endMillis < 0;
        }

        /** How long it lasted, in seconds; for an open one, so far. */
        public double seconds(long nowMillis) {
            return ((open() ? nowMillis : endMillis) - startMillis) / 1000.0;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A fault the plan makes at {@code atMillis}, before it is made. */
    public synchronized Entry planned(String what, long atMillis) {
        return add(Kind.PLANNED, what, atMillis, atMillis);
    }

    /** A fault made now that takes no time, such as a SIGKILL. */
    public synchronized Entry fault(String what) {
        long now = System.currentTimeMillis();
        return add(Kind.FAULT, what, now, now);
    }

    /** A fault that lasts from now until {@link #end}, such as a partition. */
    public synchronized Entry faultBegins(String what) {
        return add(Kind.FAULT, what, System.currentTimeMillis(), -1);
    }

    /** An outage that begins now; {@code what} says what began it, e.g. "the Streams runner (pid 7) died". */
    public synchronized Entry outageBegins(String what) {
        return add(Kind.OUTAGE, what, System.currentTimeMillis(), -1);
    }

    /** Ends an open entry now; returns it as ended. */
    public synchronized Entry end(Entry entry) {
        Entry ended = new Entry(entry.id(), entry.kind(), entry.what(), entry.startMillis(), System.currentTimeMillis());
        int index = entries.indexOf(find(entry.id()).orElseThrow());
        entries.set(index, ended);
        return ended;
    }

    /** Every entry, in the order they were written. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one kind, in order. */
    public synchronized List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    private Optional<Entry> find(int id) {
        return entries.stream().filter(e -> e.id() == id).findFirst();
    }

    private Entry add(Kind kind, String what, long start, long end) {
        Entry entry = new Entry(entries.size() + 1, kind, what, start, end);
        entries.add(entry);
        return entry;
    }
}
