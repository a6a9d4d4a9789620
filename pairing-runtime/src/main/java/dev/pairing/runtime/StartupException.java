package dev.pairing.runtime;

/**
 * A pipeline that cannot start: topics missing or unfit, a registry that refuses or cannot be
 * reached. The message is one line for the operator, saying what to change.
 */
public final class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
