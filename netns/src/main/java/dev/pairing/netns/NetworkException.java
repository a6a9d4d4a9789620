package dev.pairing.netns;

/** A namespace, link, address or rule could not be made or changed; the message has the command's output. */
public final class NetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }
}
