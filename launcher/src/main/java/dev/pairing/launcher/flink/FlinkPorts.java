package dev.pairing.launcher.flink;

import dev.pairing.launcher.process.Ports;

/**
 * Every port a local Flink cluster listens on, pinned so that nothing is random: the REST API and
 * dashboard, and a block of six internal ports around the JobManager's RPC port (as in Flink's own
 * defaults: 6121 data, 6122 TaskManager RPC, 6123 JobManager RPC, 6124 blob server, 6125 and 6126 the
 * JobManager's and the TaskManager's metric query services).
 */
public record FlinkPorts(int rest, int rpc) {

    public static final FlinkPorts DEFAULT = new FlinkPorts(8081, 6123);

    public FlinkPorts {
        if (rpc - 2 < 1 || rpc + 3 > 65535) {
            throw new IllegalArgumentException("--rpcPort must leave room for rpcPort-2..rpcPort+3, got " + rpc);
        }
    }

    public int taskManagerData() {
        return rpc - 2;
    }

    public int taskManagerRpc() {
        return rpc - 1;
    }

    public int blob() {
        return rpc + 1;
    }

    public int jobManagerQueryService() {
        return rpc + 2;
    }

    public int taskManagerQueryService() {
        return rpc + 3;
    }

    /** For tests: a free REST port and a free block of internal ports. */
    public static FlinkPorts free() {
        int block = Ports.freeRange(6);
        return new FlinkPorts(Ports.freePort(), block + 2);
    }

    /**
     * @throws Ports.PortTakenException naming the first taken port and its flag
     */
    public void requireFree() {
        requireJobManagerPortsFree();
        requireTaskManagerPortsFree();
    }

    void requireJobManagerPortsFree() {
        Ports.requireFree(rest, "the Flink REST API and dashboard", "--restPort");
        Ports.requireFree(rpc, "the Flink JobManager (RPC)", "--rpcPort");
        Ports.requireFree(blob(), "the Flink blob server (--rpcPort + 1)", "--rpcPort");
        Ports.requireFree(jobManagerQueryService(), "the Flink JobManager's metric queries (--rpcPort + 2)", "--rpcPort");
    }

    void requireTaskManagerPortsFree() {
        Ports.requireFree(taskManagerRpc(), "the Flink TaskManager (RPC, --rpcPort - 1)", "--rpcPort");
        Ports.requireFree(taskManagerData(), "the Flink TaskManager (data, --rpcPort - 2)", "--rpcPort");
        Ports.requireFree(taskManagerQueryService(), "the Flink TaskManager's metric queries (--rpcPort + 3)", "--rpcPort");
    }
}
