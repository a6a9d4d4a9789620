package dev.pairing.schemas.registry;

/** The registry answered, and said no: an incompatible schema for a subject, a bad request. */
public final class RegistryRefusedException extends RuntimeException {

    private final int status;

    public RegistryRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
