package dev.pairing.endpoint;

/**
 * What a process says to {@code /health/live} and {@code /health/ready}: 200 with the detail when the
 * answer is yes, 503 with it when no. Asked on the endpoint's thread, so it reads state published
 * safely.
 */
public interface Health {

    /** One answer, and why, in a word or a line. */
    record Status(boolean ok, String detail) {

        public static Status up(String detail) {
            return new Status(true, detail);
        }

        public static Status down(String detail) {
            return new Status(false, detail);
        }
    }

    /** Whether the process can still do its work: no means restart it. */
    Status live();

    /** Whether the process does its work now: no means do not count on it, or wait. */
    Status ready();

    /** A process with nothing to wait for: up and ready while it runs. */
    Health RUNNING = new Health() {
        @Override
        public Status live() {
            return Status.up("running");
        }

        @Override
        public Status ready() {
            return Status.up("running");
        }
    };
}
