package dev.pairing.kafka.topics;

/** A pipeline's topics are missing, unreachable or unfit; the message is one line for the user. */
public final class TopicContractException extends Exception {

    public TopicContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
