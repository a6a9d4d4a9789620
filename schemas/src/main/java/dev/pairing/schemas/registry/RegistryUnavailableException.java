package dev.pairing.schemas.registry;

/**
 * The registry could not be asked (down, unreachable, refusing our credentials) for longer than the
 * settings allow. Never a reason to dead-letter a record: the runner stops instead, and its input
 * is read again once it is restarted against a working registry.
 */
public final class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
