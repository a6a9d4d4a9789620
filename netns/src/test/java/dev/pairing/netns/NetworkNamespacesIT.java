package dev.pairing.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real namespaces, real processes: hosts that talk, partitions that block and heal, a slowed link,
 * a frozen process, and nothing left behind, neither after each test nor after a JVM killed with
 * SIGKILL in the middle of one. Skipped, saying why, where the machine does not allow namespaces.
 */
class NetworkNamespacesIT {

    private static final int PORT = 7070;
    private static String rootRulesBefore;

    @TempDir
    Path dir;
    private TestNetwork network;

    @BeforeAll
    static void onlyWhereNamespacesWork() {
        Availability availability = Availability.probe();
        assumeTrue(availability.namespaces(), () -> "skipped: " + availability.reason());
        rootRules();
        rootRulesBefore = rootRules();
    }

    @BeforeEach
    void network() {
        network = TestNetwork.create();
    }

    @AfterEach
    void nothingLeftBehind() {
        String tag = network.tag();
        network.close();
        assertThat(Leftovers.ofTag(tag)).as("namespaces, links and routes of %s", tag)
                .matches(Leftovers::isEmpty, "is empty");
        assertThat(Shell.require("ip", "netns", "list")).as("ip netns list").doesNotContain(tag);
        assertThat(Shell.require("ip", "link")).as("ip link").doesNotContain(tag);
        assertThat(Shell.require("ip", "-4", "route")).as("ip route").doesNotContain(network.gatewayAddress());
        assertThat(rootRules()).as("iptables -S and nft list ruleset of the root namespace").isEqualTo(rootRulesBefore);
    }

    @Test
    void twoHostsReachEachOtherAndTheTestJvm() throws Exception {
        Host a = network.addHost("a");
        Host b = network.addHost("b");
        serve(b);

        assertThat(probe(a, "tcp", b, 3)).as("a's TCP echoes from b").satisfies(r -> assertThat(r.ok()).isTrue());
        try (var server = new java.net.ServerSocket(PORT, 5, java.net.InetAddress.getByName(network.gatewayAddress()))) {
            CommandResult toJvm = a.run("bash", "-c", "echo hello > /dev/tcp/" + network.gatewayAddress() + "/" + PORT);
            assertThat(toJvm.ok()).as("a connects to the test JVM: %s", toJvm.output()).isTrue();
        }
        assertThat(a.run("ip", "-4", "route").output()).as("a host has no default route").doesNotContain("default");
    }

    @Test
    void aCutBlocksOnlyThePeersItNamesAndHealingRestoresThem() throws Exception {
        Host a = network.addHost("a");
        Host b = network.addHost("b");
        Host c = network.addHost("c");
        serve(b);
        serve(c);

        try (Fault cut = a.cutOffFrom(b)) {
            assertThat(probe(a, "tcp", b, 1).ok()).as("a reaches b while %s", cut.description()).isFalse();
            assertThat(probe(a, "tcp", c, 1).ok()).as("a reaches c while cut off from b only").isTrue();
        }
        assertThat(probe(a, "tcp", b, 1).ok()).as("a reaches b once healed").isTrue();

        try (Fault alone = a.cutOffFromAll()) {
            assertThat(probe(a, "tcp", c, 1).ok()).as("a reaches c while %s", alone.description()).isFalse();
            assertThat(network.host("b").run("bash", "-c", "timeout 2 bash -c 'echo > /dev/tcp/" + a.address() + "/22'")
                    .output()).doesNotContain("refused");
        }
        assertThat(probe(a, "tcp", c, 1).ok()).as("a reaches c once healed").isTrue();
    }

    @Test
    void netemDelaysEveryPacketTheHostSends() throws Exception {
        Availability availability = Availability.probe();
        assumeTrue(availability.netem(), () -> "skipped: " + availability.reason());
        Host a = network.addHost("a");
        Host b = network.addHost("b");
        serve(b);
        long before = medianRoundTripMicros(probe(a, "tcp", b, 10));
        long during;
        try (Fault slow = a.impair(LinkImpairment.delay(Duration.ofMillis(100)))) {
            during = medianRoundTripMicros(probe(a, "tcp", b, 10));
        }
        assertThat(during - before).as("median round trip %d us before, %d us with 100 ms of delay", before, during)
                .isGreaterThanOrEqualTo(100_000);
    }

    @Test
    void randomLossDropsAShareOfThePackets() throws Exception {
        Host a = network.addHost("a");
        Host b = network.addHost("b");
        serve(b);
        assertThat(probe(a, "udp", b, 100).output()).contains("received 100 of 100");
        CommandResult lossy;
        try (Fault loss = a.loseRandomly(50)) {
            lossy = probe(a, "udp", b, 100);
        }
        // half of the requests and half of the replies vanish: about a quarter comes back
        int received = Integer.parseInt(lossy.output().replaceAll("(?s).*received (\\d+) of 100.*", "$1"));
        assertThat(received).as("echoes back through a 50 %% lossy link: %s", lossy.output().strip()).isBetween(1, 70);
    }

    @Test
    void aFrozenProcessStopsUntilItIsThawed() throws Exception {
        Host a = network.addHost("a");
        Process sleeper = a.start(List.of("sleep", "300"), dir.resolve("sleep.log"));
        try (Fault freeze = Freeze.of("sleep", sleeper.toHandle())) {
            assertThat(state(sleeper.pid())).as("state while %s", freeze.description()).isEqualTo('T');
        }
        // once thawed it runs ("R") or is back in its sleep ("S"), whichever the scheduler shows now
        assertThat(state(sleeper.pid())).as("state once thawed").isIn('R', 'S');
        assertThat(sleeper.isAlive()).as("the thawed process").isTrue();
    }

    @Test
    void aJvmKilledWithItsNetworkOpenLeavesNothingBehind() throws Exception {
        // the watchdog cleans up after its JVM
        Holder first = Holder.start(dir.resolve("first.log"));
        assertThat(Leftovers.ofTag(first.tag()).namespaces()).hasSize(2);
        first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        await("the watchdog removes " + first.tag()).atMost(Duration.ofSeconds(30))
                .until(() -> Leftovers.ofTag(first.tag()).isEmpty());
        assertThat(ProcessHandle.of(first.sleeperPid())).as("the process it ran in a namespace").isEmpty();

        // a JVM and its watchdog killed together: the next network's sweep cleans up
        Holder second = Holder.start(dir.resolve("second.log"));
        List<ProcessHandle> watchdogs = watchdogsOf(second.tag());
        assertThat(watchdogs).as("the second JVM's watchdog").hasSize(1);
        watchdogs.forEach(ProcessHandle::destroyForcibly);
        second.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        watchdogs.forEach(w -> w.onExit().join());
        assertThat(Leftovers.ofTag(second.tag()).namespaces()).as("left by a JVM killed with its watchdog").hasSize(2);

        TestNetwork.create().close();
        assertThat(Leftovers.ofTag(second.tag())).as("after the next network's sweep").matches(Leftovers::isEmpty, "is empty");
        assertThat(ProcessHandle.of(second.sleeperPid())).as("the process it ran in a namespace").isEmpty();
    }

    /** A child JVM holding a network, its tag and the pid of what it runs in a namespace. */
    private record Holder(Process process, String tag, long sleeperPid) {
        static Holder start(Path log) throws Exception {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), NetworkHolder.class.getName(), log.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
                // start-up output
            }
            assertThat(line).as("the holder JVM got ready").isNotNull();
            String[] fields = line.split(" ");
            return new Holder(process, fields[1], Long.parseLong(fields[2]));
        }
    }

    private static List<ProcessHandle> watchdogsOf(String tag) {
        return ProcessHandle.allProcesses().filter(p -> p.info().arguments()
                .map(args -> List.of(args).contains(Watchdog.class.getName()) && List.of(args).contains(tag))
                .orElse(false)).toList();
    }

    private void serve(Host host) throws Exception {
        Path log = dir.resolve(host.name() + "-serve.log");
        host.start(java(List.of("serve", host.address(), Integer.toString(PORT))), log);
        await(host.name() + " serving").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(log) && Files.readString(log).contains("serving"));
    }

    private static CommandResult probe(Host from, String kind, Host to, int count) {
        List<String> command = new ArrayList<>(from.command(java(List.of(kind, to.address(), Integer.toString(PORT),
                Integer.toString(count)))));
        return Shell.run(command);
    }

    private static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()));
        command.addAll(args);
        return command;
    }

    private static long medianRoundTripMicros(CommandResult result) {
        assertThat(result.ok()).as("echoes: %s", result.output()).isTrue();
        List<Long> micros = result.output().lines().filter(l -> l.startsWith("rtt_us "))
                .map(l -> Long.parseLong(l.substring(7))).sorted().toList();
        return micros.get(micros.size() / 2);
    }

    private static char state(long pid) {
        return ProcessStat.of(pid).orElseThrow().state();
    }

    private static String rootRules() {
        return Shell.run("iptables", "-S").output() + Shell.run("nft", "list", "ruleset").output();
    }
}
