package dev.pairing.netns;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names this library gives what it makes, so that a sweep finds them and knows their owner.
 * Every name starts with a tag: {@code pn}, the owning JVM's pid in base 36 (five characters) and
 * the network's number in that JVM (one character). Interface names must fit Linux's 15 characters:
 * the bridge is {@code <tag>br}, host {@code n}'s veth is {@code <tag>v<n>} (its peer, inside the
 * namespace, is renamed {@code eth0}); a namespace is {@code <tag>-<host name>}.
 */
final class NetworkNames {

    static final String PREFIX = "pn";
    private static final Pattern OWNED = Pattern.compile("^" + PREFIX + "([0-9a-z]{5})([0-9a-z])(br|[vp]\\d{1,2}|-.+)$");

    private NetworkNames() {}

    static String tag(long pid, int network) {
        String owner = Long.toString(pid, 36);
        if (owner.length() > 5) {
            throw new IllegalArgumentException("pid " + pid + " does not fit five base-36 digits");
        }
        return PREFIX + "0".repeat(5 - owner.length()) + owner + Character.forDigit(network % 36, 36);
    }

    static String bridge(String tag) {
        return tag + "br";
    }

    static String hostLink(String tag, int host) {
        return tag + "v" + host;
    }

    static String peerLink(String tag, int host) {
        return tag + "p" + host;
    }

    static String namespace(String tag, String host) {
        return tag + "-" + host;
    }

    /** A namespace for the availability probe, owned by this JVM like any other. */
    static String probeNamespace() {
        return namespace(tag(ProcessHandle.current().pid(), 35), "probe");
    }

    /** The tag of a name this library made, or null for anybody else's. */
    static String tagOf(String name) {
        Matcher m = OWNED.matcher(name);
        return m.matches() ? name.substring(0, 8) : null;
    }

    /** The pid of the JVM that made {@code name}, or empty for a name this library did not make. */
    static OptionalLong ownerOf(String name) {
        Matcher m = OWNED.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1), 36)) : OptionalLong.empty();
    }
}
