package dev.pairing.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * What this library made and the machine still holds: namespaces, links and guard routes, found by
 * their names (see {@link NetworkNames}) and the route protocol number {@link #GUARD_PROTOCOL}. A
 * sweep removes those whose owning JVM is gone: what a test killed with SIGKILL, or a machine's
 * crash, left behind. Rules and queueing disciplines live inside the namespaces and go with them.
 *
 * @param namespaces the namespaces' names
 * @param links the veth ends and bridges in this (the root) namespace
 * @param guardRoutes the "unreachable" routes that keep a test network's addresses on this machine
 */
public record Leftovers(List<String> namespaces, List<String> links, List<String> guardRoutes) {

    /** Marks the guard routes as ours, so that a sweep can tell them from anybody else's. */
    static final String GUARD_PROTOCOL = "213";

    /** Everything of this library's on the machine now, whoever owns it. */
    public static Leftovers all() {
        return matching(name -> true);
    }

    /** What the network with this tag still has. */
    static Leftovers ofTag(String tag) {
        return matching(name -> tag.equals(NetworkNames.tagOf(name)));
    }

    /**
     * Removes what JVMs that no longer run left behind, and returns it. A network of a JVM that
     * still runs is never touched: several test runs may share the machine.
     */
    public static Leftovers sweepDead() {
        Leftovers dead = matching(name -> {
            OptionalLong owner = NetworkNames.ownerOf(name);
            return owner.isPresent() && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true);
        });
        dead.remove();
        List<String> orphanGuards = orphanGuardRoutes();
        orphanGuards.forEach(Leftovers::deleteRoute);
        List<String> routes = new ArrayList<>(dead.guardRoutes());
        routes.addAll(orphanGuards);
        return new Leftovers(dead.namespaces(), dead.links(), routes);
    }

    public boolean isEmpty() {
        return namespaces.isEmpty() && links.isEmpty() && guardRoutes.isEmpty();
    }

    /** Kills every process inside the namespaces, then deletes them, the links and the routes. */
    void remove() {
        for (String namespace : namespaces) {
            List<ProcessHandle> killed = new ArrayList<>();
            for (String pid : Shell.run("ip", "netns", "pids", namespace).output().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    // SIGKILL also ends a process that a freeze left stopped
                    Shell.run("kill", "-KILL", pid);
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(killed::add);
                }
            }
            awaitGone(killed);
            Shell.run("ip", "netns", "del", namespace);
        }
        // a bridge's ports go first, or its deletion waits on them
        links.stream().filter(link -> !link.endsWith("br")).forEach(link -> Shell.run("ip", "link", "del", link));
        links.stream().filter(link -> link.endsWith("br")).forEach(link -> Shell.run("ip", "link", "del", link));
        guardRoutes.forEach(Leftovers::deleteRoute);
    }

    /** A namespace is gone only once its last process is: wait for them, a few seconds at most. */
    private static void awaitGone(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // not ours to reap (a child of a dead JVM, reaped by init); deleting goes on regardless
            }
        }
    }

    private static Leftovers matching(Predicate<String> owned) {
        List<String> namespaces = new ArrayList<>();
        for (String line : Shell.run("ip", "netns", "list").output().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (NetworkNames.tagOf(name) != null && owned.test(name)) {
                namespaces.add(name);
            }
        }
        List<String> links = new ArrayList<>();
        for (String line : Shell.run("ip", "-o", "link", "show").output().split("\n")) {
            // "12: pn00abc0v1@if11: <BROADCAST,...": the name, without the peer's index
            String[] fields = line.split(":\\s+", 3);
            if (fields.length >= 2) {
                String name = fields[1].split("@")[0].strip();
                if (NetworkNames.tagOf(name) != null && owned.test(name)) {
                    links.add(name);
                }
            }
        }
        List<String> routes = new ArrayList<>();
        for (String subnet : guardSubnets()) {
            String bridge = bridgeHolding(subnet);
            if (bridge != null && owned.test(bridge)) {
                routes.add(subnet);
            }
        }
        return new Leftovers(namespaces, links, routes);
    }

    /** The subnets of this library's guard routes, e.g. "10.213.4.0/24". */
    static List<String> guardSubnets() {
        List<String> subnets = new ArrayList<>();
        for (String line : Shell.run("ip", "-4", "route", "show", "proto", GUARD_PROTOCOL).output().split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && fields[0].equals("unreachable")) {
                subnets.add(fields[1]);
            }
        }
        return subnets;
    }

    /** Guard routes whose network has no bridge any more (its owner died between two clean-up steps). */
    private static List<String> orphanGuardRoutes() {
        return guardSubnets().stream().filter(subnet -> bridgeHolding(subnet) == null).toList();
    }

    /** The bridge of ours with an address in {@code subnet} (a /24), or null. */
    static String bridgeHolding(String subnet) {
        String network = subnet.substring(0, subnet.lastIndexOf('.') + 1);
        for (String line : Shell.run("ip", "-o", "-4", "addr", "show").output().split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 4 && fields[3].startsWith(network) && NetworkNames.tagOf(fields[1]) != null) {
                return fields[1];
            }
        }
        return null;
    }

    private static void deleteRoute(String subnet) {
        Shell.run("ip", "-4", "route", "del", "unreachable", subnet, "proto", GUARD_PROTOCOL);
    }
}
