package dev.pairing.schemas.json;

/**
 * The one rule by which the project writes a JSON string: the registry client's requests and the
 * console's page state both quote text with it, so the two never disagree about an escape.
 */
public final class JsonString {

    private JsonString() {}

    /**
     * {@code value} as a JSON string literal, quotes included: quote, backslash and the control
     * characters escaped, and U+2028 and U+2029 too, which JavaScript once refused inside a string.
     *
     * @param value the text
     * @return the literal
     */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
