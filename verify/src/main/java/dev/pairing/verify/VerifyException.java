package dev.pairing.verify;

/** verify cannot finish (a topic is missing, a limit is reached): the message says what to do. */
public final class VerifyException extends RuntimeException {

    public VerifyException(String message) {
        super(message);
    }
}
