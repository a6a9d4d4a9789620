package dev.pairing.launcher.process;

/** A local process did not come up; the message says why and where its log is. */
public final class LaunchException extends RuntimeException {

    public LaunchException(String message) {
        super(message);
    }
}
