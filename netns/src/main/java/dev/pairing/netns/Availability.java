package dev.pairing.netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this machine lets a test make hosts in network namespaces, and slow links with tc netem;
 * when not, why, in a sentence a skipped test can print.
 *
 * @param namespaces whether namespaces, veth pairs, a bridge and iptables rules can be made
 * @param netem whether tc's netem queueing discipline (delay, loss) exists in this kernel
 * @param reason why not, or "" when both can
 */
public record Availability(boolean namespaces, boolean netem, String reason) {

    private static volatile Availability probed;

    /** Probes once per JVM (as root: makes and deletes a namespace) and remembers the answer. */
    public static Availability probe() {
        Availability known = probed;
        if (known == null) {
            known = check();
            probed = known;
        }
        return known;
    }

    private static Availability check() {
        List<String> missing = new ArrayList<>();
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return new Availability(false, false, "network namespaces need Linux, this is " + System.getProperty("os.name"));
        }
        for (String tool : List.of("ip", "iptables", "tc", "setsid")) {
            if (onPath(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            return new Availability(false, false, "network namespaces need " + String.join(", ", missing)
                    + " on the PATH (iproute2, iptables, util-linux)");
        }
        if (!"0".equals(Shell.run("id", "-u").output().strip())) {
            return new Availability(false, false, "network namespaces need root (ip netns add, veth, iptables); "
                    + "this JVM runs as uid " + Shell.run("id", "-u").output().strip());
        }
        String probe = NetworkNames.probeNamespace();
        CommandResult made = Shell.run("ip", "netns", "add", probe);
        if (!made.ok()) {
            return new Availability(false, false, "ip netns add failed: " + made.output().strip()
                    + " (a container without CAP_SYS_ADMIN/CAP_NET_ADMIN?)");
        }
        try {
            CommandResult netem = Shell.run("ip", "netns", "exec", probe, "tc", "qdisc", "add", "dev", "lo", "root",
                    "netem", "delay", "1ms");
            return netem.ok() ? new Availability(true, true, "")
                    : new Availability(true, false, "tc netem is missing from this kernel (CONFIG_NET_SCH_NETEM): "
                            + netem.output().strip());
        } finally {
            Shell.run("ip", "netns", "del", probe);
        }
    }

    private static Path onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }
}
