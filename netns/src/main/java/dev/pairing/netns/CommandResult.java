package dev.pairing.netns;

/**
 * What a finished command left.
 *
 * @param status its exit status
 * @param output its stdout and stderr, interleaved
 */
public record CommandResult(int status, String output) {

    /** Whether it exited 0. */
    public boolean ok() {
        return status == 0;
    }
}
