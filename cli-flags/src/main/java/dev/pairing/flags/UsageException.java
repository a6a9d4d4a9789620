package dev.pairing.flags;

/** A command line that cannot run: the message says what is wrong, in the user's terms. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
