package dev.pairing.netns;

import java.nio.file.Path;
import java.util.List;

/**
 * A JVM that makes a network of two hosts, starts a long sleep on one of them, prints
 * "ready TAG PID" and waits to be killed: what a test JVM looks like when SIGKILL hits it mid-drill.
 */
public final class NetworkHolder {

    private NetworkHolder() {}

    public static void main(String[] args) throws Exception {
        TestNetwork network = TestNetwork.create();
        Host a = network.addHost("holder-a");
        network.addHost("holder-b");
        Process sleeper = a.start(List.of("sleep", "300"), Path.of(args[0]));
        a.cutOffFromAll();
        System.out.println("ready " + network.tag() + " " + sleeper.pid());
        System.out.flush();
        Thread.sleep(300_000);
    }
}
