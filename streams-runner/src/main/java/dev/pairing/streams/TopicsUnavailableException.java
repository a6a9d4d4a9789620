package dev.pairing.streams;

/** The application cannot start because topics are missing or unreachable; the message names them. */
public final class TopicsUnavailableException extends Exception {

    TopicsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
