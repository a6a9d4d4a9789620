package dev.pairing.schemas.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts a dead letter to the byte limit of the topic it goes to, so that no raw record, however
 * large, can make a runner's send fail. A copy that fits is written as it is; one that does not
 * keeps its headers and its key (when they fit), as much of the value as fits (possibly none), and
 * says so: {@link DeadLetterHeaders#TRUNCATED}, the original value's size and SHA-256. The raw
 * topic still holds the original for its retention.
 *
 * <p>Pure and engine-neutral: both runners call it with the same inputs, so their dead letters
 * stay byte-identical. Sizes are counted as {@link RecordSize} does.
 */
public final class DeadLetterFit {

    /**
     * The smallest limit a dead-letter topic may have: room for the reason headers (the detail is
     * bounded by {@link DeadLetter#MAX_DETAIL_BYTES}, a topic name by Kafka's 249 characters), the
     * truncation headers and a key's hash, with a margin. Runners refuse to start below it.
     */
    public static final int MINIMUM_LIMIT = 4096;

    private DeadLetterFit() {}

    /** The record to write. */
    public record Fitted(byte[] key, byte[] value, List<DeadLetter.Header> headers) {

        public boolean truncated() {
            return headers.stream().anyMatch(h -> h.name().equals(DeadLetterHeaders.TRUNCATED));
        }
    }

    /**
     * @param key   the raw key, or null
     * @param value the raw value, or null
     * @param limit the most bytes a record may take on the dead-letter topic, as {@link RecordSize}
     *              counts: the smaller of the topic's {@code max.message.bytes} and the producer's
     *              {@code max.request.size}
     * @throws IllegalArgumentException when the limit is below {@link #MINIMUM_LIMIT}
     */
    public static Fitted fit(byte[] key, byte[] value, DeadLetter letter, int limit) {
        if (limit < MINIMUM_LIMIT) {
            throw new IllegalArgumentException("a dead-letter limit of " + limit + " bytes is below the minimum of "
                    + MINIMUM_LIMIT);
        }
        List<DeadLetter.Header> headers = letter.headers();
        if (RecordSize.of(key, value, headers) <= limit) {
            return new Fitted(key, value, headers);
        }
        // too large: the key, the value or both (the reason headers' texts are short and bounded)
        List<DeadLetter.Header> cut = new ArrayList<>(headers);
        cut.add(text(DeadLetterHeaders.TRUNCATED, "true"));
        if (value != null) {
            cut.add(text(DeadLetterHeaders.ORIGINAL_SIZE, Integer.toString(value.length)));
            cut.add(text(DeadLetterHeaders.ORIGINAL_SHA256, sha256Hex(value)));
        }
        byte[] keptKey = key;
        if (key != null && RecordSize.of(key, value == null ? null : new byte[0], cut) > limit) {
            keptKey = null;
            cut.add(text(DeadLetterHeaders.ORIGINAL_KEY_SHA256, sha256Hex(key)));
        }
        if (value == null) {
            return new Fitted(keptKey, null, List.copyOf(cut));
        }
        int headersSize = RecordSize.headersSize(cut);
        int keyLength = keptKey == null ? -1 : keptKey.length;
        int kept = Math.min(value.length, Math.max(0, limit - RecordSize.of(keyLength, 0, headersSize)));
        while (kept > 0 && RecordSize.of(keyLength, kept, headersSize) > limit) {
            kept--; // the value's length prefix may have grown by a byte or two
        }
        return new Fitted(keptKey, Arrays.copyOf(value, kept), List.copyOf(cut));
    }

    /** Lower-case hex of the bytes' SHA-256. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static DeadLetter.Header text(String name, String value) {
        return new DeadLetter.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
