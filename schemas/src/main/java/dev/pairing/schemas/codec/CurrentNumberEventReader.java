package dev.pairing.schemas.codec;

import dev.pairing.core.validation.Decoded;

/**
 * Reads a single-object {@code NumberEvent} of the current version straight from its bytes: the
 * version nearly every raw record has, where Avro's resolving reader costs most of a decode. Only a
 * plainly well-formed body is read here: a varint of at most ten bytes adding no bit past 64, union
 * indexes 0 or 1 in one byte, and nothing after the last field. For anything else (truncated,
 * overlong varints, a bad union index, trailing bytes) it answers null and the caller asks Avro,
 * whose verdict and detail then stand exactly as before. {@code RawValueCodecTest} checks that on
 * random and broken records both ways give the same result.
 *
 * <p>Not thread-safe: one per {@link RawValueCodec}.
 */
final class CurrentNumberEventReader {

    /** The union {@code ["null", "long"]}'s branch indexes, as zig-zag varints. */
    private static final byte NULL_BRANCH = 0;
    private static final byte LONG_BRANCH = 2;

    private byte[] bytes;
    private int position;
    private boolean plain;

    /** The number in this single-object value of the current schema, or null when Avro should read it. */
    Decoded read(byte[] value) {
        bytes = value;
        position = RawValueCodec.HEADER_BYTES;
        plain = true;
        long number = varlong();
        Long sequence = nullableLong();
        nullableLong(); // producedAt: unused, read so that the body is known to end right after it
        boolean read = plain && position == value.length;
        bytes = null;
        return read ? Decoded.number(number, sequence) : null;
    }

    private Long nullableLong() {
        if (!plain || position == bytes.length) {
            plain = false;
            return null;
        }
        byte branch = bytes[position++];
        if (branch == NULL_BRANCH) {
            return null;
        }
        if (branch == LONG_BRANCH) {
            return varlong();
        }
        plain = false;
        return null;
    }

    private long varlong() {
        long zigzag = 0;
        for (int shift = 0; plain && position < bytes.length; shift += 7) {
            int b = bytes[position++] & 0xFF;
            if (shift == 63 && b > 1) {
                break; // bits past 64 or an eleventh byte: Avro's to judge
            }
            zigzag |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        plain = false;
        return 0;
    }
}
